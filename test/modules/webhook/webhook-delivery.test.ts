import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deliverWebhooksJob } from '../../../src/jobs/deliver-webhooks.job.js';
import { startScheduler } from '../../../src/jobs/scheduler.js';
import { ALL_JOBS } from '../../../src/jobs/all-jobs.js';
import { changeEscrow, type EscrowChange } from '../../../src/modules/escrow/escrow-state.js';
import { retryDelayMs } from '../../../src/modules/webhook/webhook-delivery.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { dropDatabase } from '../../helpers/test-database.js';
import { seedEscrow, startReceiver, type Receiver } from './webhook-fixtures.js';

const HOUR = 3600_000;
let t: TestApp;
let owner: { id: string; token: string };
const receivers: Receiver[] = [];

beforeAll(async () => {
  t = await createTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
  owner = await t.createKey('ReadAndPay');
});
afterEach(async () => {
  // Each test judges only its own endpoints; earlier ones must not be sent to any more.
  await t.db.webhookEndpoint.updateMany({ data: { deletedAt: new Date(), enabled: false } });
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});
afterAll(() => t.close());

async function api(app: TestApp, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, token = owner.token) {
  const response = await app.app.inject({ method, url: `/api/v1${url}`, headers: { token }, ...(method === 'GET' ? { query: payload as Record<string, string> } : payload ? { payload } : {}) });
  return { status: response.statusCode, body: response.json() };
}

async function receiver(answers: number[] = [200]) {
  const started = await startReceiver(answers);
  receivers.push(started);
  return started;
}

async function subscribe(target: Receiver, events: string[], extra: object = {}, app = t, token = owner.token): Promise<string> {
  const created = await api(app, 'POST', '/webhooks', { url: target.url, events, ...extra }, token);
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  target.secret = created.body.data.secret;
  return created.body.data.id;
}

const change = (requestId: string, what: EscrowChange, app = t) => app.db.$transaction((tx) => changeEscrow(tx, requestId, what));

/** The job as the scheduler runs it, with the clock at `atMs` (backoff is driven by time, not by sleeping). */
const deliverAt = (atMs: number, app = t) => deliverWebhooksJob.run({ ...app.app.deps, clock: { now: () => BigInt(atMs) }, log: app.app.deps.logger });

async function deliveriesOf(webhookId: string) {
  const listed = await api(t, 'GET', '/webhooks/deliveries', { webhookId, limit: '100' });
  expect(listed.status).toBe(200);
  return listed.body.data.Deliveries as { id: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; lastResponse: string | null; nextAttemptAt: string | null; deliveredAt: string | null; event: string; eventId: string; redeliveryOfId: string | null }[];
}

