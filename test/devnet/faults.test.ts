import { BlockFrostAPI, BlockfrostServerError } from '@blockfrost/blockfrost-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../src/devnet/index.js';
import { expectBlockfrostShape } from './blockfrost-schema.js';
import { getJson, newWallet, postJson, startTestDevnet } from './devnet-fixtures.js';

describe('fault injection and request counters', () => {
  let devnet: Devnet;

  beforeAll(async () => {
    devnet = await startTestDevnet();
  });
  afterAll(() => devnet.close());

  it('with rate 1 every non-admin call fails with the configured status, in Blockfrost shape; admin routes still work', async () => {
    expect((await postJson(devnet, '/admin/faults', { rate: 1, statuses: [429] })).status).toBe(200);
    for (const path of ['/blocks/latest', '/epochs/latest/parameters', `/txs/${'a'.repeat(64)}`, '/no/such/route']) {
      const { status, body } = await getJson(devnet, path);
      expect(status).toBe(429);
      expect(body).toEqual({ status_code: 429, error: 'Project Over Limit', message: 'Usage is over limit.' });
      expectBlockfrostShape('/blocks/latest', body, '429');
    }
    const submit = await fetch(`${devnet.url}/tx/submit`, { method: 'POST', headers: { 'content-type': 'application/cbor' }, body: '00' });
    expect(submit.status).toBe(429);

    const wallet = await newWallet();
    const topup = await postJson(devnet, '/admin/topup', { address: wallet.address, lovelace: '5000000' });
    expect(topup.status).toBe(200);
    expect((await postJson(devnet, '/admin/block', {})).status).toBe(200);
    // Admin routes answer at the origin and under the Blockfrost prefix alike, never faulted.
    expect((await fetch(`${devnet.origin}/admin/stats`)).status).toBe(200);
    expect((await getJson(devnet, '/admin/stats')).status).toBe(200);

    await postJson(devnet, '/admin/faults', { rate: 1, statuses: [500] });
    devnet.resetStats();
    const api = new BlockFrostAPI({
      customBackend: devnet.url,
      rateLimiter: false,
      retrySettings: {
        limit: 2,
        methods: ['GET'],
        statusCodes: [500],
        errorCodes: [],
        calculateDelay: ({ computedValue }) => (computedValue === 0 ? 0 : 1),
      },
    });
    const error = await api.blocksLatest().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlockfrostServerError);
    expect((error as BlockfrostServerError).status_code).toBe(500);
    // The client's retries are visible in the counters: one call, three requests.
    expect(devnet.stats()).toMatchObject({ total: 3, faulted: 3, routes: { 'GET /blocks/latest': 3 } });

    await postJson(devnet, '/admin/faults', { rate: 0 });
    expect((await getJson(devnet, '/blocks/latest')).status).toBe(200);
  });

  it('a fractional rate fails about that fraction of requests', async () => {
    devnet.setFaults({ rate: 0.5, statuses: [500, 502] });
    const statuses = await Promise.all(Array.from({ length: 200 }, async () => (await getJson(devnet, '/health')).status));
    devnet.setFaults({ rate: 0, statuses: [] });
    const failed = statuses.filter((status) => status !== 200);
    expect(failed.length).toBeGreaterThan(60);
    expect(failed.length).toBeLessThan(140);
    expect(new Set(failed)).toEqual(new Set([500, 502]));
  });

  it('rejects an invalid fault configuration', async () => {
    expect((await postJson(devnet, '/admin/faults', { rate: 2, statuses: [500] })).status).toBe(400);
    expect((await postJson(devnet, '/admin/faults', { rate: 0.5, statuses: [200] })).status).toBe(400);
  });

  it('counts requests per route, faulted ones included, and resets', async () => {
    devnet.resetStats();
    await getJson(devnet, '/blocks/latest');
    await getJson(devnet, '/blocks/latest');
    await getJson(devnet, '/blocks/0');
    devnet.setFaults({ rate: 1, statuses: [500] });
    await getJson(devnet, '/blocks/1');
    devnet.setFaults({ rate: 0, statuses: [] });
    const stats = devnet.stats();
    expect(stats.routes).toEqual({ 'GET /blocks/latest': 2, 'GET /blocks/:hashOrNumber': 2 });
    expect(stats).toMatchObject({ total: 4, faulted: 1 });
    const overHttp = (await fetch(`${devnet.origin}/admin/stats`)).json();
    expect(await overHttp).toEqual(stats);
  });
});
