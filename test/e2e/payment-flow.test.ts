import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResultHash } from '../../src/domain/mip004-hash.js';
import { bothIn, lovelaceAt, payAndPurchase, PRICE_LOVELACE, pumpUntil, startTwoNodes, stateOf, type TwoNodes } from './two-nodes.js';

let nodes: TwoNodes;

beforeAll(async () => {
  nodes = await startTwoNodes();
});
afterAll(() => nodes?.close());

const lovelace = (rows: { unit: string; amount: string }[]) => BigInt(rows.find((row) => row.unit === '')?.amount ?? '0');

async function feesPaid(node: TwoNodes['seller'], txHashes: string[]): Promise<bigint> {
  const rows = await node.db.chainTransaction.findMany({ where: { txHash: { in: txHashes } } });
  return rows.reduce((sum, row) => sum + (row.fee ?? 0n), 0n);
}

describe('payment to withdrawal, two nodes on one devnet, only through the HTTP API', () => {
  it('locks, submits the result, withdraws after the unlock time with the right amounts', async () => {
    const { devnet, seller, buyer, parties, sellerWallets, buyerWallets } = nodes;
    const buyerBefore = await lovelaceAt(devnet, buyerWallets.buyer.address);
    const sellerBefore = await lovelaceAt(devnet, sellerWallets.seller.address);
    const feeBefore = await lovelaceAt(devnet, parties.fee.address);

    const { payment, purchase, blockchainIdentifier } = await payAndPurchase(nodes);
    expect(payment).toMatchObject({ onChainState: null, NextAction: { requestedAction: 'WaitingForExternalAction' }, RequestedFunds: [{ unit: '', amount: PRICE_LOVELACE.toString() }] });
    expect(purchase).toMatchObject({ onChainState: null, NextAction: { requestedAction: 'FundsLockingRequested' }, PaidFunds: [{ unit: '', amount: PRICE_LOVELACE.toString() }] });

    const locked = await pumpUntil(nodes, 'FundsLocked on both nodes', () => bothIn(nodes, blockchainIdentifier, 'FundsLocked'));
    expect(locked.payment.NextAction.requestedAction).toBe('WaitingForExternalAction');
    expect(locked.purchase.NextAction.requestedAction).toBe('WaitingForExternalAction');
    const collateral = BigInt(locked.payment.collateralReturnLovelace);
    expect(collateral).toBeGreaterThanOrEqual(0n);

    const resultHash = createResultHash(purchase.identifierFromPurchaser, 'the translated text');
    const submitted = await seller.api('POST', '/payment/submit-result', { network: 'Preprod', blockchainIdentifier, submitResultHash: resultHash });
    expect(submitted.status, submitted.raw).toBe(200);
    expect(submitted.body.data.NextAction).toMatchObject({ requestedAction: 'SubmitResultRequested', resultHash });
    const withResult = await pumpUntil(nodes, 'ResultSubmitted on both nodes', () => bothIn(nodes, blockchainIdentifier, 'ResultSubmitted'));
    expect(withResult.purchase.resultHash).toBe(resultHash);

    devnet.advanceTime(Number(BigInt(payment.unlockTime) - BigInt(devnet.nowMs())) + 120_000);
    const done = await pumpUntil(nodes, 'Withdrawn on both nodes', () => bothIn(nodes, blockchainIdentifier, 'Withdrawn'));
    for (const side of [done.payment, done.purchase]) {
      expect(side.NextAction.requestedAction).toBe('None');
    }

    const escrowValue = PRICE_LOVELACE + collateral;
    const toFee = lovelace(done.payment.WithdrawnForFee);
    const toBuyer = lovelace(done.payment.WithdrawnForBuyer);
    const toSeller = lovelace(done.payment.WithdrawnForSeller);
    expect(toBuyer).toBe(collateral);
    expect(toFee).toBeGreaterThanOrEqual((escrowValue * 50n) / 1000n);
    expect(toSeller + toFee + toBuyer).toBe(escrowValue);
    expect(lovelace(done.purchase.WithdrawnForSeller)).toBe(toSeller);
    expect(lovelace(done.purchase.WithdrawnForBuyer)).toBe(toBuyer);

    expect((await lovelaceAt(devnet, parties.fee.address)) - feeBefore).toBe(toFee);
    const sellerTxs = done.payment.TransactionHistory.map((tx: { txHash: string }) => tx.txHash);
    const buyerTxs = done.purchase.TransactionHistory.map((tx: { txHash: string }) => tx.txHash);
    expect((await lovelaceAt(devnet, sellerWallets.seller.address)) - sellerBefore).toBe(toSeller - (await feesPaid(seller, sellerTxs)));
    expect((await lovelaceAt(devnet, buyerWallets.buyer.address)) - buyerBefore).toBe(toBuyer - escrowValue - (await feesPaid(buyer, buyerTxs)));
  });

  it('locks five purchases of one buyer wallet in one transaction', async () => {
    const deals: Awaited<ReturnType<typeof payAndPurchase>>[] = [];
    for (let i = 0; i < 5; i++) deals.push(await payAndPurchase(nodes));
    await pumpUntil(nodes, 'five locks', async () => {
      const states = await Promise.all(deals.map((deal) => stateOf(nodes.buyer, 'purchase', deal.blockchainIdentifier)));
      return states.every((state) => state.onChainState === 'FundsLocked') ? states : undefined;
    });
    const states = await Promise.all(deals.map((deal) => stateOf(nodes.buyer, 'purchase', deal.blockchainIdentifier)));
    const lockTxs = new Set(states.map((state) => state.CurrentTransaction.txHash));
    expect(lockTxs.size).toBe(1);
    const sellerSide = await Promise.all(deals.map((deal) => stateOf(nodes.seller, 'payment', deal.blockchainIdentifier)));
    expect(sellerSide.every((state) => state.onChainState === 'FundsLocked')).toBe(true);
  });
});
