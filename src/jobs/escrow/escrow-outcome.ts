import { commandOfInitiated, COMMANDS } from '../../domain/escrow-transitions.js';
import { changeEscrow } from '../../modules/escrow/escrow-state.js';
import type { OutcomeHandler } from '../tx/transaction-outcomes.js';

/** After this many failed transactions for one request, an operator decides. */
const MAX_ATTEMPTS = 3;

/**
 * A transaction of ours that can no longer land (expired, or refused) sends its requests back to
 * Requested so the job builds a fresh one — safe, because the old one can never confirm. Once
 * it keeps failing, the request waits for an operator with the reason.
 */
export const escrowOutcome: OutcomeHandler = async (tx, transaction, outcome) => {
  if (outcome.status !== 'Failed') return;
  const requests = await tx.escrowRequest.findMany({
    where: { currentTransactionId: transaction.id },
    include: { currentAction: true, _count: { select: { transactionHistory: { where: { status: 'Failed', kind: transaction.kind } } } } },
  });
  for (const request of requests) {
    const command = commandOfInitiated(request.currentAction?.requestedAction ?? 'None');
    if (!command) continue;
    const attempts = request._count.transactionHistory;
    await changeEscrow(tx, request.id, attempts >= MAX_ATTEMPTS
      ? { nextAction: 'WaitingForManualAction', errorType: 'NetworkError', errorNote: `${command} failed ${attempts} times; last: ${outcome.reason}` }
      : { nextAction: COMMANDS[command].requested, errorNote: `retrying ${command}: ${outcome.reason}`, actionResultHash: request.currentAction?.resultHash ?? null });
  }
};
