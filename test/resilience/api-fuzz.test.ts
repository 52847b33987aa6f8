import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevnet, type Devnet } from '../../src/devnet/index.js';
import { ROUTE_SAMPLES, SAMPLE_AGENT, SAMPLE_TESTNET_ADDRESS } from '../helpers/route-samples.js';
import { newTestWallet, paymentSourceBody } from '../helpers/wallets.js';
import { FUZZ_ENCRYPTION_KEY, type FuzzApp, startFuzzApp } from './helpers/fuzz-app.js';
import { type FuzzRequest, fuzzCases, KEY_LEVELS, type KeyLevel } from './helpers/fuzz-cases.js';
import type { OpenApiDocument } from './helpers/openapi-arbitrary.js';
import { databaseText, SecretScanner } from './helpers/secret-scan.js';

/**
 * 10,000 requests generated from the app's own OpenAPI document (GET /docs/json), from valid
 * samples with mutations, and from junk, against every route with every key level, in process
 * on a real database with real secrets seeded. No 500, no secret in a response or a log line,
 * and the database's invariants hold afterwards.
 */
const REQUESTS = 10_000;
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);

let devnet: Devnet;
let t: FuzzApp;
const tokens = {} as Record<KeyLevel, string | undefined>;
const seeded = new SecretScanner();
const learned = new SecretScanner();
const seeds: Record<string, unknown[]> = {};
const templates: Record<string, FuzzRequest[]> = {};

const api = async (method: string, url: string, payload?: unknown, token = tokens.Admin) => {
  const response = await t.app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers: { token: token ?? '' }, ...(method === 'GET' ? { query: payload as Record<string, string> } : payload === undefined ? {} : { payload: payload as object }) });
  if (response.statusCode !== 200) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json<{ data: any }>().data;
};

