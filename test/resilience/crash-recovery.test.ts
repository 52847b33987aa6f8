import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/prisma.js';
import { startDevnet, type Devnet } from '../../src/devnet/index.js';
import { CRASH_POINTS, type CrashPointName } from '../../src/jobs/tx/crash-point.js';
import { createTestDatabase } from '../helpers/test-database.js';
import { advancePastUnlock, createDeal, createFundedSource, type Deal, type SourceParties, submitResult, waitForBoth, waitForSettledTransactions } from './helpers/deals.js';
import { HttpApi } from './helpers/http-api.js';
import { type Balances, balancesOf, expectWithdrawnDeal, transactionsAt } from './helpers/ledger-model.js';
import { awaitExit, NODE_ADMIN_KEY, type NodeProc, startNodeProcess } from './helpers/node-process.js';

/**
 * kill -9 at every step of sending a transaction (CRASH_AT, see src/jobs/tx/crash-point.ts), for a
 * lock and for a withdrawal, then a restart on the same database. One lane per crash point, each
 * with its own node process, database and contract, side by side on one devnet.
 */
interface Lane {
  point: CrashPointName;
  database: { url: string; drop(): Promise<void> };
  db: Db;
  node: NodeProc;
  api: HttpApi;
  parties: SourceParties;
  deal: Deal;
  before: Balances;
  lockHash: string;
  withdrawHash: string;
}

let devnet: Devnet;
const lanes: Lane[] = [];
const nodes: NodeProc[] = [];

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockIntervalMs: 500 });
  devnet.resetStats();
});

afterAll(async () => {
  await Promise.all(nodes.map((node) => node.kill()));
  for (const lane of lanes) {
    await lane.db.$disconnect();
    await lane.database.drop();
  }
  await devnet?.close();
});

async function startNode(lane: Pick<Lane, 'point' | 'database'>, step: number, crashAt: string | undefined): Promise<NodeProc> {
  const node = await startNodeProcess(`crash-${lane.point}-${step}`, { databaseUrl: lane.database.url, devnetUrl: devnet.url, env: crashAt ? { CRASH_AT: crashAt } : {} });
  nodes.push(node);
  return node;
}

async function requestOf(db: Db, role: 'Buyer' | 'Seller', blockchainIdentifier: string) {
  return db.escrowRequest.findFirstOrThrow({ where: { role, blockchainIdentifier }, include: { currentAction: true, transactionHistory: { orderBy: { createdAt: 'asc' } } } });
}

async function knownToDevnet(txHash: string): Promise<boolean> {
  if (devnet.mempool().includes(txHash)) return true;
  return (await fetch(`${devnet.url}/txs/${txHash}`)).status === 200;
}

/** What a kill at `point` must leave behind: one recorded transaction, in flight, never lost. */
async function expectCrashLeftover(lane: Lane, role: 'Buyer' | 'Seller', kind: string, initiated: string): Promise<string> {
  const request = await requestOf(lane.db, role, lane.deal.blockchainIdentifier);
  const rows = request.transactionHistory.filter((tx) => tx.kind === kind);
  expect(rows, `${lane.point}: one ${kind} transaction recorded`).toHaveLength(1);
  const row = rows[0]!;
  expect(row.status).toBe('Pending');
  expect(row.signedCbor).toBeTruthy();
  expect(request.currentAction?.requestedAction).toBe(initiated);
  expect(row.submittedAt === null, `${lane.point}: submittedAt written`).toBe(lane.point !== 'after-write');
  expect(await knownToDevnet(row.txHash), `${lane.point}: the devnet saw ${kind}`).toBe(lane.point !== 'before-submit');
  return row.txHash;
}

async function lockPhase(point: CrashPointName): Promise<void> {
  const database = await createTestDatabase();
  const partial = { point, database, db: createDb(database.url, { maxConnections: 2 }) } as Lane;
  lanes.push(partial);
  const lane = partial;
  lane.node = await startNode(lane, 1, `${point}:FundsLocking`);
  lane.api = new HttpApi(() => lane.node.base, NODE_ADMIN_KEY);
  lane.parties = await createFundedSource(lane.api, devnet);
  lane.before = await balancesOf(devnet, lane.parties);
  lane.deal = await createDeal(lane.api, lane.api, devnet, lane.parties.agentIdentifier);

  expect((await awaitExit(lane.node, 90_000)).signal).toBe('SIGKILL');
  lane.lockHash = await expectCrashLeftover(lane, 'Buyer', 'FundsLocking', 'FundsLockingInitiated');

  lane.node = await startNode(lane, 2, `${point}:Withdraw`);
  const locked = await waitForBoth(lane.api, lane.api, lane.deal, 'FundsLocked', 150_000);
  expect(locked.purchase.CurrentTransaction.txHash).toBe(lane.lockHash);
  await submitResult(lane.api, lane.deal);
  await waitForBoth(lane.api, lane.api, lane.deal, 'ResultSubmitted', 150_000);
}

