import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevnetNode } from '../helpers/devnet-node.js';
import { waitFor } from '../helpers/wait.js';
import { paymentSourceBody } from '../helpers/wallets.js';
import { createPayment, payAndPurchase, PRICE_LOVELACE, startTwoNodes, stateOf, type TwoNodes } from './two-nodes.js';

let nodes: TwoNodes;
let deal: Awaited<ReturnType<typeof payAndPurchase>>;

beforeAll(async () => {
  nodes = await startTwoNodes();
  deal = await payAndPurchase(nodes);
});
afterAll(() => nodes?.close());

const MINUTE = 60_000;

const newPayment = async () => (await createPayment(nodes)).purchaseBody;

describe('purchases that do not match what the seller signed are refused, nothing written', () => {
  const plusOne = (value: string) => String(BigInt(value) + 1n);
  it.each([
    ['inputHash', (body: any) => ({ ...body, inputHash: randomBytes(32).toString('hex') })],
    ['identifierFromPurchaser', (body: any) => ({ ...body, identifierFromPurchaser: randomBytes(10).toString('hex') })],
    ['payByTime', (body: any) => ({ ...body, payByTime: plusOne(body.payByTime) })],
    ['submitResultTime', (body: any) => ({ ...body, submitResultTime: plusOne(body.submitResultTime) })],
    ['unlockTime', (body: any) => ({ ...body, unlockTime: plusOne(body.unlockTime) })],
    ['externalDisputeUnlockTime', (body: any) => ({ ...body, externalDisputeUnlockTime: plusOne(body.externalDisputeUnlockTime) })],
    ['sellerVkey', (body: any) => ({ ...body, sellerVkey: 'ab'.repeat(28) })],
    ['blockchainIdentifier', (body: any) => ({ ...body, blockchainIdentifier: body.blockchainIdentifier.slice(0, -4) + '0000' })],
  ])('a changed %s', async (field, tamper) => {
    const body = await newPayment();
    const before = await nodes.buyer.db.escrowRequest.count();
    const response = await nodes.buyer.api('POST', '/purchase', tamper(body));
    expect(response.status, response.raw).toBe(400);
    expect(response.body.error.message).toMatch(new RegExp(field === 'blockchainIdentifier' ? 'signature|blockchainIdentifier' : field, 'i'));
    expect(await nodes.buyer.db.escrowRequest.count()).toBe(before);
  });

  it('an unknown agent', async () => {
    const body = await newPayment();
    const response = await nodes.buyer.api('POST', '/purchase', { ...body, agentIdentifier: nodes.agentIdentifier.slice(0, 56) + 'ab'.repeat(32) });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('agentIdentifier');
  });

  it('insufficient usage credits: 400, no purchase, credits untouched', async () => {
    const key = await nodes.buyer.createKey('ReadAndPay', { usageLimited: true, credits: [{ unit: '', amount: PRICE_LOVELACE - 1n }] });
    const body = await newPayment();
    const response = await nodes.buyer.api('POST', '/purchase', body, key.token);
    expect(response.status, response.raw).toBe(400);
    expect(response.body.error.code).toBe('INSUFFICIENT_CREDITS');
    expect(await nodes.buyer.db.escrowRequest.count({ where: { blockchainIdentifier: body.blockchainIdentifier } })).toBe(0);
    const credits = await nodes.buyer.db.usageCredit.findMany({ where: { apiKeyId: key.id } });
    expect(credits[0]?.amount).toBe(PRICE_LOVELACE - 1n);
  });

  it('credits are consumed with the purchase, atomically', async () => {
    const key = await nodes.buyer.createKey('ReadAndPay', { usageLimited: true, credits: [{ unit: '', amount: PRICE_LOVELACE + 5n }] });
    const response = await nodes.buyer.api('POST', '/purchase', await newPayment(), key.token);
    expect(response.status, response.raw).toBe(200);
    const credits = await nodes.buyer.db.usageCredit.findMany({ where: { apiKeyId: key.id } });
    expect(credits[0]?.amount).toBe(5n);
  });

  it('the same identifier twice → 409 with the existing purchase', async () => {
    const again = await nodes.buyer.api('POST', '/purchase', {
      network: 'Preprod',
      blockchainIdentifier: deal.blockchainIdentifier,
      inputHash: deal.purchase.inputHash,
      sellerVkey: deal.payment.sellerVKey,
      agentIdentifier: deal.payment.agentIdentifier,
      identifierFromPurchaser: deal.purchase.identifierFromPurchaser,
      payByTime: deal.payment.payByTime,
      submitResultTime: deal.payment.submitResultTime,
      unlockTime: deal.payment.unlockTime,
      externalDisputeUnlockTime: deal.payment.externalDisputeUnlockTime,
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ id: deal.purchase.id, object: { id: deal.purchase.id }, error: { code: 'DUPLICATE_PURCHASE', details: { id: deal.purchase.id } } });
  });
});

