import type { DbTx } from '../../db/prisma.js';
import type { OnChainState, RequestedAction } from '../../domain/escrow-transitions.js';
import type { Prisma } from '../../generated/prisma/client.js';

export interface EscrowChange {
  nextAction?: RequestedAction;
  errorType?: string | null;
  errorNote?: string | null;
  /** The result hash a SubmitResultRequested action carries. */
  actionResultHash?: string | null;
  onChainState?: OnChainState | null;
  /** Other columns of the request that change with it. */
  data?: Prisma.EscrowRequestUncheckedUpdateInput;
}

/**
 * The one way a payment or purchase changes: a new action row is appended (the log is never
 * rewritten) and the request points at it, in the caller's database transaction.
 */
export async function changeEscrow(tx: DbTx, requestId: string, change: EscrowChange): Promise<void> {
  let currentActionId: string | undefined;
  if (change.nextAction) {
    const action = await tx.escrowAction.create({
      data: {
        requestId,
        requestedAction: change.nextAction,
        errorType: change.errorType ?? null,
        errorNote: change.errorNote ?? null,
        resultHash: change.actionResultHash ?? null,
      },
    });
    currentActionId = action.id;
  }
  await tx.escrowRequest.update({
    where: { id: requestId },
    data: {
      ...change.data,
      ...(currentActionId ? { currentActionId } : {}),
      ...(change.onChainState !== undefined ? { onChainState: change.onChainState } : {}),
    },
  });
}
