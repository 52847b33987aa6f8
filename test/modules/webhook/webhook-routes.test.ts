import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeEscrow } from '../../../src/modules/escrow/escrow-state.js';
import { nonPublicReason } from '../../../src/modules/webhook/private-address.js';
import { checkWebhookUrl, type Resolver } from '../../../src/modules/webhook/webhook-url.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { seedEscrow } from './webhook-fixtures.js';

const PUBLIC_URL = 'https://93.184.215.14/hooks/payments';
let t: TestApp;
let owner: { id: string; token: string };
let other: { id: string; token: string };
let admin: { id: string; token: string };

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createKey('ReadAndPay');
  other = await t.createKey('ReadAndPay');
  admin = await t.createKey('Admin');
});
afterAll(() => t.close());

async function api(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, token = owner.token) {
  const response = await t.app.inject({ method, url: `/api/v1${url}`, headers: { token }, ...(method === 'GET' ? { query: payload as Record<string, string> } : payload ? { payload } : {}) });
  return { status: response.statusCode, body: response.json() };
}

const create = (body: object, token = owner.token) => api('POST', '/webhooks', { url: PUBLIC_URL, events: ['PAYMENT_ON_CHAIN_STATUS_CHANGED'], ...body }, token);

describe('webhook endpoints', () => {
  it('the secret (32 random bytes) is shown once at creation and stored only encrypted', async () => {
    const created = await create({ description: 'orders', networks: ['Preprod', 'Preprod'] });
    expect(created.status).toBe(200);
    const { id, secret } = created.body.data;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.body.data).toMatchObject({ url: PUBLIC_URL, description: 'orders', networks: ['Preprod'], enabled: true, createdById: owner.id });
    const listed = await api('GET', '/webhooks', {});
    const row = listed.body.data.Webhooks.find((w: { id: string }) => w.id === id);
    expect(row).toBeDefined();
    expect(row.secret).toBeUndefined();
    const stored = await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(stored.encryptedSecret).not.toContain(secret);
    expect(t.secretBox.decrypt(stored.encryptedSecret)).toBe(secret);

    const rotated = await api('PATCH', '/webhooks', { id, rotateSecret: true });
    expect(rotated.body.data.secret).toMatch(/^whsec_/);
    expect(rotated.body.data.secret).not.toBe(secret);
    expect(t.secretBox.decrypt((await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id } })).encryptedSecret)).toBe(rotated.body.data.secret);
    expect((await api('PATCH', '/webhooks', { id, description: null })).body.data).not.toHaveProperty('secret');
  });

  it('a key sees and manages only its own endpoints; an admin sees all', async () => {
    const { id } = (await create({})).body.data;
    const theirs = await api('GET', '/webhooks', { limit: '100' }, other.token);
    expect(theirs.body.data.Webhooks.map((w: { id: string }) => w.id)).not.toContain(id);
    for (const [method, url, body] of [['PATCH', '/webhooks', { id, enabled: false }], ['DELETE', '/webhooks', { id }], ['POST', '/webhooks/test', { id }]] as const) {
      expect(await api(method, url, body, other.token), `${method} ${url}`).toMatchObject({ status: 404, body: { error: { code: 'WEBHOOK_NOT_FOUND' } } });
    }
    expect((await api('GET', '/webhooks/deliveries', { webhookId: id }, other.token)).status).toBe(404);
    const all = await api('GET', '/webhooks', { limit: '100' }, admin.token);
    expect(all.body.data.Webhooks.map((w: { id: string }) => w.id)).toContain(id);
    expect((await api('PATCH', '/webhooks', { id, events: ['PAYMENT_ON_ERROR'] }, admin.token)).body.data.events).toEqual(['PAYMENT_ON_ERROR']);
  });

  it('a network-limited key cannot subscribe to another network', async () => {
    const limited = await t.createKey('ReadAndPay', { networkLimit: ['Preprod'] });
    expect(await create({ networks: ['Mainnet'] }, limited.token)).toMatchObject({ status: 403, body: { error: { code: 'NETWORK_NOT_ALLOWED' } } });
    expect((await create({ networks: ['Preprod'] }, limited.token)).status).toBe(200);
  });

  it('unknown events and bad bodies are refused naming the field', async () => {
    const bad = await create({ events: ['PAYMENT_CREATED'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('events');
    expect((await create({ events: [] })).status).toBe(400);
  });

  it('DELETE gives up pending deliveries; the log stays readable', async () => {
    const { id } = (await create({ events: ['PAYMENT_NEXT_ACTION_CHANGED'] })).body.data;
    const payment = await seedEscrow(t, owner.id);
    await t.db.$transaction((tx) => changeEscrow(tx, payment.id, { nextAction: 'WithdrawRequested' }));
    expect((await api('DELETE', '/webhooks', { id })).body.data).toMatchObject({ id, enabled: false });
    expect((await api('GET', '/webhooks', { limit: '100' })).body.data.Webhooks.map((w: { id: string }) => w.id)).not.toContain(id);
    const log = await api('GET', '/webhooks/deliveries', { limit: '100' });
    expect(log.body.data.Deliveries.find((d: { webhookId: string }) => d.webhookId === id)).toMatchObject({ status: 'Failed', lastError: 'the webhook was deleted' });
  });

  it('the delivery log pages newest first with an exclusive cursor and filters by status', async () => {
    const { id } = (await create({ events: ['PAYMENT_NEXT_ACTION_CHANGED'] })).body.data;
    const payment = await seedEscrow(t, owner.id);
    const actions = ['WithdrawRequested', 'WithdrawInitiated', 'WaitingForExternalAction', 'WithdrawRequested', 'WithdrawInitiated'] as const;
    for (const nextAction of actions) await t.db.$transaction((tx) => changeEscrow(tx, payment.id, { nextAction }));
    const seen: string[] = [];
    let cursorId: string | undefined;
    for (;;) {
      const page = await api('GET', '/webhooks/deliveries', { webhookId: id, limit: '2', ...(cursorId ? { cursorId } : {}) });
      const rows = page.body.data.Deliveries as { id: string }[];
      if (rows.length === 0) break;
      seen.push(...rows.map((row) => row.id));
      cursorId = rows.at(-1)!.id;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const bodies = await t.db.webhookDelivery.findMany({ where: { id: { in: seen } } });
    const actionOf = (deliveryId: string) => JSON.parse(bodies.find((b) => b.id === deliveryId)!.payload).data.NextAction.requestedAction;
    expect(seen.map(actionOf)).toEqual([...actions].reverse());
    expect((await api('GET', '/webhooks/deliveries', { webhookId: id, status: 'Succeeded' })).body.data.Deliveries).toEqual([]);
  });

  it('appears in the OpenAPI document', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json().paths)).toEqual(expect.arrayContaining(['/api/v1/webhooks', '/api/v1/webhooks/test', '/api/v1/webhooks/deliveries', '/api/v1/webhooks/deliveries/{id}/redeliver']));
  });
});

