import type { DbTx } from '../../db/prisma.js';
import type { ChainTransaction } from '../../generated/prisma/client.js';
import { escrowOutcome } from '../escrow/escrow-outcome.js';

export type Outcome = { status: 'Confirmed' } | { status: 'Failed'; reason: string };

/** What each kind of request does when a transaction of its settles. Runs in the monitor's database transaction. */
export type OutcomeHandler = (tx: DbTx, transaction: ChainTransaction, outcome: Outcome) => Promise<void>;

const registryOutcome: OutcomeHandler = async (tx, transaction, outcome) => {
  const requests = await tx.registryRequest.findMany({ where: { currentTransactionId: transaction.id } });
  for (const request of requests) {
    const registering = request.state === 'RegistrationInitiated';
    if (!registering && request.state !== 'DeregistrationInitiated') continue;
    const state =
      outcome.status === 'Confirmed'
        ? registering ? 'RegistrationConfirmed' : 'DeregistrationConfirmed'
        : registering ? 'RegistrationFailed' : 'DeregistrationFailed';
    await tx.registryRequest.update({ where: { id: request.id }, data: { state, error: outcome.status === 'Failed' ? outcome.reason : null } });
  }
};

const handlers: readonly OutcomeHandler[] = [registryOutcome, escrowOutcome];

export async function applyOutcome(tx: DbTx, transaction: ChainTransaction, outcome: Outcome): Promise<void> {
  for (const handler of handlers) await handler(tx, transaction, outcome);
}