describe('webhook deliveries', () => {
  it('a state change is delivered signed; 500, 500, then 200: three attempts on the backoff schedule, one success', async () => {
    const target = await receiver([500, 500, 200]);
    const webhookId = await subscribe(target, ['PAYMENT_ON_CHAIN_STATUS_CHANGED']);
    const payment = await seedEscrow(t, owner.id);
    await change(payment.id, { onChainState: 'FundsLocked', nextAction: 'WaitingForExternalAction' });

    const t0 = Date.now();
    await deliverAt(t0);
    expect(target.received).toHaveLength(1);
    await deliverAt(t0 + retryDelayMs(1) - 1000);
    expect(target.received, 'not due before 30 s').toHaveLength(1);
    await deliverAt(t0 + retryDelayMs(1));
    expect(target.received).toHaveLength(2);
    const [waiting] = await deliveriesOf(webhookId);
    expect(waiting).toMatchObject({ status: 'Pending', attempts: 2, lastStatusCode: 500, lastError: 'HTTP 500', nextAttemptAt: new Date(t0 + retryDelayMs(1) + retryDelayMs(2)).toISOString() });
    expect(waiting!.lastResponse!.length).toBeLessThanOrEqual(300);

    await deliverAt(t0 + retryDelayMs(1) + retryDelayMs(2));
    await deliverAt(t0 + 48 * HOUR);
    expect(target.received.map((r) => r.answered)).toEqual([500, 500, 200]);
    for (const received of target.received) expect(received).toMatchObject({ signatureValid: true, timestampFresh: true });
    const bodies = new Set(target.received.map((r) => r.body));
    expect(bodies.size, 'every attempt sends the same body').toBe(1);
    const body = JSON.parse(target.received[0]!.body);
    expect(body).toMatchObject({ event: 'PAYMENT_ON_CHAIN_STATUS_CHANGED', data: { id: payment.id, onChainState: 'FundsLocked', NextAction: { requestedAction: 'WaitingForExternalAction' }, PaymentSource: { network: 'Preprod' } } });
    expect(new Set(target.received.map((r) => r.headers['x-webhook-id'])).size).toBe(1);
    expect(target.received[0]!.headers['x-webhook-event']).toBe('PAYMENT_ON_CHAIN_STATUS_CHANGED');

    const [done] = await deliveriesOf(webhookId);
    expect(done).toMatchObject({ id: target.received[0]!.headers['x-webhook-id'], eventId: body.id, status: 'Succeeded', attempts: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect(done!.deliveredAt).not.toBeNull();
    const hooks = await api(t, 'GET', '/webhooks', {});
    expect(hooks.body.data.Webhooks[0]).toMatchObject({ id: webhookId, enabled: true, consecutiveFailures: 0 });
  });

  it('redeliver sends the same body and event id again under a new delivery id; only the owner may ask', async () => {
    const target = await receiver([200]);
    const webhookId = await subscribe(target, ['PAYMENT_NEXT_ACTION_CHANGED']);
    const payment = await seedEscrow(t, owner.id);
    await change(payment.id, { nextAction: 'SubmitResultRequested', actionResultHash: 'ab'.repeat(32) });
    await deliverAt(Date.now());
    const [first] = await deliveriesOf(webhookId);

    const stranger = await t.createKey('ReadAndPay');
    expect((await api(t, 'POST', `/webhooks/deliveries/${first!.id}/redeliver`, {}, stranger.token)).status).toBe(404);
    const again = await api(t, 'POST', `/webhooks/deliveries/${first!.id}/redeliver`);
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ status: 'Pending', attempts: 0, redeliveryOfId: first!.id, eventId: first!.eventId });
    await deliverAt(Date.now());
    expect(target.received).toHaveLength(2);
    expect(target.received[1]!.body).toBe(target.received[0]!.body);
    expect(target.received[1]!.headers['x-webhook-id']).toBe(again.body.data.id);
    expect(target.received.every((r) => r.signatureValid)).toBe(true);
    expect((await deliveriesOf(webhookId)).map((d) => d.status)).toEqual(['Succeeded', 'Succeeded']);
  });

  it('only matching endpoints get rows: event, network, the key’s networks, enabled; no change, no event; a rolled-back change, no row', async () => {
    const target = await receiver();
    const payment = await seedEscrow(t, owner.id);
    const mainnetOnly = await subscribe(target, ['PAYMENT_NEXT_ACTION_CHANGED'], { networks: ['Mainnet'] });
    const purchases = await subscribe(target, ['PURCHASE_NEXT_ACTION_CHANGED', 'PURCHASE_ON_ERROR']);
    const limitedKey = await t.createKey('ReadAndPay', { networkLimit: ['Mainnet'] });
    const limited = await subscribe(target, ['PAYMENT_NEXT_ACTION_CHANGED'], {}, t, limitedKey.token);
    const disabled = await subscribe(target, ['PAYMENT_NEXT_ACTION_CHANGED']);
    expect((await api(t, 'PATCH', '/webhooks', { id: disabled, enabled: false })).body.data).toMatchObject({ enabled: false });
    const errors = await subscribe(target, ['PAYMENT_NEXT_ACTION_CHANGED', 'PAYMENT_ON_ERROR']);
    const count = (endpointId: string) => t.db.webhookDelivery.count({ where: { endpointId } });

    await change(payment.id, { nextAction: 'WaitingForManualAction', errorType: 'Unknown', errorNote: 'the ledger refused it' });
    expect(await count(errors)).toBe(2);
    expect((await t.db.webhookDelivery.findMany({ where: { endpointId: errors } })).map((d) => d.event).sort()).toEqual(['PAYMENT_NEXT_ACTION_CHANGED', 'PAYMENT_ON_ERROR']);
    for (const other of [mainnetOnly, purchases, limited, disabled]) expect(await count(other)).toBe(0);

    await change(payment.id, { nextAction: 'WaitingForManualAction', errorNote: 'still broken' });
    expect(await count(errors), 'same next action: no event').toBe(2);

    await expect(
      t.db.$transaction(async (tx) => {
        await changeEscrow(tx, payment.id, { nextAction: 'None', onChainState: 'Withdrawn' });
        throw new Error('the rest of the transaction failed');
      }),
    ).rejects.toThrow('the rest');
    expect(await count(errors), 'the outbox row went with the rolled-back change').toBe(2);
  });

  it('POST /webhooks/test sends one signed WEBHOOK_TEST now; a failed test is not retried and does not count against the endpoint', async () => {
    const target = await receiver([200, 503]);
    const webhookId = await subscribe(target, ['PAYMENT_ON_ERROR']);
    const ok = await api(t, 'POST', '/webhooks/test', { id: webhookId });
    expect(ok.body.data).toMatchObject({ event: 'WEBHOOK_TEST', status: 'Succeeded', attempts: 1, lastStatusCode: 200 });
    expect(target.received[0]).toMatchObject({ signatureValid: true, timestampFresh: true });
    expect(JSON.parse(target.received[0]!.body)).toMatchObject({ event: 'WEBHOOK_TEST', data: { webhookId } });

    const failed = await api(t, 'POST', '/webhooks/test', { id: webhookId });
    expect(failed.body.data).toMatchObject({ status: 'Failed', attempts: 1, lastStatusCode: 503 });
    await deliverAt(Date.now() + 48 * HOUR);
    expect(target.received).toHaveLength(2);
    expect((await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: webhookId } })).consecutiveFailures).toBe(0);
  });

  it('gives up after 15 attempts spread over more than 24 h; 20 failures in a row for over an hour disable the endpoint; PATCH re-enables it', async () => {
    const target = await receiver([500]);
    const webhookId = await subscribe(target, ['PAYMENT_NEXT_ACTION_CHANGED']);
    const payment = await seedEscrow(t, owner.id);
    await change(payment.id, { nextAction: 'WithdrawRequested' });
    const t0 = Date.now();
    let at = t0;
    for (let attempt = 1; attempt <= 15; attempt++) {
      await deliverAt(at);
      at += retryDelayMs(attempt);
    }
    await deliverAt(at + 48 * HOUR);
    expect(target.received).toHaveLength(15);
    const [given] = await deliveriesOf(webhookId);
    expect(given).toMatchObject({ status: 'Failed', attempts: 15, lastStatusCode: 500, nextAttemptAt: null });
    const row = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: given!.id } });
    expect(row.lastAttemptAt!.getTime() - t0).toBeGreaterThanOrEqual(24 * HOUR);
    expect((await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: webhookId } })).enabled).toBe(true);

    const later = at + 48 * HOUR;
    for (const next of ['WithdrawInitiated', 'WaitingForExternalAction', 'WithdrawRequested', 'WithdrawInitiated', 'WaitingForExternalAction'] as const) await change(payment.id, { nextAction: next });
    await deliverAt(later);
    const endpoint = (await api(t, 'GET', '/webhooks', {})).body.data.Webhooks.find((w: { id: string }) => w.id === webhookId);
    expect(endpoint).toMatchObject({ enabled: false, consecutiveFailures: 20 });
    expect(endpoint.disabledReason).toMatch(/20 failed deliveries in a row/);
    await deliverAt(later + 48 * HOUR);
    expect(target.received, 'a disabled endpoint gets nothing').toHaveLength(20);

    const enabled = await api(t, 'PATCH', '/webhooks', { id: webhookId, enabled: true });
    expect(enabled.body.data).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
    target.answers = [200];
    await deliverAt(later + 48 * HOUR);
    expect(target.received).toHaveLength(25);
    expect((await deliveriesOf(webhookId)).filter((d) => d.status === 'Succeeded')).toHaveLength(5);
  });

  it('a burst of failures within a short outage does not disable the endpoint', async () => {
    const target = await receiver([502]);
    const webhookId = await subscribe(target, ['PAYMENT_NEXT_ACTION_CHANGED']);
    const payment = await seedEscrow(t, owner.id);
    for (let i = 0; i < 12; i++) {
      await change(payment.id, { nextAction: 'WithdrawRequested' });
      await change(payment.id, { nextAction: 'WaitingForExternalAction' });
    }
    await deliverAt(Date.now());
    expect(target.received).toHaveLength(24);
    expect(await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: webhookId } })).toMatchObject({ enabled: true, consecutiveFailures: 24 });
  });

  it('nothing is sent for a key that was revoked after the event', async () => {
    const target = await receiver([200]);
    const key = await t.createKey('ReadAndPay');
    await subscribe(target, ['PAYMENT_NEXT_ACTION_CHANGED'], {}, t, key.token);
    const payment = await seedEscrow(t, owner.id);
    await change(payment.id, { nextAction: 'WithdrawRequested' });
    await t.db.apiKey.update({ where: { id: key.id }, data: { status: 'Revoked' } });
    await deliverAt(Date.now());
    expect(target.received).toHaveLength(0);
  });

  it('two job runs at once send each delivery once', async () => {
    const target = await receiver([200]);
    await subscribe(target, ['PAYMENT_NEXT_ACTION_CHANGED']);
    const payment = await seedEscrow(t, owner.id);
    for (let i = 0; i < 5; i++) {
      await change(payment.id, { nextAction: 'WithdrawRequested' });
      await change(payment.id, { nextAction: 'WaitingForExternalAction' });
    }
    const now = Date.now();
    await Promise.all([deliverAt(now), deliverAt(now), deliverAt(now)]);
    expect(target.received).toHaveLength(10);
    expect(new Set(target.received.map((r) => r.headers['x-webhook-id'])).size).toBe(10);
  });
});