async function until<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 150; i++) {
    await t.runJobs();
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function seed(field: string, ...values: unknown[]): void {
  seeds[field] = [...(seeds[field] ?? []), ...values];
}

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockIntervalMs: 200 });
  t = await startFuzzApp(devnet);
  tokens.Admin = (await t.createKey('Admin')).token;
  tokens.ReadAndPay = (await t.createKey('ReadAndPay')).token;
  tokens.Read = (await t.createKey('Read')).token;
  tokens.PreprodOnly = (await t.createKey('ReadAndPay', { networkLimit: ['Preprod'] })).token;
  tokens.MainnetOnly = (await t.createKey('ReadAndPay', { networkLimit: ['Mainnet'] })).token;
  tokens.UsageLimited = (await t.createKey('ReadAndPay', { usageLimited: true, credits: [{ unit: '', amount: 50_000_000n }] })).token;
  tokens.Revoked = (await t.createKey('Admin', { status: 'Revoked' })).token;
  tokens.Unknown = `apn_${randomBytes(24).toString('base64url')}`;
  tokens.None = undefined;
  for (const level of KEY_LEVELS) if (tokens[level]) seeded.addLiteral(`${level} token`, tokens[level]);
  seeded.addLiteral('ENCRYPTION_KEY', FUZZ_ENCRYPTION_KEY);
  const victims = [await t.createKey('ReadAndPay'), await t.createKey('Read', { usageLimited: true, credits: [{ unit: '', amount: 5n }] })];
  victims.forEach((victim, index) => seeded.addLiteral(`victim ${index} token`, victim.token));

  // A devnet source with funded wallets and an agent; five payments, one of them bought and locked.
  const { body, wallets } = await paymentSourceBody({ PaymentSourceConfig: { rpcProvider: 'Devnet' } });
  seeded.addMnemonic('selling wallet mnemonic', wallets.seller.mnemonic);
  seeded.addMnemonic('purchasing wallet mnemonic', wallets.buyer.mnemonic);
  const source = await api('POST', '/payment-source-extended', body);
  await Promise.all([await devnet.topup(wallets.seller.address, 2_000_000_000n), await devnet.topup(wallets.buyer.address, 2_000_000_000n)].map((hash) => devnet.waitForTx(hash, 30_000)));
  const registration = await api('POST', '/registry', {
    network: 'Preprod', sellingWalletVkey: wallets.seller.vkey, name: 'Fuzzed', description: 'd', apiBaseUrl: 'https://a.example.com',
    Capability: { name: 'c', version: '1' }, Author: { name: 'a' }, Tags: ['t'], AgentPricing: { pricingType: 'Fixed', Pricing: [{ unit: '', amount: '20000000' }] },
  });
  const agentIdentifier = await until('agent', async () => (await t.db.registryRequest.findUnique({ where: { id: registration.id } }))?.agentIdentifier ?? undefined);
  await until('registration confirmed', async () => ((await t.db.registryRequest.findUnique({ where: { id: registration.id } }))?.state === 'RegistrationConfirmed' ? true : undefined));
  const now = devnet.nowMs();
  const purchases: Record<string, unknown>[] = [];
  for (let i = 0; i < 5; i++) {
    const identifierFromPurchaser = randomBytes(8).toString('hex');
    const inputHash = randomBytes(32).toString('hex');
    const payment = await api('POST', '/payment', {
      network: 'Preprod', agentIdentifier, inputHash, identifierFromPurchaser,
      payByTime: String(now + 20 * 60_000), submitResultTime: String(now + 40 * 60_000),
    });
    purchases.push({
      network: 'Preprod', blockchainIdentifier: payment.blockchainIdentifier, inputHash, sellerVkey: payment.sellerVKey, agentIdentifier, identifierFromPurchaser,
      payByTime: payment.payByTime, submitResultTime: payment.submitResultTime, unlockTime: payment.unlockTime, externalDisputeUnlockTime: payment.externalDisputeUnlockTime,
    });
    seed('blockchainIdentifier', payment.blockchainIdentifier);
    seed('inputHash', inputHash);
    seed('identifierFromPurchaser', identifierFromPurchaser);
    seed('id', payment.id);
    seed('cursorId', payment.id);
  }
  const bought = await api('POST', '/purchase', purchases[0]);
  await until('FundsLocked', async () => ((await t.db.escrowRequest.findUnique({ where: { id: bought.id } }))?.onChainState === 'FundsLocked' ? true : undefined));
  const locked = purchases[0]!.blockchainIdentifier;

  // A Mainnet source on (unreachable) Blockfrost: its provider key and mnemonics.
  const providerKey = `mainnet${randomBytes(16).toString('hex')}`;
  seeded.addLiteral('Blockfrost project id', providerKey);
  const mainnet = await paymentSourceBody({ PaymentSourceConfig: { rpcProvider: 'Blockfrost', rpcProviderApiKey: providerKey } }, 1);
  seeded.addMnemonic('mainnet selling mnemonic', mainnet.wallets.seller.mnemonic);
  seeded.addMnemonic('mainnet purchasing mnemonic', mainnet.wallets.buyer.mnemonic);
  const mainnetSource = await api('POST', '/payment-source-extended', mainnet.body);
  const hook = await api('POST', '/webhooks', { url: 'https://93.184.215.14/hooks/payments', events: ['PAYMENT_ON_CHAIN_STATUS_CHANGED'] });
  seeded.addLiteral('webhook secret', hook.secret);

  const walletIds = [...source.SellingWallets, ...source.PurchasingWallets, ...mainnetSource.SellingWallets].map((wallet: { id: string }) => wallet.id);
  seed('id', ...victims.map((victim) => victim.id), ...walletIds, source.id, mainnetSource.id, registration.id, hook.id, bought.id, 'does-not-exist');
  seed('cursorId', bought.id, ...victims.map((victim) => victim.id));
  seed('webhookId', hook.id);
  seed('agentIdentifier', agentIdentifier, SAMPLE_AGENT);
  seed('sellerVkey', wallets.seller.vkey, wallets.buyer.vkey);
  for (const field of ['sellingWalletVkey', 'walletVkey', 'walletVKey']) seed(field, wallets.seller.vkey, wallets.buyer.vkey, mainnet.wallets.seller.vkey);
  for (const field of ['address', 'walletAddress', 'newCollectionAddress', 'collectionAddress']) seed(field, wallets.seller.address, SAMPLE_TESTNET_ADDRESS, mainnet.wallets.seller.address);
  for (const field of ['smartContractAddress', 'filterSmartContractAddress']) seed(field, source.smartContractAddress, mainnetSource.smartContractAddress);
  seed('filterBlockchainIdentifier', locked);
  seed('submitResultHash', 'ab'.repeat(32));
  seed('updatedAt', String(Date.now()), new Date().toISOString());
  seed('updatedSince', String(Date.now() - 60_000));
  seed('url', 'https://93.184.215.14/h', 'http://127.0.0.1:1/x', 'http://[::1]/', 'http://169.254.169.254/latest', 'ftp://example.com/');
  seed('walletMnemonic', (await newTestWallet()).mnemonic);
  seed('rpcProviderApiKey', `preprod${randomBytes(12).toString('hex')}`, `mainnet${randomBytes(12).toString('hex')}`);

  for (const [route, sample] of Object.entries(ROUTE_SAMPLES)) templates[route] = [{ query: sample.query, body: sample.body }];
  const add = (route: string, request: FuzzRequest) => (templates[route] = [...(templates[route] ?? []), request]);
  for (const purchase of purchases) add('POST /api/v1/purchase', { body: purchase });
  add('POST /api/v1/payment', { body: { network: 'Preprod', agentIdentifier, inputHash: 'cd'.repeat(32), identifierFromPurchaser: 'aabbccddeeff0011', payByTime: String(now + 20 * 60_000), submitResultTime: String(now + 40 * 60_000) } });
  for (const kind of ['payment', 'purchase']) {
    add(`POST /api/v1/${kind}/resolve-blockchain-identifier`, { body: { network: 'Preprod', blockchainIdentifier: locked, includeHistory: true } });
    add(`POST /api/v1/${kind}/error-state-recovery`, { body: { network: 'Preprod', blockchainIdentifier: locked, updatedAt: String(Date.now()) } });
  }
  add('POST /api/v1/payment/submit-result', { body: { network: 'Preprod', blockchainIdentifier: locked, submitResultHash: 'ab'.repeat(32) } });
  add('POST /api/v1/purchase/request-refund', { body: { network: 'Preprod', blockchainIdentifier: locked } });
  add('GET /api/v1/wallet', { query: { walletType: 'Selling', id: walletIds[0], includeSecret: 'true' } });
  add('GET /api/v1/utxos', { query: { network: 'Preprod', address: wallets.seller.address } });
  add('GET /api/v1/payment-information', { query: { network: 'Preprod', agentIdentifier } });
  add('PATCH /api/v1/api-key', { body: { id: victims[1]!.id, UsageCreditsToAddOrRemove: [{ unit: '', amount: '-6' }] } });
}, 300_000);

