import type { Chain, ChainTip } from '../cardano/chain.js';
import type { ChainTransaction } from '../generated/prisma/client.js';
import type { Job, JobContext } from './job.js';
import { applyOutcome, type Outcome } from './tx/transaction-outcomes.js';

/** An unconfirmed transaction is offered to the provider again this often, in case it was lost. */
const RESUBMIT_AFTER_MS = 60_000;
/**
 * A row never marked submitted is left alone this long after it was written: its job may be
 * submitting it right now (here or on another node). After that it was left by a crash or an
 * uncertain submission, and the monitor submits it.
 */
const UNSUBMITTED_GRACE_MS = 15_000;

async function settle(ctx: JobContext, transaction: ChainTransaction, outcome: Outcome, extra: { blockHeight?: number; confirmations?: number } = {}): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const updated = await tx.chainTransaction.updateMany({
      where: { id: transaction.id, status: 'Pending' },
      data: { status: outcome.status, ...extra, ...(outcome.status === 'Failed' ? { error: outcome.reason } : {}) },
    });
    if (updated.count === 0) return;
    await tx.hotWallet.updateMany({ where: { pendingTransactionId: transaction.id }, data: { pendingTransactionId: null } });
    await applyOutcome(tx, transaction, outcome);
  });
  ctx.log.info({ txHash: transaction.txHash, kind: transaction.kind, outcome: outcome.status }, 'transaction settled');
}

async function check(ctx: JobContext, chain: Chain, tip: ChainTip, transaction: ChainTransaction): Promise<void> {
  const block = await chain.txBlock(transaction.txHash);
  if (block) {
    const confirmations = tip.height - block.blockHeight + 1;
    if (confirmations >= ctx.config.blockConfirmationsThreshold) {
      await settle(ctx, transaction, { status: 'Confirmed' }, { blockHeight: block.blockHeight, confirmations });
    } else {
      await ctx.db.chainTransaction.update({ where: { id: transaction.id }, data: { blockHeight: block.blockHeight, confirmations } });
    }
    return;
  }
  if (tip.time > transaction.validUntil) {
    // Past its validity deadline and not on chain: it can never land, so its requests may be retried.
    await settle(ctx, transaction, { status: 'Failed', reason: 'the transaction did not confirm before its validity deadline' });
    return;
  }
  const due = transaction.submittedAt
    ? Date.now() - transaction.submittedAt.getTime() > RESUBMIT_AFTER_MS
    : Date.now() - transaction.createdAt.getTime() > UNSUBMITTED_GRACE_MS;
  if (transaction.signedCbor && due) {
    try {
      await chain.submit(transaction.signedCbor);
      ctx.log.info({ txHash: transaction.txHash }, 'transaction (re)submitted');
    } catch (error) {
      ctx.log.debug({ txHash: transaction.txHash, err: error }, 'resubmission refused; waiting for the deadline');
    }
    await ctx.db.chainTransaction.update({ where: { id: transaction.id }, data: { submittedAt: new Date() } });
  }
}

/**
 * Follows every transaction the node sent: confirms it once buried deep enough (freeing its
 * wallet), resubmits one the provider may have lost, and fails one that passed its deadline.
 */
export const monitorTransactionsJob: Job = {
  name: 'monitor-transactions',
  intervalMs: (config) => config.jobIntervalMs,
  async run(ctx) {
    const pending = await ctx.db.chainTransaction.findMany({
      where: { status: 'Pending', paymentSourceId: { not: null } },
      include: { paymentSource: true },
      orderBy: { createdAt: 'asc' },
      take: 500,
    });
    const tips = new Map<string, ChainTip>();
    for (const transaction of pending) {
      const source = transaction.paymentSource;
      if (!source) continue;
      const chain = ctx.chains.forSource(source);
      let tip = tips.get(source.id);
      if (!tip) {
        tip = await chain.tip();
        tips.set(source.id, tip);
      }
      await check(ctx, chain, tip, transaction);
    }
  },
};
