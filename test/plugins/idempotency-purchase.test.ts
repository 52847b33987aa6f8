import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pumpUntil, startTwoNodes, stateOf, type TwoNodes } from '../e2e/two-nodes.js';

const MINUTE = 60_000;
let nodes: TwoNodes;
let buyerKey: { id: string; token: string };

beforeAll(async () => {
  nodes = await startTwoNodes();
  buyerKey = await nodes.buyer.createKey('ReadAndPay');
});
afterAll(() => nodes?.close());

/** What a buyer sends for a fresh payment request of the seller (as a client copies it). */
async function purchaseBody() {
  const now = nodes.devnet.nowMs();
  const identifierFromPurchaser = randomBytes(10).toString('hex');
  const inputHash = randomBytes(32).toString('hex');
  const payment = await nodes.seller.api('POST', '/payment', {
    network: 'Preprod',
    agentIdentifier: nodes.agentIdentifier,
    inputHash,
    identifierFromPurchaser,
    payByTime: new Date(now + 10 * MINUTE).toISOString(),
    submitResultTime: new Date(now + 30 * MINUTE).toISOString(),
  });
  expect(payment.status, payment.raw).toBe(200);
  const p = payment.body.data;
  return {
    network: 'Preprod',
    blockchainIdentifier: p.blockchainIdentifier as string,
    inputHash,
    sellerVkey: p.sellerVKey,
    agentIdentifier: p.agentIdentifier,
    identifierFromPurchaser,
    payByTime: p.payByTime,
    submitResultTime: p.submitResultTime,
    unlockTime: p.unlockTime,
    externalDisputeUnlockTime: p.externalDisputeUnlockTime,
  };
}

function purchaseConcurrently(body: object, times: number, idempotencyKey?: string) {
  return Promise.all(
    Array.from({ length: times }, () =>
      nodes.buyer.app.inject({
        method: 'POST',
        url: '/api/v1/purchase',
        headers: { token: buyerKey.token, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
        payload: body,
      }),
    ),
  );
}

const purchasesOf = (blockchainIdentifier: string) => nodes.buyer.db.escrowRequest.findMany({ where: { role: 'Buyer', blockchainIdentifier } });

describe('POST /purchase under concurrent duplicates', () => {
  it('20 identical requests with one Idempotency-Key create one purchase, and all 20 get its response', async () => {
    // Written directly (registration would refuse a loopback URL); delivery re-checks the address and refuses it.
    const endpoint = await nodes.buyer.db.webhookEndpoint.create({
      data: { createdById: buyerKey.id, url: 'http://127.0.0.1:9/hook', encryptedSecret: nodes.buyer.secretBox.encrypt('whsec_test'), events: ['PURCHASE_NEXT_ACTION_CHANGED', 'PURCHASE_ON_CHAIN_STATUS_CHANGED'] },
    });
    const body = await purchaseBody();
    const responses = await purchaseConcurrently(body, 20, `purchase-${body.identifierFromPurchaser}`);

    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    const purchases = await purchasesOf(body.blockchainIdentifier);
    expect(purchases).toHaveLength(1);
    expect(JSON.parse(responses[0]!.body).data).toMatchObject({ id: purchases[0]!.id, NextAction: { requestedAction: 'FundsLockingRequested' } });

    const outbox = await nodes.buyer.db.webhookDelivery.findMany({ where: { endpointId: endpoint.id, requestId: purchases[0]!.id } });
    expect(outbox.map((d) => d.event), 'the purchase transaction wrote its one event').toEqual(['PURCHASE_NEXT_ACTION_CHANGED']);

    const id = body.blockchainIdentifier;
    await pumpUntil(nodes, 'the lock on the buyer node', async () => (await stateOf(nodes.buyer, 'purchase', id)).onChainState === 'FundsLocked');
    const locked = await nodes.buyer.db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id, requestId: purchases[0]!.id, event: 'PURCHASE_ON_CHAIN_STATUS_CHANGED' } });
    expect(JSON.parse(locked.payload).data).toMatchObject({ id: purchases[0]!.id, onChainState: 'FundsLocked', NextAction: { requestedAction: 'WaitingForExternalAction' } });
    expect(locked.attempts).toBeGreaterThanOrEqual(1);
    expect(locked.lastError).toMatch(/^refused: 127\.0\.0\.1 is a loopback address/);
  });

  it('without the header the duplicates are refused (409) and still only one purchase exists', async () => {
    const body = await purchaseBody();
    const responses = await purchaseConcurrently(body, 20);
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(409)]);
    for (const refused of responses.filter((r) => r.statusCode === 409)) expect(refused.json().error.code).toBe('DUPLICATE_PURCHASE');
    expect(await purchasesOf(body.blockchainIdentifier)).toHaveLength(1);
  });
});
