import type { Prisma } from '../../generated/prisma/client.js';
import { changeEscrow } from '../../modules/escrow/escrow-state.js';
import type { Job } from '../job.js';

/**
 * Money does not wait for anyone to ask: a seller's result that has passed the unlock time is
 * withdrawn (AUTO_WITHDRAW_PAYMENTS), and a buyer's escrow with no result after the submit-result
 * time is refunded (AUTO_WITHDRAW_REFUNDS). Times are the chain's, not this machine's.
 */
export const autoRequestsJob: Job = {
  name: 'auto-requests',
  intervalMs: (config) => config.jobIntervalMs,
  enabled: (config) => config.autoWithdrawPayments || config.autoWithdrawRefunds,
  async run(ctx) {
    const sources = await ctx.db.paymentSource.findMany({ where: { deletedAt: null } });
    for (const source of sources) {
      const now = (await ctx.chains.forSource(source).tip()).time;
      const waiting = { requestedAction: 'WaitingForExternalAction' as const };
      const due: { where: Prisma.EscrowRequestWhereInput; action: 'WithdrawRequested' | 'WithdrawRefundRequested' }[] = [];
      if (ctx.config.autoWithdrawPayments) {
        due.push({ action: 'WithdrawRequested', where: { role: 'Seller', onChainState: 'ResultSubmitted', unlockTime: { lte: now }, currentAction: waiting } });
      }
      if (ctx.config.autoWithdrawRefunds) {
        due.push({ action: 'WithdrawRefundRequested', where: { role: 'Buyer', onChainState: { in: ['FundsLocked', 'RefundRequested'] }, resultHash: null, submitResultTime: { lte: now }, currentAction: waiting } });
      }
      for (const { where, action } of due) {
        const requests = await ctx.db.escrowRequest.findMany({ where: { ...where, paymentSourceId: source.id }, select: { id: true }, take: 1000 });
        if (requests.length === 0) continue;
        await ctx.db.$transaction(async (tx) => {
          for (const request of requests) await changeEscrow(tx, request.id, { nextAction: action });
        });
        ctx.log.info({ paymentSourceId: source.id, action, count: requests.length }, 'automatic withdrawals requested');
      }
    }
  },
};
