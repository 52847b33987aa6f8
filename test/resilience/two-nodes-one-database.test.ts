import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/prisma.js';
import { startDevnet, type Devnet } from '../../src/devnet/index.js';
import { createTestDatabase } from '../helpers/test-database.js';
import { advancePastUnlock, createDeal, defaultSource, type Deal, type SourceParties, submitResult, waitForBoth, waitForSettledTransactions } from './helpers/deals.js';
import { HttpApi } from './helpers/http-api.js';
import { transactionsAt } from './helpers/ledger-model.js';
import { logRecords, NODE_ADMIN_KEY, type NodeProc, startNodeProcess } from './helpers/node-process.js';

/**
 * Two node processes on one PostgreSQL database and one devnet, both running every job on 1 s
 * timers, serving one flow of three deals between them: every job run is exclusive across the two
 * processes, and every transaction is built, recorded and submitted once.
 */
let devnet: Devnet;
let database: { url: string; drop(): Promise<void> };
let db: Db;
let nodeA: NodeProc;
let nodeB: NodeProc;
let apiA: HttpApi;
let apiB: HttpApi;
let parties: SourceParties;
const DEALS = 3;

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockIntervalMs: 500 });
  database = await createTestDatabase();
  db = createDb(database.url, { maxConnections: 2 });
  const env = { LOG_LEVEL: 'debug' };
  // One after the other: the first creates the devnet payment source, the second finds it.
  nodeA = await startNodeProcess('two-nodes-a', { databaseUrl: database.url, devnetUrl: devnet.url, env });
  nodeB = await startNodeProcess('two-nodes-b', { databaseUrl: database.url, devnetUrl: devnet.url, env });
  apiA = new HttpApi(() => nodeA.base, NODE_ADMIN_KEY);
  apiB = new HttpApi(() => nodeB.base, NODE_ADMIN_KEY);
  parties = await defaultSource(apiA);
});

afterAll(async () => {
  await Promise.all([nodeA?.kill(), nodeB?.kill()]);
  await db?.$disconnect();
  await database?.drop();
  await devnet?.close();
});

interface JobRun {
  node: string;
  job: string;
  from: number;
  to: number;
}

function jobRuns(node: NodeProc): JobRun[] {
  return logRecords(node.log())
    .filter((record) => record.msg === 'job run')
    .map((record) => ({ node: node.name, job: record.job as string, from: record.leasedAt as number, to: record.endedAt as number }));
}

describe('two node processes, one database', () => {
  it('a flow served by both: each transaction built once, each job run exclusive', async () => {
    const sources = await db.paymentSource.count();
    expect(sources).toBe(1);
    devnet.resetStats();
    const since = new Date();

    // Payments on A, purchases on B, results on B, reads from either.
    const deals: Deal[] = [];
    for (let i = 0; i < DEALS; i++) deals.push(await createDeal(apiA, apiB, devnet, parties.agentIdentifier));
    for (const deal of deals) await waitForBoth(apiB, apiA, deal, 'FundsLocked', 120_000);
    for (const deal of deals) await submitResult(apiB, deal);
    for (const deal of deals) await waitForBoth(apiA, apiB, deal, 'ResultSubmitted', 120_000);
    advancePastUnlock(devnet, deals);
    for (const deal of deals) {
      const done = await waitForBoth(apiB, apiA, deal, 'Withdrawn', 120_000);
      expect(done.payment.NextAction.requestedAction).toBe('None');
    }

    // Each request: one lock, one result, one withdrawal, all confirmed — never built twice.
    await waitForSettledTransactions(db);
    const built = await db.chainTransaction.findMany({ where: { createdAt: { gte: since } }, include: { requests: { select: { id: true, role: true } } } });
    expect(built.every((tx) => tx.status === 'Confirmed')).toBe(true);
    const requests = await db.escrowRequest.findMany({ include: { transactionHistory: true } });
    expect(requests).toHaveLength(2 * DEALS);
    for (const request of requests) {
      const kinds = request.transactionHistory.map((tx) => tx.kind).sort();
      expect(kinds, `${request.role} ${request.id}`).toEqual(['FundsLocking', 'SubmitResult', 'Withdraw']);
    }
    expect(new Set(built.map((tx) => tx.txHash)).size).toBe(built.length);
    // Every built transaction reached the devnet once: no second node submitted it again.
    expect(devnet.stats().routes['POST /tx/submit']).toBe(built.length);
    const onContract = await transactionsAt(devnet, parties.contractAddress);
    for (const tx of built) expect(onContract.filter((hash) => hash === tx.txHash)).toHaveLength(1);

    await Promise.all([nodeA.stop(), nodeB.stop()]);
    const runs = [...jobRuns(nodeA), ...jobRuns(nodeB)];
    const byJob = new Map<string, JobRun[]>();
    for (const run of runs) byJob.set(run.job, [...(byJob.get(run.job) ?? []), run]);
    // Both processes really competed for the same jobs…
    for (const job of ['watch-chain', 'monitor-transactions', 'escrow-FundsLocking', 'escrow-Withdraw']) {
      const nodesRunning = new Set((byJob.get(job) ?? []).map((run) => run.node));
      expect(nodesRunning.size, `${job} ran on both nodes`).toBe(2);
    }
    // …and no job ever ran on both at once.
    for (const [job, list] of byJob) {
      list.sort((a, b) => a.from - b.from);
      for (let i = 1; i < list.length; i++) {
        const previous = list[i - 1]!;
        const current = list[i]!;
        expect(current.from, `${job}: ${current.node} started at ${current.from} while ${previous.node} ran until ${previous.to}`).toBeGreaterThanOrEqual(previous.to);
      }
    }
  }, 480_000);
});
