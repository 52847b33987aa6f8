import { BlockfrostProvider, MeshTxBuilder } from '@meshsdk/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Devnet } from '../../src/devnet/index.js';
import { fundedWallet, getJson, newWallet, payWithMesh, postJson, startTestDevnet, type TestWallet } from './devnet-fixtures.js';

describe('rollback', () => {
  let devnet: Devnet;
  let provider: BlockfrostProvider;
  let alice: TestWallet;
  let bob: TestWallet;
  let paymentHash: string;

  /** Alice pays Bob; the payment is the only transaction of the tip block. */
  beforeEach(async () => {
    devnet = await startTestDevnet();
    provider = new BlockfrostProvider(devnet.url);
    alice = await fundedWallet(devnet, 100_000_000n, provider);
    bob = await newWallet();
    paymentHash = await payWithMesh(provider, alice, bob.address, 9_000_000n);
    devnet.produceBlock();
    expect(devnet.tip().txHashes).toEqual([paymentHash]);
  });
  afterEach(() => devnet.close());

  async function bobState(): Promise<{ tx: number; utxos: unknown; txs: unknown }> {
    const tx = await getJson(devnet, `/txs/${paymentHash}`);
    const utxos = await getJson(devnet, `/addresses/${bob.address}/utxos`);
    const txs = await getJson(devnet, `/addresses/${alice.address}/transactions`);
    return { tx: tx.status, utxos: utxos.body, txs: txs.body };
  }

  it('mempool mode: the transaction leaves every index, returns to the mempool and is re-included', async () => {
    const before = await bobState();
    const { status, body } = await postJson(devnet, '/admin/rollback', { blocks: 1, mode: 'mempool' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ removedBlocks: [{ txHashes: [paymentHash] }], dropped: [] });

    expect(await getJson(devnet, `/txs/${paymentHash}`)).toMatchObject({ status: 404 });
    expect((await getJson(devnet, `/addresses/${bob.address}/utxos`)).status).toBe(404);
    const aliceTxs = (await getJson(devnet, `/addresses/${alice.address}/transactions`)).body as { tx_hash: string }[];
    expect(aliceTxs.map((t) => t.tx_hash)).not.toContain(paymentHash);
    expect(devnet.mempool()).toEqual([paymentHash]);
    expect(devnet.checkConsistency().ok).toBe(true);

    const reforged = devnet.produceBlock();
    expect(reforged.txHashes).toEqual([paymentHash]);
    const after = await bobState();
    expect(after.tx).toBe(200);
    expect(after.utxos).toEqual((before.utxos as { block: string }[]).map((u) => ({ ...u, block: reforged.hash })));
    expect(devnet.checkConsistency().ok).toBe(true);
  });

  it('discard mode: the transaction is gone and its inputs are unspent again', async () => {
    const aliceUtxosBefore = (await getJson(devnet, `/addresses/${alice.address}/utxos`)).body as { tx_hash: string }[];
    expect(aliceUtxosBefore.every((u) => u.tx_hash === paymentHash)).toBe(true);

    const result = devnet.rollback(1, 'discard');
    expect(result.removedBlocks.map((b) => b.txHashes)).toEqual([[paymentHash]]);
    expect(devnet.mempool()).toEqual([]);
    devnet.produceBlock();

    expect((await getJson(devnet, `/txs/${paymentHash}`)).status).toBe(404);
    expect((await getJson(devnet, `/addresses/${bob.address}/utxos`)).status).toBe(404);
    const aliceUtxos = (await getJson(devnet, `/addresses/${alice.address}/utxos`)).body as { tx_hash: string; amount: unknown }[];
    expect(aliceUtxos).toHaveLength(1);
    expect(aliceUtxos[0]?.amount).toEqual([{ unit: 'lovelace', quantity: '100000000' }]);
    expect(devnet.checkConsistency().ok).toBe(true);
  });

  it('drops mempool transactions that spent outputs of a rolled-back block', async () => {
    const carol = await newWallet();
    // Bob's funds are confirmed, so his payment enters the mempool…
    const chained = await payWithMesh(provider, bob, carol.address, 2_000_000n);
    expect(devnet.mempool()).toEqual([chained]);
    // …and cannot survive the rollback of the block that paid Bob.
    const result = devnet.rollback(1, 'discard');
    expect(result.dropped.map((d) => d.txHash)).toEqual([chained]);
    expect(devnet.mempool()).toEqual([]);
    expect(devnet.checkConsistency().ok).toBe(true);
  });

  it('new blocks after a rollback get new hashes and the height continues from the fork point', async () => {
    const tip = devnet.tip();
    devnet.rollback(1, 'discard');
    const next = devnet.produceBlock();
    expect(next.height).toBe(tip.height);
    expect(next.hash).not.toBe(tip.hash);
    expect((await getJson(devnet, `/blocks/${tip.hash}`)).status).toBe(404);
  });

  it('refuses to roll back the genesis block', async () => {
    const { status, body } = await postJson(devnet, '/admin/rollback', { blocks: devnet.tip().height + 1, mode: 'discard' });
    expect(status).toBe(400);
    expect(body).toMatchObject({ status_code: 400, error: 'Bad Request' });
  });
});