describe('payments with bad times or for others are refused', () => {
  const base = () => ({ network: 'Preprod', agentIdentifier: nodes.agentIdentifier, inputHash: randomBytes(32).toString('hex'), identifierFromPurchaser: randomBytes(10).toString('hex') });

  it('payByTime in the past', async () => {
    const now = nodes.devnet.nowMs();
    const response = await nodes.seller.api('POST', '/payment', { ...base(), payByTime: String(now - 10 * MINUTE), submitResultTime: String(now + 30 * MINUTE) });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('payByTime');
  });

  it('submitResultTime too close', async () => {
    const now = nodes.devnet.nowMs();
    const response = await nodes.seller.api('POST', '/payment', { ...base(), payByTime: String(now + MINUTE), submitResultTime: String(now + 10 * MINUTE) });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('submitResultTime');
  });

  it('the same purchaser, agent and input give the same payment (idempotent)', async () => {
    const now = nodes.devnet.nowMs();
    const body = { ...base(), payByTime: String(now + 10 * MINUTE), submitResultTime: String(now + 30 * MINUTE) };
    const first = await nodes.seller.api('POST', '/payment', body);
    const second = await nodes.seller.api('POST', '/payment', body);
    expect(second.body.data.blockchainIdentifier).toBe(first.body.data.blockchainIdentifier);
  });

  it("another key's payment: submit-result → 403", async () => {
    const other = await nodes.seller.createKey('ReadAndPay');
    const response = await nodes.seller.api('POST', '/payment/submit-result', { network: 'Preprod', blockchainIdentifier: deal.blockchainIdentifier, submitResultHash: 'ab'.repeat(32) }, other.token);
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('NOT_OWNER');
  });

  it('an action in the wrong state → 409 naming the state', async () => {
    const response = await nodes.seller.api('POST', '/payment/authorize-refund', { network: 'Preprod', blockchainIdentifier: deal.blockchainIdentifier });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(/onChainState/);
  });
});

describe('a purchasing wallet without funds', () => {
  it('ends in WaitingForManualAction with InsufficientFunds, sends no transaction, and recovers once funded', async () => {
    const poorNode = await startDevnetNode(nodes.devnet);
    try {
      const { body } = await paymentSourceBody({}, 0, nodes.parties);
      expect((await poorNode.api('POST', '/payment-source-extended', body)).status).toBe(200);
      const purchaseBody = await newPayment();
      const created = await poorNode.api('POST', '/purchase', purchaseBody);
      expect(created.status, created.raw).toBe(200);
      const state = await waitFor('manual action', async () => {
        await poorNode.runAllJobs();
        const current = await stateOf(poorNode, 'purchase', purchaseBody.blockchainIdentifier);
        return current.NextAction.requestedAction === 'WaitingForManualAction' ? current : undefined;
      });
      expect(state.NextAction.errorType).toBe('InsufficientFunds');
      expect(state.NextAction.errorNote).toMatch(/ADA/);
      expect(await poorNode.db.chainTransaction.count()).toBe(0);

      // Recovery: the operator funds the wallet and retries; a stale updatedAt is refused.
      const wallet = await poorNode.db.hotWallet.findFirstOrThrow({ where: { type: 'Purchasing' } });
      await nodes.devnet.waitForTx(await nodes.devnet.topup(wallet.walletAddress, 100_000_000n), 20_000);
      const recover = (updatedAt: string) =>
        poorNode.api('POST', '/purchase/error-state-recovery', { network: 'Preprod', blockchainIdentifier: purchaseBody.blockchainIdentifier, updatedAt, retryPreviousAction: true });
      const stale = await recover(new Date(Date.parse(state.updatedAt) - 1000).toISOString());
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('STALE_UPDATE');
      const recovered = await recover(state.updatedAt);
      expect(recovered.status, recovered.raw).toBe(200);
      expect(recovered.body.data.NextAction.requestedAction).toBe('FundsLockingRequested');
      const again = await recover(recovered.body.data.updatedAt);
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain('FundsLockingRequested');
      await waitFor('locked after recovery', async () => {
        await poorNode.runAllJobs();
        return (await stateOf(poorNode, 'purchase', purchaseBody.blockchainIdentifier)).onChainState === 'FundsLocked';
      });
    } finally {
      await poorNode.close();
    }
  });
});
