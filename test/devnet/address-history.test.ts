import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../src/devnet/index.js';
import { getJson, newWallet, startTestDevnet } from './devnet-fixtures.js';

interface TxRef {
  tx_hash: string;
  tx_index: number;
  block_height: number;
  block_time: number;
}

/**
 * The node's chain watcher polls /addresses/{a}/transactions with a block cursor (`from`), oldest
 * first: ordering, paging and the inclusive `from`/`to` bounds must behave as on Blockfrost.
 */
describe('address transaction history', () => {
  let devnet: Devnet;
  let address: string;
  const history: TxRef[] = [];

  beforeAll(async () => {
    devnet = await startTestDevnet();
    address = (await newWallet()).address;
    // Blocks of 1, 3 (faucet top-ups chain through the mempool) and 1 transaction, with an empty block between.
    for (const perBlock of [1, 0, 3, 1]) {
      const hashes: string[] = [];
      for (let i = 0; i < perBlock; i++) hashes.push(await devnet.topup(address, BigInt(2_000_000 + i)));
      const block = devnet.produceBlock();
      expect(block.txHashes).toEqual(hashes);
      hashes.forEach((hash, index) => history.push({ tx_hash: hash, tx_index: index, block_height: block.height, block_time: block.time }));
    }
  });
  afterAll(() => devnet.close());

  const list = async (query: string): Promise<TxRef[]> => {
    const { status, body } = await getJson(devnet, `/addresses/${address}/transactions${query}`);
    expect(status, JSON.stringify(body)).toBe(200);
    return body as TxRef[];
  };

  it('lists oldest first by default, newest first with order=desc', async () => {
    expect(await list('')).toEqual(history);
    expect(await list('?order=desc')).toEqual([...history].reverse());
  });

  it('pages with count and page', async () => {
    expect(await list('?count=2&page=1')).toEqual(history.slice(0, 2));
    expect(await list('?count=2&page=2')).toEqual(history.slice(2, 4));
    expect(await list('?count=2&page=3')).toEqual(history.slice(4));
    expect(await list('?count=2&page=4')).toEqual([]);
  });

  it('filters by inclusive from/to block bounds, optionally down to a transaction index', async () => {
    const busy = history[1]?.block_height ?? -1;
    expect(await list(`?from=${busy}`)).toEqual(history.slice(1));
    expect(await list(`?from=${busy}:1`)).toEqual(history.slice(2));
    expect(await list(`?to=${busy}:0`)).toEqual(history.slice(0, 2));
    expect(await list(`?from=${busy}&to=${busy}`)).toEqual(history.slice(1, 4));
    expect(await list(`?from=${busy + 2}`)).toEqual([]);
    expect(await list(`?from=${busy}&order=desc&count=1`)).toEqual([history[4]]);
  });

  it('rejects malformed parameters with 400', async () => {
    for (const query of ['?from=abc', '?count=0', '?count=101', '?page=0', '?order=up']) {
      const { status, body } = await getJson(devnet, `/addresses/${address}/transactions${query}`);
      expect(status).toBe(400);
      expect(body).toMatchObject({ status_code: 400, error: 'Bad Request' });
    }
  });

  it('answers 404 for an address the chain has never seen', async () => {
    const unseen = (await newWallet()).address;
    expect((await getJson(devnet, `/addresses/${unseen}/transactions`)).status).toBe(404);
  });
});
