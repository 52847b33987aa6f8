import type { DbTx } from '../../db/prisma.js';
import type { OnChainState, RequestedAction } from '../../domain/escrow-transitions.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { escrowEventsOf } from '../webhook/webhook-events.js';
import { enqueueEscrowEvents } from '../webhook/webhook-outbox.js';

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
 * rewritten) and the request points at it, in the caller's database transaction. A change of the
 * on-chain state or of the next action also writes its webhook deliveries there (the outbox).
 */
export async function changeEscrow(tx: DbTx, requestId: string, change: EscrowChange): Promise<void> {
  const before = await tx.escrowRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { onChainState: true, currentAction: { select: { requestedAction: true } } },
  });
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
  const after = await tx.escrowRequest.update({
    where: { id: requestId },
    data: {
      ...change.data,
      ...(currentActionId ? { currentActionId } : {}),
      ...(change.onChainState !== undefined ? { onChainState: change.onChainState } : {}),
    },
    select: { role: true, onChainState: true, paymentSource: { select: { network: true } } },
  });
  const previousAction = before.currentAction?.requestedAction ?? 'None';
  const events = escrowEventsOf(
    after.role,
    { onChainState: before.onChainState, nextAction: previousAction },
    { onChainState: after.onChainState, nextAction: change.nextAction ?? previousAction },
  );
  if (events.length > 0) await enqueueEscrowEvents(tx, requestId, { role: after.role, network: after.paymentSource.network }, events);
}
