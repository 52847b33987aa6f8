import type { AppDeps } from '../../deps.js';
import { commandOfInitiated, commandOfRequested, COMMANDS, isFinal, mayRequest, type OnChainState, type RequestedAction, type Role } from '../../domain/escrow-transitions.js';
import { AppError } from '../../errors.js';
import type { Network } from '../../generated/prisma/enums.js';
import type { AuthenticatedKey } from '../../plugins/auth.js';
import type { EscrowRow } from './escrow.dto.js';
import { assertOwner, findEscrow } from './escrow.service.js';
import { changeEscrow } from './escrow-state.js';

export interface RecoveryInput {
  network: Network;
  blockchainIdentifier: string;
  updatedAt: string;
  retryPreviousAction?: boolean | undefined;
}

function parseUpdatedAt(value: string): number {
  if (/^\d+$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new AppError('VALIDATION_ERROR', 'updatedAt: must be the ISO-8601 or unix-ms updatedAt of the request');
  return ms;
}

/** The command the request was doing before it stopped, if it may be tried again now. */
function retryableAction(row: EscrowRow & { actions: { requestedAction: string }[] }, role: Role, state: OnChainState | null): RequestedAction {
  for (const entry of row.actions) {
    const action = entry.requestedAction;
    const command = commandOfRequested(action) ?? commandOfInitiated(action);
    if (!command) continue;
    if (!mayRequest(command, { role, onChainState: state, nextAction: command === 'FundsLocking' ? 'FundsLockingRequested' : 'WaitingForExternalAction' }).ok) {
      throw new AppError('INVALID_STATE', `the previous action ${command} is not possible in on-chain state ${state ?? 'none'}`);
    }
    return COMMANDS[command].requested;
  }
  throw new AppError('INVALID_STATE', 'there is no previous action to retry');
}

/**
 * Clears WaitingForManualAction after an operator looked at it. `updatedAt` is an optimistic lock:
 * a stale value means someone (or the chain) changed the request meanwhile.
 */
export async function recoverFromError(deps: Pick<AppDeps, 'db'>, caller: AuthenticatedKey, role: Role, input: RecoveryInput): Promise<void> {
  const seen = parseUpdatedAt(input.updatedAt);
  const row = await findEscrow(deps, role, input.network, input.blockchainIdentifier, true);
  assertOwner(caller, row, role);
  if (row.updatedAt.getTime() !== seen) {
    throw new AppError('STALE_UPDATE', `updatedAt: the request changed at ${row.updatedAt.toISOString()}; read it again before recovering`);
  }
  const current = row.currentAction?.requestedAction ?? 'None';
  if (current !== 'WaitingForManualAction') throw new AppError('INVALID_STATE', `the request is not waiting for manual action; its next action is ${current}`);
  if (row.currentTransaction?.status === 'Pending') throw new AppError('INVALID_STATE', `transaction ${row.currentTransaction.txHash} is still in flight; wait for it to confirm or expire`);
  const state = row.onChainState;
  const next: RequestedAction = input.retryPreviousAction ? retryableAction(row, role, state) : isFinal(state) || state === null ? 'None' : 'WaitingForExternalAction';
  const resultHash = next === 'SubmitResultRequested' ? row.actions.find((entry) => entry.resultHash)?.resultHash ?? null : null;
  await deps.db.$transaction(async (tx) => {
    const locked = await tx.escrowRequest.updateMany({ where: { id: row.id, updatedAt: row.updatedAt }, data: { updatedAt: new Date() } });
    if (locked.count !== 1) throw new AppError('STALE_UPDATE', 'updatedAt: the request changed while it was being recovered');
    await changeEscrow(tx, row.id, { nextAction: next, actionResultHash: resultHash });
  });
}
