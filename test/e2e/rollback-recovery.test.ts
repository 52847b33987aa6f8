import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResultHash } from '../../src/domain/mip004-hash.js';
import { expectConserved, feesSince, snapshot } from './balances.js';
import { bothIn, payAndPurchase, pumpUntil, startTwoNodes, stateOf, type TwoNodes } from './two-nodes.js';

let nodes: TwoNodes;
let contract: string;

beforeAll(async () => {
  nodes = await startTwoNodes();
  contract = (await nodes.seller.api('GET', '/payment-source', { take: '1' })).body.data.PaymentSources[0].smartContractAddress;
});

/** Runs a scenario and checks that the four parties lost exactly the fees of the confirmed transactions. */
async function conserving(scenario: () => Promise<void>): Promise<void> {
  const since = new Date();
  const before = await snapshot(nodes, contract);
  await scenario();
  expectConserved(before, await snapshot(nodes, contract), await feesSince(nodes, since));
}
afterAll(() => nodes?.close());

async function blockOf(txHash: string): Promise<number> {
  const response = await fetch(`${nodes.devnet.url}/txs/${txHash}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { block_height: number }).block_height;
}

/**
 * Drops every block from the one holding `txHash` to the tip, lets both watchers see the chain
 * without it, then lets blocks flow again.
 */
async function rollBackTo(txHash: string, mode: 'mempool' | 'discard', whileRolledBack: () => Promise<void>) {
  nodes.devnet.pauseBlocks();
  try {
    const depth = nodes.devnet.tip().height - (await blockOf(txHash)) + 1;
    nodes.devnet.rollback(depth, mode);
    await nodes.seller.runJobs('watch-chain');
    await nodes.buyer.runJobs('watch-chain');
    await whileRolledBack();
  } finally {
    nodes.devnet.resumeBlocks();
  }
}

async function lockedDeal(options: Parameters<typeof payAndPurchase>[1] = {}) {
  const deal = await payAndPurchase(nodes, options);
  await pumpUntil(nodes, 'FundsLocked', () => bothIn(nodes, deal.blockchainIdentifier, 'FundsLocked'));
  return deal;
}

const locksOf = (blockchainIdentifier: string) =>
  nodes.buyer.db.chainTransaction.findMany({ where: { kind: 'FundsLocking', requests: { some: { blockchainIdentifier } } }, orderBy: { createdAt: 'asc' } });

describe('rollbacks are healed, not just detected', () => {
  it('a lock whose block is rolled back and discarded is locked again by the same transaction — never twice', () => conserving(async () => {
    const deal = await lockedDeal();
    const [lock] = await locksOf(deal.blockchainIdentifier);
    await rollBackTo(lock!.txHash, 'discard', async () => {
      expect((await stateOf(nodes.seller, 'payment', deal.blockchainIdentifier)).onChainState).toBeNull();
      expect((await stateOf(nodes.buyer, 'purchase', deal.blockchainIdentifier)).NextAction.requestedAction).toBe('FundsLockingInitiated');
    });
    const healed = await pumpUntil(nodes, 'FundsLocked again', () => bothIn(nodes, deal.blockchainIdentifier, 'FundsLocked'));
    const locks = await locksOf(deal.blockchainIdentifier);
    expect(locks.filter((tx) => tx.status === 'Confirmed').map((tx) => tx.txHash)).toEqual([lock!.txHash]);
    expect(healed.purchase.CurrentTransaction.txHash).toBe(lock!.txHash);
    const reverted = await nodes.seller.db.onChainStateChange.count({ where: { txHash: lock!.txHash, revertedAt: { not: null } } });
    expect(reverted).toBe(1);
  }));

  it('a submitted result rolled back into the mempool ends ResultSubmitted again', () => conserving(async () => {
    const deal = await lockedDeal();
    const resultHash = createResultHash(deal.purchase.identifierFromPurchaser, 'x');
    expect((await nodes.seller.api('POST', '/payment/submit-result', { network: 'Preprod', blockchainIdentifier: deal.blockchainIdentifier, submitResultHash: resultHash })).status).toBe(200);
    const submitted = await pumpUntil(nodes, 'ResultSubmitted', () => bothIn(nodes, deal.blockchainIdentifier, 'ResultSubmitted'));
    await rollBackTo(submitted.payment.CurrentTransaction.txHash, 'mempool', async () => {
      expect((await stateOf(nodes.buyer, 'purchase', deal.blockchainIdentifier)).onChainState).toBe('FundsLocked');
      expect((await stateOf(nodes.seller, 'payment', deal.blockchainIdentifier)).NextAction.requestedAction).toBe('SubmitResultInitiated');
    });
    const again = await pumpUntil(nodes, 'ResultSubmitted again', () => bothIn(nodes, deal.blockchainIdentifier, 'ResultSubmitted'));
    expect(again.purchase.resultHash).toBe(resultHash);
    expect(again.payment.NextAction.requestedAction).toBe('WaitingForExternalAction');
  }));
});

describe('stuck transactions', () => {
  it('a dropped lock expires after its validity window, frees the wallet, and the purchase is locked by a new transaction', () => conserving(async () => {
    nodes.devnet.pauseBlocks();
    const deal = await payAndPurchase(nodes, { payByInMinutes: 30, submitResultInMinutes: 45 });
    await nodes.buyer.runJobs('escrow-FundsLocking');
    const [dropped] = await locksOf(deal.blockchainIdentifier);
    expect(dropped).toBeDefined();
    expect(nodes.devnet.dropMempool(dropped!.txHash).map((tx) => tx.txHash)).toContain(dropped!.txHash);
    nodes.devnet.advanceTime(11 * 60_000);
    nodes.devnet.resumeBlocks();
    await pumpUntil(nodes, 'FundsLocked after the retry', () => bothIn(nodes, deal.blockchainIdentifier, 'FundsLocked'));
    const locks = await locksOf(deal.blockchainIdentifier);
    expect(locks.map((tx) => tx.status)).toEqual(['Failed', 'Confirmed']);
    expect(locks[0]!.error).toMatch(/validity deadline/);
    const wallet = await nodes.buyer.db.hotWallet.findFirstOrThrow({ where: { walletVkey: nodes.buyerWallets.buyer.vkey } });
    expect(wallet.pendingTransactionId === null || wallet.pendingTransactionId !== locks[0]!.id).toBe(true);
  }));
});