describe('webhook targets on private networks are refused by default', () => {
  const refused = [
    'http://127.0.0.1/hook',
    'http://127.1.2.3:8080/hook',
    'http://10.0.0.5/hook',
    'http://172.16.9.1/hook',
    'http://192.168.1.20/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://100.64.0.1/hook',
    'http://0.0.0.0/hook',
    'http://2130706433/hook',
    'http://0x7f.1/hook',
    'http://[::1]/hook',
    'http://[::]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[::ffff:7f00:1]/hook',
    'http://[::ffff:10.1.1.1]/hook',
    'http://[64:ff9b::a00:1]/hook',
    'http://[2002:c0a8:101::1]/hook',
    'http://[fe80::1]/hook',
    'http://[fd12:3456::1]/hook',
    'http://localhost:3001/hook',
    'http://LOCALHOST./hook',
    'http://api.localhost/hook',
  ];

  it.each(refused)('%s', async (url) => {
    const response = await create({ url });
    expect(response, url).toMatchObject({ status: 400, body: { error: { code: 'WEBHOOK_URL_NOT_ALLOWED' } } });
    expect(response.body.error.message).toMatch(/^url: .*(loopback|private|link-local|this-network|unspecified|shared|unique local)/);
  });

  it('this machine’s own host name (resolved through the system resolver) is refused', async () => {
    const response = await create({ url: `http://${hostname()}:8080/hook` });
    expect(response).toMatchObject({ status: 400, body: { error: { code: 'WEBHOOK_URL_NOT_ALLOWED' } } });
  });

  it('a name is judged by every address it resolves to, in any IPv4 or IPv6 form', async () => {
    const resolvingTo = (...addresses: string[]): Resolver => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    const check = (resolve: Resolver) => checkWebhookUrl('https://hooks.example.com/in', { allowPrivate: false, resolve });
    await expect(check(resolvingTo('127.0.0.1'))).rejects.toThrow(/127\.0\.0\.1 is a loopback address/);
    await expect(check(resolvingTo('93.184.215.14', '10.0.0.1'))).rejects.toThrow(/10\.0\.0\.1 is a private address/);
    await expect(check(resolvingTo('::ffff:192.168.0.1'))).rejects.toThrow(/private/);
    await expect(check(resolvingTo('::1'))).rejects.toThrow(/loopback/);
    await expect(check(resolvingTo())).rejects.toThrow(/does not resolve/);
    await expect(check(resolvingTo('93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'))).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('http://127.0.0.1:9/x', { allowPrivate: true })).resolves.toBeInstanceOf(URL);
  });

  it('only http(s) URLs without credentials', async () => {
    for (const url of ['ftp://93.184.215.14/x', 'file:///etc/passwd', 'not a url', 'https://user:secret@93.184.215.14/x']) {
      expect((await create({ url })).status, url).toBe(400);
    }
  });

  it('classifies addresses', () => {
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2a00:1450:4001:80b::200e']) expect(nonPublicReason(address), address).toBeNull();
    const cases: [string, string][] = [
      ['127.0.0.1', 'loopback'],
      ['10.255.255.255', 'private'],
      ['172.31.0.1', 'private'],
      ['172.32.0.1', ''],
      ['192.168.0.1', 'private'],
      ['169.254.1.1', 'link-local'],
      ['224.0.0.1', 'multicast'],
      ['255.255.255.255', 'reserved'],
      ['::1', 'loopback'],
      ['::', 'unspecified'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:0:10.0.0.1', 'private'],
      ['fe80::1%eth0', 'link-local'],
      ['fc00::1', 'unique local (private)'],
      ['ff02::1', 'multicast'],
      ['2001:db8::1', 'documentation'],
      ['2001:0:4136:e378::1', 'Teredo'],
      ['4000::1', 'reserved'],
    ];
    for (const [address, reason] of cases) expect(nonPublicReason(address), address).toBe(reason || null);
  });
});