afterAll(async () => {
  await t?.close();
  await devnet?.close();
});


/** Responses that hand a secret out by design: creating a key, a wallet, a webhook (or rotating its secret), revealing a wallet. */
const HANDS_OUT = new Set(['POST /api/v1/api-key', 'POST /api/v1/wallet', 'POST /api/v1/webhooks', 'PATCH /api/v1/webhooks']);

describe('fuzzing every route with every key level', () => {
  it(`${REQUESTS} requests: no 500, no leaked secret, invariants hold`, async () => {
    const doc = (await t.app.inject({ url: '/docs/json' })).json<OpenApiDocument>();
    const cases = fuzzCases(doc, seeds, templates, REQUESTS, SEED);
    const routes = new Set(cases.map((c) => c.route));
    const apiRoutes = t.app.routePermissions.filter((route) => route.url.startsWith('/api/v1') && route.method !== 'HEAD').map((route) => `${route.method} ${route.url}`);
    expect([...apiRoutes].filter((route) => !routes.has(route.replace(/:(\w+)/g, '{$1}')))).toEqual([]);

    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const combos = new Set<string>();
    for (const c of cases) {
      const token = tokens[c.keyLevel];
      const headers: Record<string, string> = {};
      if (token !== undefined) headers.token = token;
      if (c.idempotencyKey !== undefined) headers['idempotency-key'] = c.idempotencyKey;
      if (c.contentType !== undefined) headers['content-type'] = c.contentType;
      const payload = c.rawBody ?? (c.body === undefined ? undefined : JSON.stringify(c.body));
      if (payload !== undefined && c.contentType === undefined) headers['content-type'] = 'application/json';
      let response;
      try {
        response = await t.app.inject({ method: c.method as 'GET', url: c.url, headers, ...(c.query ? { query: c.query } : {}), ...(payload === undefined ? {} : { payload }) });
      } catch (error) {
        // A request Node's HTTP layer would not send (e.g. a header with a newline) never reaches the app.
        if (error instanceof TypeError) continue;
        throw error;
      }
      combos.add(`${c.route} ${c.keyLevel}`);
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      const describe = () => `${c.method} ${c.url} as ${c.keyLevel} ${JSON.stringify({ query: c.query, body: c.body, raw: c.rawBody?.slice(0, 200) }).slice(0, 600)} → ${response.statusCode} ${response.body.slice(0, 400)}`;
      let json: any;
      try {
        json = response.json();
      } catch {
        failures.push(`not JSON: ${describe()}`);
        continue;
      }
      if (response.statusCode >= 500 && !(response.statusCode === 503 && json?.error?.code === 'CHAIN_UNAVAILABLE')) failures.push(`server error: ${describe()}`);
      if (response.statusCode >= 400 && (json?.status !== 'error' || typeof json?.error?.code !== 'string')) failures.push(`error outside the envelope: ${describe()}`);
      const reveals = c.route === 'GET /api/v1/wallet' && c.keyLevel === 'Admin' && response.statusCode === 200;
      if (!reveals) for (const found of seeded.find(response.body)) failures.push(`leaks ${found}: ${describe()}`);
      const handsOut = HANDS_OUT.has(c.route) || response.headers['idempotent-replayed'] === 'true';
      if (!handsOut) for (const found of learned.find(response.body)) failures.push(`leaks ${found}: ${describe()}`);
      if (handsOut && response.statusCode === 200) {
        const data = json.data ?? {};
        if (typeof data.token === 'string' && data.token.length >= 16 && !data.token.includes('*')) learned.addLiteral(`created token ${data.id}`, data.token);
        if (typeof data.secret === 'string') learned.addLiteral(`webhook secret ${data.id}`, data.secret);
        if (typeof data.walletMnemonic === 'string') learned.addMnemonic('generated mnemonic', data.walletMnemonic);
      }
      if (failures.length >= 25) break;
    }
    expect(failures, failures.slice(0, 10).join('\n\n')).toEqual([]);
    expect(combos.size, 'every route with every key level').toBe(routes.size * KEY_LEVELS.length);

    const logs = t.logLines.join('');
    expect([...seeded.find(logs), ...learned.find(logs)], 'secrets in the log').toEqual([]);

    // Invariants: no negative credits, every request points at exactly one current action of its own.
    expect(await t.db.usageCredit.count({ where: { amount: { lt: 0 } } })).toBe(0);
    const requests = await t.db.escrowRequest.findMany({ include: { currentAction: true, _count: { select: { actions: true } } } });
    expect(requests.length).toBeGreaterThanOrEqual(6);
    for (const request of requests) {
      expect(request.currentAction?.requestId, request.id).toBe(request.id);
      expect(request._count.actions).toBeGreaterThanOrEqual(1);
    }
    expect(await t.db.apiKey.count({ where: { permission: 'Admin', status: 'Active', deletedAt: null } })).toBeGreaterThanOrEqual(1);
    const stored = [...(await databaseText(t.databaseUrl))].flatMap(([table, text]) => [...seeded.find(text), ...learned.find(text)].map((found) => `${table}: ${found}`));
    expect(stored, 'secrets in plain text in the database').toEqual([]);
    console.log(`fuzz: ${cases.length} requests (seed ${SEED}), ${routes.size} routes × ${KEY_LEVELS.length} key levels, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  }, 600_000);
});
