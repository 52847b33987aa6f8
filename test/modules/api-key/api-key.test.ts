import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiToken } from '../../../src/crypto/api-token.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
let admin: { id: string; token: string };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.createKey('Admin');
});
afterAll(() => t.close());

async function api(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, token: string, body?: unknown, query?: Record<string, string>) {
  const response = await t.app.inject({ method, url: `/api/v1${url}`, headers: { token }, query, ...(body === undefined ? {} : { payload: body as object }) });
  return { status: response.statusCode, body: response.json<{ status: string; data: any; error?: { code: string; message: string } }>() };
}

describe('API keys', () => {
  it('creates a key whose token is shown once, stored only as a hash, and works at once', async () => {
    const created = await api('POST', '/api-key', admin.token, {
      permission: 'ReadAndPay',
      usageLimited: 'true',
      UsageCredits: [{ unit: 'lovelace', amount: '5000000' }],
      NetworkLimit: ['Preprod'],
    });
    expect(created.status).toBe(200);
    const { token, id } = created.body.data;
    expect(token).toMatch(/^apn_[A-Za-z0-9_-]{32}$/);
    expect(created.body.data).toMatchObject({ permission: 'ReadAndPay', usageLimited: true, networkLimit: ['Preprod'], RemainingUsageCredits: [{ unit: '', amount: '5000000' }] });

    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toBe(hashApiToken(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const status = await api('GET', '/api-key-status', token);
    expect(status.status).toBe(200);
    expect(status.body.data).toMatchObject({ id, permission: 'ReadAndPay' });
    expect(status.body.data.token).not.toBe(token);

    const listed = await api('GET', '/api-key', admin.token, undefined, { limit: '100' });
    const mine = listed.body.data.ApiKeys.find((key: { id: string }) => key.id === id);
    expect(mine.token).toContain('…');
    expect(JSON.stringify(listed.body)).not.toContain(token);
  });

  it('pages newest first with an exclusive cursor', async () => {
    for (let i = 0; i < 3; i++) await api('POST', '/api-key', admin.token, { permission: 'Read' });
    const all = (await api('GET', '/api-key', admin.token, undefined, { limit: '100' })).body.data.ApiKeys as { id: string; createdAt: string }[];
    const first = (await api('GET', '/api-key', admin.token, undefined, { limit: '2' })).body.data.ApiKeys as { id: string }[];
    const second = (await api('GET', '/api-key', admin.token, undefined, { take: '2', cursorId: first[1]!.id })).body.data.ApiKeys as { id: string }[];
    expect(first.map((k) => k.id)).toEqual(all.slice(0, 2).map((k) => k.id));
    expect(second.map((k) => k.id)).toEqual(all.slice(2, 4).map((k) => k.id));
  });

  it('changes credits atomically and never below zero', async () => {
    const { id } = (await api('POST', '/api-key', admin.token, { permission: 'ReadAndPay', usageLimited: true, UsageCredits: [{ unit: '', amount: '100' }] })).body.data;
    const added = await api('PATCH', '/api-key', admin.token, { id, UsageCreditsToAddOrRemove: [{ unit: '', amount: '-40' }, { unit: 'lovelace', amount: '15' }] });
    expect(added.body.data.RemainingUsageCredits).toEqual([{ unit: '', amount: '75' }]);

    const tooMuch = await api('PATCH', '/api-key', admin.token, { id, status: 'Revoked', UsageCreditsToAddOrRemove: [{ unit: '', amount: '-76' }] });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error?.message).toContain('UsageCreditsToAddOrRemove');
    const after = await t.db.apiKey.findUniqueOrThrow({ where: { id }, include: { credits: true } });
    expect(after.credits[0]?.amount).toBe(75n);
    expect(after.status).toBe('Active');
  });

  it('revoking and deleting make the key useless at once', async () => {
    const { id, token } = (await api('POST', '/api-key', admin.token, { permission: 'Read' })).body.data;
    expect((await api('PATCH', '/api-key', admin.token, { id, status: 'Revoked' })).status).toBe(200);
    expect((await api('GET', '/api-key-status', token)).status).toBe(401);
    expect((await api('PATCH', '/api-key', admin.token, { id, status: 'Active' })).status).toBe(200);
    expect((await api('GET', '/api-key-status', token)).status).toBe(200);
    const deleted = await api('DELETE', '/api-key', admin.token, { id });
    expect(deleted.body.data).toMatchObject({ status: 'Revoked' });
    expect((await api('GET', '/api-key-status', token)).status).toBe(401);
    expect((await api('DELETE', '/api-key', admin.token, { id })).status).toBe(404);
  });

  it('no key can create or raise a key above its own level', async () => {
    const pay = await t.createKey('ReadAndPay');
    expect((await api('POST', '/api-key', pay.token, { permission: 'Admin' })).status).toBe(403);
    expect((await api('POST', '/api-key', pay.token, { permission: 'Read' })).status).toBe(403);
    const read = await t.createKey('Read');
    expect((await api('PATCH', '/api-key', pay.token, { id: read.id, permission: 'Admin' })).status).toBe(403);
    expect((await api('GET', '/api-key', read.token)).status).toBe(403);
    const unchanged = await t.db.apiKey.findUniqueOrThrow({ where: { id: read.id } });
    expect(unchanged.permission).toBe('Read');
  });

  it('refuses to revoke the last active admin key', async () => {
    const solo = await createTestApp();
    try {
      const only = await solo.createKey('Admin');
      const response = await solo.app.inject({ method: 'DELETE', url: '/api/v1/api-key', headers: { token: only.token }, payload: { id: only.id } });
      expect(response.statusCode).toBe(409);
      expect((await solo.db.apiKey.findUniqueOrThrow({ where: { id: only.id } })).status).toBe('Active');
    } finally {
      await solo.close();
    }
  });

  it.each([
    [{ permission: 'Owner' }, 'permission'],
    [{ UsageCredits: [{ unit: '', amount: '-5' }] }, 'UsageCredits'],
    [{ UsageCredits: [{ unit: '', amount: '1.5' }] }, 'UsageCredits'],
    [{ UsageCredits: [{ unit: '', amount: 5 }] }, 'UsageCredits'],
    [{ UsageCredits: [{ unit: 'not-a-unit', amount: '5' }] }, 'UsageCredits'],
    [{ UsageCredits: [{ unit: '', amount: '99999999999999999999' }] }, 'UsageCredits'],
    [{ networkLimit: ['Testnet'] }, 'networkLimit'],
    [{ usageLimited: 'yes' }, 'usageLimited'],
  ])('POST /api-key %o → 400 naming %s, nothing written', async (body, field) => {
    const before = await t.db.apiKey.count();
    const response = await api('POST', '/api-key', admin.token, body);
    expect(response.status).toBe(400);
    expect(response.body.error?.message).toContain(field);
    expect(await t.db.apiKey.count()).toBe(before);
  });
});

describe('health', () => {
  it('answers 200 with the database up and 503 when it is down', async () => {
    const up = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(up.json()).toMatchObject({ status: 'success', data: { status: 'ok', database: 'ok' } });

    const { buildApp } = await import('../../../src/app.js');
    const { createDb } = await import('../../../src/db/prisma.js');
    const deadDb = createDb('postgresql://postgres@127.0.0.1:1/none', { maxConnections: 1 });
    const down = await buildApp({ ...t.app.deps, db: deadDb });
    const response = await down.inject({ method: 'GET', url: '/api/v1/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'error', error: { code: 'DATABASE_UNAVAILABLE' } });
    await down.close();
    await deadDb.$disconnect();
  });
});
