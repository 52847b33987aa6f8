import { BlockfrostProvider, unixTimeToEnclosingSlot } from '@meshsdk/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../src/devnet/index.js';
import { builderFor, fundedWallet, getJson, newWallet, postJson, startTestDevnet, type TestWallet } from './devnet-fixtures.js';

describe('chain time', () => {
  let devnet: Devnet;
  let provider: BlockfrostProvider;
  let alice: TestWallet;

  beforeAll(async () => {
    devnet = await startTestDevnet();
    provider = new BlockfrostProvider(devnet.url);
    alice = await fundedWallet(devnet, 200_000_000n, provider);
  });
  afterAll(() => devnet.close());

  const currentSlot = (): number => unixTimeToEnclosingSlot(devnet.nowMs(), devnet.slotConfig);

  /** A signed payment with the given validity interval (slots), not submitted. */
  async function signedPayment(bounds: { before?: number; hereafter?: number }): Promise<string> {
    const bob = await newWallet();
    let builder = (await builderFor(provider)).txOut(bob.address, [{ unit: 'lovelace', quantity: '2000000' }]);
    if (bounds.before !== undefined) builder = builder.invalidBefore(bounds.before);
    if (bounds.hereafter !== undefined) builder = builder.invalidHereafter(bounds.hereafter);
    const unsigned = await builder.changeAddress(alice.address).selectUtxosFrom(await provider.fetchAddressUTxOs(alice.address)).complete();
    return alice.wallet.signTx(unsigned);
  }

  async function submit(signed: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${devnet.url}/tx/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/cbor' },
      body: Buffer.from(signed, 'hex'),
    });
    return { status: response.status, body: await response.json() };
  }

  it('slot 0 is at the devnet start and slots last one second', async () => {
    const genesis = (await getJson(devnet, '/blocks/0')).body as { time: number; slot: number };
    expect(genesis).toMatchObject({ slot: 0, time: devnet.slotConfig.zeroTime / 1000 });
    const block = devnet.produceBlock();
    expect(block.time).toBe(devnet.slotConfig.zeroTime / 1000 + block.slot);
  });

  it('a configurable system start puts slot 0 in the past', async () => {
    const hourAgo = Date.now() - 3_600_000;
    const older = await startTestDevnet({ systemStartMs: hourAgo });
    try {
      expect(older.slotConfig.zeroTime).toBe(Math.floor(hourAgo / 1000) * 1000);
      const block = older.produceBlock();
      expect(block.slot).toBeGreaterThanOrEqual(3600);
      expect(block.slot).toBeLessThan(3700);
    } finally {
      await older.close();
    }
  });

  it('advancing time moves /blocks/latest and /health/clock', async () => {
    const before = (await getJson(devnet, '/blocks/latest')).body as { time: number; slot: number };
    const { body } = await postJson(devnet, '/admin/time/advance', { ms: 3_600_000 });
    expect(body).toMatchObject({ slot: expect.any(Number) as number });
    const clock = (await getJson(devnet, '/health/clock')).body as { server_time: number };
    expect(clock.server_time).toBeGreaterThanOrEqual(before.time * 1000 + 3_600_000);
    devnet.produceBlock();
    const after = (await getJson(devnet, '/blocks/latest')).body as { time: number; slot: number };
    expect(after.time - before.time).toBeGreaterThanOrEqual(3600);
    expect(after.slot - before.slot).toBeGreaterThanOrEqual(3600);
  });

  it('a transaction past its upper bound is rejected once time has moved beyond it', async () => {
    const signed = await signedPayment({ hereafter: currentSlot() + 60 });
    devnet.advanceTime(120_000);
    const { status, body } = await submit(signed);
    expect(status).toBe(400);
    expect((body as { message: string }).message).toMatch(/validity interval/);
  });

  it('a transaction before its lower bound is rejected until time reaches it', async () => {
    const signed = await signedPayment({ before: currentSlot() + 600 });
    expect((await submit(signed)).status).toBe(400);
    devnet.advanceTime(601_000);
    const accepted = await submit(signed);
    expect(accepted.status).toBe(200);
    devnet.produceBlock();
    expect((await getJson(devnet, `/txs/${accepted.body as string}`)).status).toBe(200);
  });

  it('a mempool transaction that expires before the next block is dropped, not included', async () => {
    const signed = await signedPayment({ hereafter: currentSlot() + 30 });
    const accepted = await submit(signed);
    expect(accepted.status).toBe(200);
    devnet.advanceTime(60_000);
    const block = devnet.produceBlock();
    expect(block.txHashes).toEqual([]);
    const mempool = (await getJson(devnet, '/admin/mempool')).body as { txHashes: string[]; recentlyDropped: { txHash: string; reason: string }[] };
    expect(mempool.txHashes).toEqual([]);
    expect(mempool.recentlyDropped.find((d) => d.txHash === accepted.body)?.reason).toMatch(/validity interval/);
  });

  it('rejects going back in time', async () => {
    expect((await postJson(devnet, '/admin/time/advance', { ms: -1 })).status).toBe(400);
  });
});
