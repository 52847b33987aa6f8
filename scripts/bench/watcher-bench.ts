import type { Devnet } from '../../src/devnet/index.js';
import { startScheduler } from '../../src/jobs/scheduler.js';
import { watchChainJob } from '../../src/jobs/watch-chain.job.js';
import { waitFor } from '../../test/helpers/wait.js';
import { type BenchNode, payAndPurchase } from './bench-node.js';
import { openEscrowRows } from '../../test/helpers/open-escrow-rows.js';

export interface WatcherCalls {
  openRequests: number;
  calls: number;
  routes: Record<string, number>;
}

export interface ConfirmationDelay {
  intervalMs: number;
  delaysMs: number[];
  /** the longest watch-chain run meanwhile: a lock that just missed a cycle waits one interval plus this */
  longestCycleMs: number;
}

/** Marks the rows this bench inserts, so it can remove them again. */
const FILLER_AGENT = 'f'.repeat(56);

async function quietCycle(node: BenchNode, devnet: Devnet): Promise<WatcherCalls & { sources: number }> {
  await node.runJobs('watch-chain');
  devnet.pauseBlocks();
  try {
    devnet.resetStats();
    await node.runJobs('watch-chain');
    const stats = devnet.stats();
    const sources = await node.db.paymentSource.count({ where: { deletedAt: null } });
    const openRequests = await node.db.escrowRequest.count({ where: { onChainState: { in: ['FundsLocked', 'ResultSubmitted', 'RefundRequested', 'Disputed'] } } });
    return { openRequests, calls: stats.total, routes: { ...stats.routes }, sources };
  } finally {
    devnet.resumeBlocks();
  }
}

async function insertOpenRequests(node: BenchNode, devnet: Devnet, count: number): Promise<void> {
  const source = await node.db.paymentSource.findFirstOrThrow({ where: { deletedAt: null } });
  const key = await node.db.apiKey.findFirstOrThrow();
  const now = BigInt(devnet.nowMs());
  for (let done = 0; done < count; done += 1000) {
    const data = openEscrowRows(Math.min(1000, count - done), { paymentSourceId: source.id, requestedById: key.id }, now, FILLER_AGENT);
    await node.db.escrowRequest.createMany({ data });
  }
}

/** Provider calls of one quiet watcher cycle (no new block) with 0, 1,000 and 10,000 open requests. */
export async function benchWatcherCalls(node: BenchNode, devnet: Devnet): Promise<{ rows: WatcherCalls[]; sources: number }> {
  const rows: WatcherCalls[] = [];
  let sources = 0;
  for (const target of [0, 1000, 10_000]) {
    const open = await node.db.escrowRequest.count({ where: { agentIdentifier: { startsWith: FILLER_AGENT } } });
    await insertOpenRequests(node, devnet, target - open);
    const cycle = await quietCycle(node, devnet);
    sources = cycle.sources;
    rows.push({ openRequests: cycle.openRequests, calls: cycle.calls, routes: cycle.routes });
  }
  await node.db.escrowRequest.deleteMany({ where: { agentIdentifier: { startsWith: FILLER_AGENT } } });
  return { rows, sources };
}

/**
 * The watch-chain job on its own timer (WATCHER_INTERVAL_MS): each sample locks one purchase and
 * measures from the moment the devnet forges the block holding the lock to the seller's payment
 * row showing FundsLocked.
 */
export async function benchConfirmationDelay(node: BenchNode, devnet: Devnet, samples: number): Promise<ConfirmationDelay> {
  let longestCycleMs = 0;
  const timer = startScheduler(node.deps, [watchChainJob], { timers: true, onRun: (run) => (longestCycleMs = Math.max(longestCycleMs, run.durationMs)) });
  const delaysMs: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      const { paymentId, purchaseId } = await payAndPurchase(node, devnet.nowMs());
      await node.runJobs('escrow-FundsLocking');
      const purchase = await node.db.escrowRequest.findUniqueOrThrow({ where: { id: purchaseId }, include: { currentTransaction: true } });
      if (!purchase.currentTransaction) throw new Error('the lock job made no transaction');
      await devnet.waitForTx(purchase.currentTransaction.txHash, 30_000);
      const inBlock = performance.now();
      await waitFor('payment FundsLocked', async () => (await node.db.escrowRequest.findUniqueOrThrow({ where: { id: paymentId } })).onChainState === 'FundsLocked', 30_000, 5);
      delaysMs.push(performance.now() - inBlock);
      await node.runJobs('monitor-transactions');
    }
  } finally {
    await timer.stop();
  }
  return { intervalMs: node.config.watcherIntervalMs, delaysMs, longestCycleMs };
}
