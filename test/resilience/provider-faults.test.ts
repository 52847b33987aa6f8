import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/prisma.js';
import { startDevnet, type Devnet } from '../../src/devnet/index.js';
import { createTestDatabase } from '../helpers/test-database.js';
import { advancePastUnlock, createDeal, defaultSource, type SourceParties, submitResult, waitForBoth, waitForSettledTransactions } from './helpers/deals.js';
import { HttpApi } from './helpers/http-api.js';
import { type Balances, balancesOf, expectWithdrawnDeal, transactionsAt } from './helpers/ledger-model.js';
import { NODE_ADMIN_KEY, type NodeProc, startNodeProcess } from './helpers/node-process.js';

/**
 * A whole payment flow while the provider fails 30 % of requests with 429 or 500. The node runs with
 * PROVIDER_RATE_LIMIT=10/10 — Blockfrost's 10 requests a second with a burst of 10 (in production
 * the burst is Blockfrost's 500) — so the provider's own counters show whether it keeps to the rate.
 */
const RATE = { perSecond: 10, burst: 10 };

let devnet: Devnet;
let database: { url: string; drop(): Promise<void> };
let db: Db;
let node: NodeProc;
let api: HttpApi;
let parties: SourceParties;

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockIntervalMs: 500 });
  database = await createTestDatabase();
  db = createDb(database.url, { maxConnections: 2 });
  node = await startNodeProcess('provider-faults', { databaseUrl: database.url, devnetUrl: devnet.url, env: { PROVIDER_RATE_LIMIT: `${RATE.perSecond}/${RATE.burst}` } });
  api = new HttpApi(() => node.base, NODE_ADMIN_KEY);
  parties = await defaultSource(api);
});

afterAll(async () => {
  devnet?.setFaults({ rate: 0, statuses: [] });
  await node?.kill();
  await db?.$disconnect();
  await database?.drop();
  await devnet?.close();
});

interface Sample {
  ms: number;
  total: number;
  faulted: number;
}

/** The most requests in any window of the samples, per window length. */
function busiest(samples: Sample[], windowMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; j < samples.length; j++) {
    while (samples[j]!.ms - samples[i]!.ms > windowMs) i++;
    most = Math.max(most, samples[j]!.total - samples[i]!.total);
  }
  return most;
}

describe('provider faults: 30 % of requests fail with 429 or 500', () => {
  it('the flow completes with no duplicate transaction, and the node keeps to 10 requests a second', async () => {
    const before: Balances = await balancesOf(devnet, parties);
    const since = new Date();
    const samples: Sample[] = [];
    devnet.resetStats();
    const started = performance.now();
    const sample = () => {
      const stats = devnet.stats();
      samples.push({ ms: performance.now() - started, total: stats.total, faulted: stats.faulted });
    };
    const sampler = setInterval(sample, 100);
    devnet.setFaults({ rate: 0.3, statuses: [429, 500] });
    let done;
    try {
      const deal = await createDeal(api, api, devnet, parties.agentIdentifier);
      await waitForBoth(api, api, deal, 'FundsLocked', 180_000);
      await submitResult(api, deal);
      await waitForBoth(api, api, deal, 'ResultSubmitted', 180_000);
      advancePastUnlock(devnet, [deal]);
      done = await waitForBoth(api, api, deal, 'Withdrawn', 180_000);
    } finally {
      sample();
      clearInterval(sampler);
      devnet.setFaults({ rate: 0, statuses: [] });
    }
    const stats = devnet.stats();
    const seconds = samples.at(-1)!.ms / 1000;

    // The faults were real: about 30 % of what the node asked failed (each request independently, so
    // within three standard deviations of a binomial count; a fast flow asks only some forty times).
    expect(stats.total).toBeGreaterThan(30);
    expect(stats.faulted).toBeGreaterThan(5);
    expect(Math.abs(stats.faulted / stats.total - 0.3)).toBeLessThanOrEqual(3 * Math.sqrt((0.3 * 0.7) / stats.total));

    // One transaction per step, each confirmed: nothing built twice because a read or a submission failed.
    await waitForSettledTransactions(db);
    const built = await db.chainTransaction.findMany({ where: { createdAt: { gte: since } }, orderBy: { createdAt: 'asc' } });
    const seen = JSON.stringify(built.map(({ kind, status, error, txHash, submittedAt }) => ({ kind, status, error, txHash, submittedAt })));
    expect(built.map((tx) => [tx.kind, tx.status]), seen).toEqual([
      ['FundsLocking', 'Confirmed'],
      ['SubmitResult', 'Confirmed'],
      ['Withdraw', 'Confirmed'],
    ]);
    const [lock, result, withdraw] = built as [(typeof built)[number], (typeof built)[number], (typeof built)[number]];
    expect(await transactionsAt(devnet, parties.contractAddress)).toEqual([lock.txHash, result.txHash, withdraw.txHash]);
    expectWithdrawnDeal(before, await balancesOf(devnet, parties), done, { lock: lock.fee!, submit: result.fee!, withdraw: withdraw.fee! });

    // Backs off: in no window did the node ask more than the bucket allows (burst + 10/s; 1 request of slack for timing).
    for (const windowMs of [1_000, 2_000, 5_000, 10_000, 30_000]) {
      const most = busiest(samples, windowMs);
      expect(most, `busiest ${windowMs} ms`).toBeLessThanOrEqual(RATE.burst + (RATE.perSecond * windowMs) / 1000 + 1);
    }
    const perSecond = stats.total / seconds;
    expect(perSecond).toBeLessThanOrEqual(RATE.perSecond);
    const summary = {
      seconds: Math.round(seconds),
      requests: stats.total,
      faulted: stats.faulted,
      averagePerSecond: Number(perSecond.toFixed(1)),
      busiestSecond: busiest(samples, 1_000),
      busiest10sPerSecond: busiest(samples, 10_000) / 10,
      submits: stats.routes['POST /tx/submit'],
    };
    console.log(`provider faults: ${JSON.stringify(summary)}`);
  }, 600_000);
});
