import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSettlement, signSettlement, submitSettlement } from '../../src/cardano/dispute-settlement.js';
import { createBlockfrostChain } from '../../src/cardano/blockfrost-chain.js';
import { createResultHash } from '../../src/domain/mip004-hash.js';
import { expectConserved, feesSince, snapshot } from './balances.js';
import { bothIn, lovelaceAt, payAndPurchase, PRICE_LOVELACE, pumpUntil, startTwoNodes, stateOf, type TwoNodes } from './two-nodes.js';

let nodes: TwoNodes;
let contract: string;

beforeAll(async () => {
  nodes = await startTwoNodes();
  contract = (await nodes.seller.api('GET', '/payment-source', { take: '1' })).body.data.PaymentSources[0].smartContractAddress;
});
afterAll(() => nodes?.close());

const lovelace = (rows: { unit: string; amount: string }[]) => BigInt(rows.find((row) => row.unit === '')?.amount ?? '0');

async function lockedDeal() {
  const deal = await payAndPurchase(nodes);
  await pumpUntil(nodes, 'FundsLocked', () => bothIn(nodes, deal.blockchainIdentifier, 'FundsLocked'));
  return deal;
}

async function submitResult(blockchainIdentifier: string, identifierFromPurchaser: string) {
  const response = await nodes.seller.api('POST', '/payment/submit-result', { network: 'Preprod', blockchainIdentifier, submitResultHash: createResultHash(identifierFromPurchaser, 'result') });
  expect(response.status, response.raw).toBe(200);
}

/** A locked deal with a result, then a refund request: Disputed on both nodes. */
async function disputedDeal() {
  const deal = await lockedDeal();
  await submitResult(deal.blockchainIdentifier, deal.purchase.identifierFromPurchaser);
  await pumpUntil(nodes, 'ResultSubmitted', () => bothIn(nodes, deal.blockchainIdentifier, 'ResultSubmitted'));
  expect((await nodes.buyer.api('POST', '/purchase/request-refund', { network: 'Preprod', blockchainIdentifier: deal.blockchainIdentifier })).status).toBe(200);
  const disputed = await pumpUntil(nodes, 'Disputed', () => bothIn(nodes, deal.blockchainIdentifier, 'Disputed'));
  return { ...deal, disputed };
}

const advancePast = (ms: string | bigint, extra = 120_000) => nodes.devnet.advanceTime(Math.max(0, Number(BigInt(ms) - BigInt(nodes.devnet.nowMs()))) + extra);

