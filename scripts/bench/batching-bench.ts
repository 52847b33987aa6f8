import { randomBytes } from 'node:crypto';
import { batchLimit } from '../../src/cardano/builders/batch-limits.js';
import type { Devnet } from '../../src/devnet/index.js';
import { waitFor } from '../../test/helpers/wait.js';
import { type BenchNode, payAndPurchase } from './bench-node.js';

export interface BatchRow {
  action: string;
  requests: number;
  /** escrows per transaction, in the order the jobs sent them */
  perTx: number[];
  limit: number;
}

/**
 * Runs a command job once per round until every request has a transaction, and counts the
 * requests each transaction carries. Between rounds the transaction confirms and the monitor frees
 * the wallet, as on a running node.
 */
async function batchesOf(node: BenchNode, devnet: Devnet, job: string, kind: string, requestIds: string[]): Promise<number[]> {
  const perTx: number[] = [];
  const seen = new Set<string>();
  for (let round = 0; round < 10 && seen.size < requestIds.length; round++) {
    await node.runJobs(job);
    const txs = await node.db.chainTransaction.findMany({ where: { kind, requests: { some: { id: { in: requestIds } } } }, include: { requests: { select: { id: true } } }, orderBy: { createdAt: 'asc' } });
    for (const tx of txs) {
      const fresh = tx.requests.filter((request) => requestIds.includes(request.id) && !seen.has(request.id));
      if (fresh.length === 0) continue;
      fresh.forEach((request) => seen.add(request.id));
      perTx.push(fresh.length);
      await devnet.waitForTx(tx.txHash, 30_000);
    }
    await node.runJobs('monitor-transactions');
  }
  return perTx;
}

/** 40 purchases from one purchasing wallet locked by the lock job, then 40 results submitted by the selling wallet. */
export async function benchBatching(node: BenchNode, devnet: Devnet, count = 40): Promise<BatchRow[]> {
  const pairs = [];
  for (let i = 0; i < count; i++) pairs.push(await payAndPurchase(node, devnet.nowMs()));
  const purchaseIds = pairs.map((pair) => pair.purchaseId);
  const paymentIds = pairs.map((pair) => pair.paymentId);
  const locks = await batchesOf(node, devnet, 'escrow-FundsLocking', 'FundsLocking', purchaseIds);

  await waitFor('payments FundsLocked', async () => {
    await node.runJobs('watch-chain');
    return (await node.db.escrowRequest.count({ where: { id: { in: paymentIds }, onChainState: 'FundsLocked' } })) === count;
  });
  for (const pair of pairs) {
    const submitted = await node.api('POST', '/payment/submit-result', { network: 'Preprod', blockchainIdentifier: pair.blockchainIdentifier, submitResultHash: randomBytes(32).toString('hex') });
    if (submitted.status !== 200) throw new Error(`submit-result: ${submitted.raw}`);
  }
  const results = await batchesOf(node, devnet, 'escrow-SubmitResult', 'SubmitResult', paymentIds);
  return [
    { action: 'Lock (purchases, one purchasing wallet)', requests: count, perTx: locks, limit: batchLimit('Lock', 'inline') },
    { action: 'SubmitResult (seller, one selling wallet)', requests: count, perTx: results, limit: batchLimit('SubmitResult', 'inline') },
  ];
}
