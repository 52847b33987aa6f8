import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandlers } from '../../src/http/error-handler.js';
import authPlugin from '../../src/plugins/auth.js';
import idempotencyPlugin from '../../src/plugins/idempotency.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let admin: { id: string; token: string };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.createKey('Admin');
});
afterAll(() => t.close());

async function post(url: string, payload: string | object, key?: string, token = admin.token, app: FastifyInstance = t.app) {
  const response = await app.inject({
    method: 'POST',
    url,
    headers: { token, 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }) },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  return { status: response.statusCode, body: response.body, replayed: response.headers['idempotent-replayed'] };
}

const keyCount = () => t.db.apiKey.count();

describe('Idempotency-Key on POST', () => {
  it('the same key and body return the stored first response; the request runs once', async () => {
    const before = await keyCount();
    const first = await post('/api/v1/api-key', { permission: 'Read', networkLimit: ['Preprod'] }, 'create-read-key-1');
    expect(first.status).toBe(200);
    expect(first.replayed).toBeUndefined();
    const again = await post('/api/v1/api-key', { permission: 'Read', networkLimit: ['Preprod'] }, 'create-read-key-1');
    expect(again).toEqual({ status: 200, body: first.body, replayed: 'true' });
    const reordered = await post('/api/v1/api-key/', '{ "networkLimit": ["Preprod"],\n "permission": "Read" }', 'create-read-key-1');
    expect(reordered, 'same JSON in another order, trailing slash').toEqual({ status: 200, body: first.body, replayed: 'true' });
    expect(await keyCount()).toBe(before + 1);
  });

  it('the same key with another body or on another route is a conflict, and nothing runs', async () => {
    await post('/api/v1/api-key', { permission: 'Read' }, 'reused-key');
    const before = await keyCount();
    const otherBody = await post('/api/v1/api-key', { permission: 'ReadAndPay' }, 'reused-key');
    expect(otherBody.status).toBe(409);
    expect(JSON.parse(otherBody.body)).toMatchObject({ status: 'error', error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    const otherRoute = await post('/api/v1/webhooks', { url: 'https://93.184.215.14/x', events: ['PAYMENT_ON_ERROR'] }, 'reused-key');
    expect(JSON.parse(otherRoute.body)).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await keyCount()).toBe(before);
  });

  it('keys are per API key: another key with the same Idempotency-Key runs its own request', async () => {
    const otherAdmin = await t.createKey('Admin');
    const mine = await post('/api/v1/api-key', { permission: 'Read' }, 'shared-name');
    const theirs = await post('/api/v1/api-key', { permission: 'Read' }, 'shared-name', otherAdmin.token);
    expect(theirs.status).toBe(200);
    expect(theirs.replayed).toBeUndefined();
    expect(JSON.parse(theirs.body).data.id).not.toBe(JSON.parse(mine.body).data.id);
  });

  it("the stored response is encrypted: a new key's token is not in the database", async () => {
    const first = await post('/api/v1/api-key', { permission: 'Read' }, 'secret-in-response');
    const token: string = JSON.parse(first.body).data.token;
    const record = await t.db.idempotencyRecord.findFirstOrThrow({ where: { key: 'secret-in-response' } });
    expect(record.responseBody).not.toContain(token);
    expect(record.responseBody).not.toContain('"status"');
    expect((await post('/api/v1/api-key', { permission: 'Read' }, 'secret-in-response')).body).toBe(first.body);
  });

  it('a body with a non-finite number (1e400) is a 400 naming the body, not a 500', async () => {
    const response = await post('/api/v1/api-key', '{"permission":"Read","usageLimited":1e400}', 'non-finite');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error.message).toContain('body');
  });

  it('a 4xx answer is stored and replayed', async () => {
    const bad = await post('/api/v1/api-key', { permission: 'Superuser' }, 'bad-body');
    expect(bad.status).toBe(400);
    expect(await post('/api/v1/api-key', { permission: 'Superuser' }, 'bad-body')).toEqual({ ...bad, replayed: 'true' });
  });

  it('the key must be 1–255 printable ASCII characters', async () => {
    for (const key of ['', 'x'.repeat(256), 'tab\there', 'caf\u00e9']) {
      const response = await post('/api/v1/api-key', { permission: 'Read' }, key);
      expect(response.status, JSON.stringify(key)).toBe(400);
      expect(JSON.parse(response.body).error.message).toContain('Idempotency-Key');
    }
    expect((await post('/api/v1/api-key', { permission: 'Read' }, 'x'.repeat(255))).status).toBe(200);
  });

  it('an expired record (after 24 h) or one abandoned by a crashed process no longer holds the key', async () => {
    const first = await post('/api/v1/api-key', { permission: 'Read' }, 'expiring');
    await t.db.idempotencyRecord.updateMany({ where: { key: 'expiring' }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const afterExpiry = await post('/api/v1/api-key', { permission: 'Read' }, 'expiring');
    expect(afterExpiry.replayed).toBeUndefined();
    expect(JSON.parse(afterExpiry.body).data.id).not.toBe(JSON.parse(first.body).data.id);

    // A process that died mid-request leaves its record incomplete.
    const dead = await post('/api/v1/api-key', { permission: 'Read' }, 'abandoned');
    await t.db.idempotencyRecord.updateMany({ where: { key: 'abandoned' }, data: { completedAt: null, responseStatus: null, responseBody: null, createdAt: new Date(Date.now() - 3 * 60_000) } });
    const takenOver = await post('/api/v1/api-key', { permission: 'Read' }, 'abandoned');
    expect(takenOver.status).toBe(200);
    expect(takenOver.replayed).toBeUndefined();
    expect(JSON.parse(takenOver.body).data.id).not.toBe(JSON.parse(dead.body).data.id);
  });

  it('PATCH and DELETE ignore the header', async () => {
    const created = JSON.parse((await post('/api/v1/api-key', { permission: 'Read' })).body).data;
    for (let i = 0; i < 2; i++) {
      const response = await t.app.inject({ method: 'PATCH', url: '/api/v1/api-key', headers: { token: admin.token, 'idempotency-key': 'patch' }, payload: { id: created.id, status: 'Active' } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['idempotent-replayed']).toBeUndefined();
    }
  });
});

describe('Idempotency-Key: concurrency and server errors', () => {
  let app: FastifyInstance;
  let executions = 0;
  let failNext = false;

  beforeAll(async () => {
    app = Fastify();
    app.decorate('deps', t.app.deps);
    registerErrorHandlers(app);
    await app.register(authPlugin, { db: t.db });
    await app.register(idempotencyPlugin, { waitMs: 1500 });
    app.post('/work', { config: { permission: 'Read' } }, async () => {
      executions++;
      if (failNext) {
        failNext = false;
        throw new Error('the database went away');
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { status: 'success', data: { execution: executions } };
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('concurrent duplicates run once and all get the first response', async () => {
    executions = 0;
    const responses = await Promise.all(Array.from({ length: 10 }, () => post('/work', { n: 1 }, 'concurrent', admin.token, app)));
    expect(executions).toBe(1);
    expect(new Set(responses.map((r) => r.body))).toEqual(new Set(['{"status":"success","data":{"execution":1}}']));
    expect(responses.filter((r) => r.replayed === 'true')).toHaveLength(9);
  });

  it('a duplicate that waits too long gets 409 IDEMPOTENCY_IN_PROGRESS', async () => {
    const first = await post('/work', { n: 2 }, 'slow', admin.token, app);
    expect(first.status).toBe(200);
    // As if that first request were still running elsewhere.
    await t.db.idempotencyRecord.updateMany({ where: { key: 'slow' }, data: { completedAt: null, responseStatus: null, responseBody: null, createdAt: new Date() } });
    const started = Date.now();
    const waiting = await post('/work', { n: 2 }, 'slow', admin.token, app);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(waiting.status).toBe(409);
    expect(JSON.parse(waiting.body).error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
  });

  it('a 5xx is not stored: the client may retry with the same key', async () => {
    executions = 0;
    failNext = true;
    const failed = await post('/work', { n: 3 }, 'retry-after-500', admin.token, app);
    expect(failed.status).toBe(500);
    const retried = await post('/work', { n: 3 }, 'retry-after-500', admin.token, app);
    expect(retried.status).toBe(200);
    expect(retried.replayed).toBeUndefined();
    expect(await post('/work', { n: 3 }, 'retry-after-500', admin.token, app)).toEqual({ ...retried, replayed: 'true' });
    expect(executions).toBe(2);
  });
});