describe('refunds and disputes end with the money where the contract says', () => {
  it('early refund: no result by submitResultTime, the buyer gets everything back', async () => {
    const since = new Date();
    const before = await snapshot(nodes, contract);
    const deal = await lockedDeal();
    advancePast(deal.payment.submitResultTime);
    const done = await pumpUntil(nodes, 'RefundWithdrawn', () => bothIn(nodes, deal.blockchainIdentifier, 'RefundWithdrawn'));
    const escrow = PRICE_LOVELACE + BigInt(done.payment.collateralReturnLovelace ?? '0');
    expect(lovelace(done.purchase.WithdrawnForBuyer)).toBe(escrow);
    expect(done.purchase.WithdrawnForSeller).toEqual([]);
    expect(done.purchase.NextAction.requestedAction).toBe('None');
    const after = await snapshot(nodes, contract);
    expect(after.seller).toBe(before.seller);
    expectConserved(before, after, await feesSince(nodes, since));
  });

  it('refund request, then cancelled: back to FundsLocked', async () => {
    const since = new Date();
    const before = await snapshot(nodes, contract);
    const deal = await lockedDeal();
    const asked = await nodes.buyer.api('POST', '/purchase/request-refund', { network: 'Preprod', blockchainIdentifier: deal.blockchainIdentifier });
    expect(asked.status, asked.raw).toBe(200);
    expect(asked.body.data.NextAction.requestedAction).toBe('SetRefundRequestedRequested');
    await pumpUntil(nodes, 'RefundRequested', () => bothIn(nodes, deal.blockchainIdentifier, 'RefundRequested'));
    const cancelled = await nodes.buyer.api('POST', '/purchase/cancel-refund-request', { network: 'Preprod', blockchainIdentifier: deal.blockchainIdentifier });
    expect(cancelled.status, cancelled.raw).toBe(200);
    // The buyer's cooldown ends one cooldown period after the upper bound of the refund request's validity window.
    nodes.devnet.advanceTime(15 * 60_000);
    await pumpUntil(nodes, 'FundsLocked again', () => bothIn(nodes, deal.blockchainIdentifier, 'FundsLocked'));
    const again = await nodes.buyer.api('POST', '/purchase/cancel-refund-request', { network: 'Preprod', blockchainIdentifier: deal.blockchainIdentifier });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('FundsLocked');
    expectConserved(before, await snapshot(nodes, contract), await feesSince(nodes, since));
  });

  it('result, then refund request (Disputed); the seller authorizes the refund; the buyer withdraws it', async () => {
    const since = new Date();
    const before = await snapshot(nodes, contract);
    const deal = await disputedDeal();
    const authorized = await nodes.seller.api('POST', '/payment/authorize-refund', { network: 'Preprod', blockchainIdentifier: deal.blockchainIdentifier });
    expect(authorized.status, authorized.raw).toBe(200);
    await pumpUntil(nodes, 'RefundRequested after authorization', () => bothIn(nodes, deal.blockchainIdentifier, 'RefundRequested'));
    advancePast(deal.payment.submitResultTime);
    const done = await pumpUntil(nodes, 'RefundWithdrawn', () => bothIn(nodes, deal.blockchainIdentifier, 'RefundWithdrawn'));
    expect(lovelace(done.payment.WithdrawnForBuyer)).toBe(PRICE_LOVELACE + BigInt(done.payment.collateralReturnLovelace ?? '0'));
    expectConserved(before, await snapshot(nodes, contract), await feesSince(nodes, since));
  });

  it('Disputed → two of three admins settle with a split → DisputedWithdrawn on both nodes with the amounts', async () => {
    const since = new Date();
    const before = await snapshot(nodes, contract);
    const { disputed, ...deal } = await disputedDeal();
    advancePast(deal.payment.externalDisputeUnlockTime);

    const [admin1, admin2] = nodes.parties.admins;
    await nodes.devnet.waitForTx(await nodes.devnet.topup(admin1!.address, 20_000_000n), 20_000);
    const source = (await nodes.buyer.api('GET', '/payment-source', { take: '1' })).body.data.PaymentSources[0];
    const chain = createBlockfrostChain({ kind: 'devnet' }, 0, nodes.devnet.url);
    const escrowValue = PRICE_LOVELACE + BigInt(disputed.payment.collateralReturnLovelace ?? '0');
    const toBuyer = 12_000_000n;
    const payment = await nodes.seller.db.escrowRequest.findFirstOrThrow({ where: { blockchainIdentifier: deal.blockchainIdentifier } });
    let file = await buildSettlement({
      chain,
      source,
      escrow: { txHash: payment.escrowTxHash!, outputIndex: payment.escrowOutputIndex! },
      toBuyer: [{ unit: 'lovelace', quantity: toBuyer.toString() }],
      toSeller: [{ unit: 'lovelace', quantity: (escrowValue - toBuyer).toString() }],
      feePayerAddress: admin1!.address,
      adminSigners: [admin1!.vkey, admin2!.vkey],
    });
    await expect(submitSettlement(chain, file)).rejects.toThrow(/admin signatures/);
    file = await signSettlement(file, admin1!.mnemonic);
    expect(file.signedBy).toEqual([admin1!.vkey]);
    await expect(submitSettlement(chain, file)).rejects.toThrow(/admin signatures/);
    file = await signSettlement(file, admin2!.mnemonic);
    expect(file.signedBy.sort()).toEqual([admin1!.vkey, admin2!.vkey].sort());
    const adminBefore = await lovelaceAt(nodes.devnet, admin1!.address);
    await submitSettlement(chain, file);

    const done = await pumpUntil(nodes, 'DisputedWithdrawn', () => bothIn(nodes, deal.blockchainIdentifier, 'DisputedWithdrawn'));
    for (const side of [done.payment, done.purchase]) {
      expect(lovelace(side.WithdrawnForBuyer)).toBe(toBuyer);
      expect(lovelace(side.WithdrawnForSeller)).toBe(escrowValue - toBuyer);
      expect(side.NextAction.requestedAction).toBe('None');
    }
    const adminFee = adminBefore - (await lovelaceAt(nodes.devnet, admin1!.address));
    // The admin paid the settlement's fee from their own wallet, outside the four parties.
    expect(adminFee).toBeGreaterThan(0n);
    expectConserved(before, await snapshot(nodes, contract), await feesSince(nodes, since));
    const state = await stateOf(nodes.buyer, 'purchase', deal.blockchainIdentifier);
    expect(state.onChainState).toBe('DisputedWithdrawn');
  });
});