async function withdrawPhase(lane: Lane): Promise<void> {
  expect((await awaitExit(lane.node, 150_000)).signal).toBe('SIGKILL');
  lane.withdrawHash = await expectCrashLeftover(lane, 'Seller', 'Withdraw', 'WithdrawInitiated');
  lane.node = await startNode(lane, 3, undefined);
  const done = await waitForBoth(lane.api, lane.api, lane.deal, 'Withdrawn', 150_000);
  expect(done.payment.NextAction.requestedAction).toBe('None');
  expect(done.purchase.NextAction.requestedAction).toBe('None');

  await waitForSettledTransactions(lane.db);
  // No duplicate: each step was built once (in the whole database), and that one transaction is what landed.
  const built = await lane.db.chainTransaction.findMany({ orderBy: { createdAt: 'asc' } });
  expect(built.map((tx) => [tx.kind, tx.status])).toEqual([
    ['RegisterAgent', 'Confirmed'],
    ['FundsLocking', 'Confirmed'],
    ['SubmitResult', 'Confirmed'],
    ['Withdraw', 'Confirmed'],
  ]);
  const [, lock, result, withdraw] = built as [unknown, (typeof built)[number], (typeof built)[number], (typeof built)[number]];
  const purchase = await requestOf(lane.db, 'Buyer', lane.deal.blockchainIdentifier);
  const payment = await requestOf(lane.db, 'Seller', lane.deal.blockchainIdentifier);
  for (const request of [purchase, payment]) expect(request.transactionHistory.map((tx) => tx.id)).toEqual([lock.id, result.id, withdraw.id]);
  expect([lock.txHash, withdraw.txHash]).toEqual([lane.lockHash, lane.withdrawHash]);
  expect(await transactionsAt(devnet, lane.parties.contractAddress)).toEqual([lock.txHash, result.txHash, withdraw.txHash]);
  // The buyer's wallet: its faucet top-up, the one lock, and the withdrawal returning its collateral.
  const buyerTxs = await transactionsAt(devnet, lane.parties.buyerAddress);
  expect(buyerTxs.filter((hash) => hash !== lock.txHash && hash !== withdraw.txHash)).toHaveLength(1);
  expect(buyerTxs.filter((hash) => hash === lock.txHash)).toHaveLength(1);

  // No double payment: the devnet's balances are exactly the model's, fees from the chain.
  const feeOf = async (txHash: string) => BigInt(((await (await fetch(`${devnet.url}/txs/${txHash}`)).json()) as { fees: string }).fees);
  const fees = { lock: await feeOf(lock.txHash), submit: await feeOf(result.txHash), withdraw: await feeOf(withdraw.txHash) };
  expect([lock.fee, result.fee, withdraw.fee]).toEqual([fees.lock, fees.submit, fees.withdraw]);
  expectWithdrawnDeal(lane.before, await balancesOf(devnet, lane.parties), done, fees);
  await lane.node.stop();
}

describe('kill -9 at every step of a lock and of a withdrawal, restart on the same database', () => {
  it(`a lock killed ${CRASH_POINTS.join(' / ')} is finished after the restart, with its one transaction`, async () => {
    await Promise.all(CRASH_POINTS.map((point) => lockPhase(point)));
  }, 480_000);

  it('a withdrawal killed at the same points is finished after the restart; no duplicate, no double payment', async () => {
    expect(lanes).toHaveLength(CRASH_POINTS.length);
    advancePastUnlock(
      devnet,
      lanes.map((lane) => lane.deal),
    );
    await Promise.all(lanes.map((lane) => withdrawPhase(lane)));
    // Each transaction reached the devnet once: by its job, or (killed before-submit) by the monitor after the restart.
    let built = 0;
    for (const lane of lanes) built += await lane.db.chainTransaction.count();
    expect(devnet.stats().routes['POST /tx/submit']).toBe(built);
  }, 480_000);
});
