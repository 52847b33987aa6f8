import type { EscrowCommand } from '../../domain/escrow-transitions.js';
import { changeEscrow } from '../../modules/escrow/escrow-state.js';
import type { JobContext } from '../job.js';

export const isInsufficientFunds = (error: unknown): boolean => /cannot cover|insufficient|not enough|balance/i.test(error instanceof Error ? error.message : String(error));

/**
 * A transaction that cannot be built (no funds, an escrow that no longer fits its datum, …) is not
 * retried blindly: the requests wait for an operator, with the reason, and nothing was sent.
 */
export async function failBuild(ctx: JobContext, command: EscrowCommand, requests: { id: string }[], error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const insufficient = isInsufficientFunds(error);
  const note = insufficient ? `the wallet has too little ADA for ${command}: ${message}` : `${command} could not be built: ${message}`;
  await ctx.db.$transaction(async (tx) => {
    for (const request of requests) {
      await changeEscrow(tx, request.id, { nextAction: 'WaitingForManualAction', errorType: insufficient ? 'InsufficientFunds' : 'Unknown', errorNote: note.slice(0, 1000) });
    }
  });
  ctx.log.warn({ command, requests: requests.map((request) => request.id), err: error }, 'escrow transaction could not be built');
}