describe('a crash between the state change and the delivery', () => {
  it('the delivery is in the database with the change, and a restarted node sends it', async () => {
    const target = await receiver([200]);
    const first = await createTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    const key = await first.createKey('ReadAndPay');
    await subscribe(target, ['PAYMENT_ON_CHAIN_STATUS_CHANGED'], {}, first, key.token);
    const payment = await seedEscrow(first, key.id);
    await change(payment.id, { onChainState: 'ResultSubmitted', nextAction: 'WaitingForExternalAction' }, first);
    // The process stops before any job ran.
    await first.app.close();
    await first.db.$disconnect();
    expect(target.received).toHaveLength(0);

    const second = await createTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' }, { databaseUrl: first.databaseUrl });
    try {
      const scheduler = startScheduler(second.app.deps, ALL_JOBS, { timers: false });
      expect((await scheduler.runOnce('deliver-webhooks')).outcome).toBe('ok');
      await scheduler.stop();
      expect(target.received).toHaveLength(1);
      expect(target.received[0]).toMatchObject({ signatureValid: true, timestampFresh: true });
      expect(JSON.parse(target.received[0]!.body)).toMatchObject({ event: 'PAYMENT_ON_CHAIN_STATUS_CHANGED', data: { id: payment.id, onChainState: 'ResultSubmitted' } });
    } finally {
      await second.close();
      await dropDatabase(new URL(first.databaseUrl).pathname.slice(1));
    }
  });
});