describe('dropping from the mempool (a transaction that never confirms)', () => {
  let devnet: Devnet;
  let provider: BlockfrostProvider;

  beforeEach(async () => {
    devnet = await startTestDevnet();
    provider = new BlockfrostProvider(devnet.url);
  });
  afterEach(() => devnet.close());

  it('drops one transaction and those that spend its outputs; the next block has neither', async () => {
    const alice = await fundedWallet(devnet, 50_000_000n, provider);
    const bob = await newWallet();
    const kept = await devnet.topup(bob.address, 3_000_000n);
    const lost = await payWithMesh(provider, alice, bob.address, 4_000_000n);
    expect(devnet.mempool()).toEqual([kept, lost]);

    const { status, body } = await postJson(devnet, '/admin/drop-mempool', { txHash: lost });
    expect(status).toBe(200);
    expect(body).toEqual({ dropped: [{ txHash: lost, reason: 'dropped from the mempool' }] });
    expect(devnet.produceBlock().txHashes).toEqual([kept]);
    expect((await getJson(devnet, `/txs/${lost}`)).status).toBe(404);
    expect(devnet.checkConsistency().ok).toBe(true);
  });

  it('takes dependent transactions along; without a hash it empties the mempool; an unknown hash is refused', async () => {
    const bob = await newWallet();
    const carol = await newWallet();
    const topup = await devnet.topup(bob.address, 10_000_000n);
    // Bob spends the top-up while it is still in the mempool (output 0 of the faucet's transaction).
    const unsigned = await new MeshTxBuilder()
      .txIn(topup, 0, [{ unit: 'lovelace', quantity: '10000000' }], bob.address, 0)
      .txOut(carol.address, [{ unit: 'lovelace', quantity: '2000000' }])
      .changeAddress(bob.address)
      .complete();
    const chained = devnet.submitTx(await bob.wallet.signTx(unsigned));
    expect(devnet.mempool()).toEqual([topup, chained]);

    const dropped = devnet.dropMempool(topup);
    expect(dropped[0]).toEqual({ txHash: topup, reason: 'dropped from the mempool' });
    expect(dropped[1]?.txHash).toBe(chained);
    expect(dropped[1]?.reason).toMatch(/inputs/i);
    expect(devnet.mempool()).toEqual([]);

    const first = await devnet.topup(bob.address, 5_000_000n);
    const second = await devnet.topup(bob.address, 6_000_000n);
    expect(devnet.dropMempool().map((d) => d.txHash)).toEqual([first, second]);
    expect(devnet.produceBlock().txHashes).toEqual([]);
    expect((await postJson(devnet, '/admin/drop-mempool', { txHash: first })).status).toBe(400);
  });
});
