import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlockfrostChain } from '../../src/cardano/blockfrost-chain.js';
import { ChainError, TxRejectedError } from '../../src/cardano/chain.js';
import { backoffDelayMs, READ_BACKOFF, TokenBucket } from '../../src/cardano/provider-throttle.js';
import { startDevnet, type Devnet } from '../../src/devnet/index.js';

describe('token bucket', () => {
  it('lets a burst through at once, then paces at the rate, in arrival order', async () => {
    let clock = 0;
    const bucket = new TokenBucket({ perSecond: 10, burst: 3 }, () => clock);
    const order: number[] = [];
    const takes = Array.from({ length: 5 }, (_, i) => bucket.take().then(() => order.push(i)));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order).toEqual([0, 1, 2]);
    clock += 100;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(order).toEqual([0, 1, 2, 3]);
    clock += 100;
    await Promise.all(takes);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('a pause empties the bucket: no burst follows a 429', async () => {
    const bucket = new TokenBucket({ perSecond: 20, burst: 20 });
    bucket.pause(200);
    const started = performance.now();
    for (let i = 0; i < 3; i++) await bucket.take();
    // 200 ms of pause, then one token every 50 ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(340);
  });

  it('backoff doubles per retry, half fixed and half jitter, capped', () => {
    expect(backoffDelayMs(READ_BACKOFF, 0, () => 0)).toBe(100);
    expect(backoffDelayMs(READ_BACKOFF, 0, () => 1)).toBe(200);
    expect(backoffDelayMs(READ_BACKOFF, 3, () => 0)).toBe(800);
    expect(backoffDelayMs(READ_BACKOFF, 10, () => 1)).toBe(READ_BACKOFF.capMs);
  });
});

describe('Blockfrost chain against a faulty provider', () => {
  let devnet: Devnet;
  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, blockIntervalMs: 200 });
  });
  afterAll(() => devnet.close());

  const chainWith = (bucket?: TokenBucket) => createBlockfrostChain({ kind: 'devnet' }, 0, devnet.url, { bucket: bucket ?? null });

  it('every HTTP request waits for the bucket, pages of paged reads included', async () => {
    devnet.setFaults({ rate: 0, statuses: [] });
    devnet.resetStats();
    const chain = chainWith(new TokenBucket({ perSecond: 10, burst: 5 }));
    const started = performance.now();
    // Distinct reads: concurrent tip reads would share one request.
    await Promise.all(Array.from({ length: 25 }, (_, i) => chain.txBlock(i.toString(16).padStart(64, '0'))));
    const seconds = (performance.now() - started) / 1000;
    expect(devnet.stats().total).toBe(25);
    // 5 at once, then 20 at 10 a second.
    expect(seconds).toBeGreaterThanOrEqual(1.9);
  });

  it('a read is repeated with backoff after 500s and answers; after five failures it is a ChainError', async () => {
    const chain = chainWith();
    devnet.resetStats();
    devnet.setFaults({ rate: 1, statuses: [500] });
    const error = await chain.tip().catch((e: unknown) => e);
    devnet.setFaults({ rate: 0, statuses: [] });
    expect(error).toBeInstanceOf(ChainError);
    expect(devnet.stats()).toMatchObject({ total: READ_BACKOFF.attempts, faulted: READ_BACKOFF.attempts });
    // A 404 is an answer, not a fault: asked once.
    devnet.resetStats();
    expect(await chain.txBlock('ab'.repeat(32))).toBeNull();
    expect(devnet.stats().total).toBe(1);
  });

  it('a submission is repeated after a 429 (refused before processing), never after a 500', async () => {
    const chain = chainWith();
    devnet.setFaults({ rate: 1, statuses: [500] });
    devnet.resetStats();
    const uncertain = await chain.submit('00').catch((e: unknown) => e);
    expect(uncertain).toBeInstanceOf(ChainError);
    expect(uncertain).not.toBeInstanceOf(TxRejectedError);
    expect(devnet.stats().total).toBe(1);

    devnet.setFaults({ rate: 1, statuses: [429] });
    devnet.resetStats();
    await chain.submit('00').catch(() => undefined);
    expect(devnet.stats().total).toBe(READ_BACKOFF.attempts);
    devnet.setFaults({ rate: 0, statuses: [] });
    // Once served, the ledger's refusal is final.
    await expect(chain.submit('00')).rejects.toBeInstanceOf(TxRejectedError);
  });

  it('a 429 pauses every caller of the bucket, not just the one that got it', async () => {
    const bucket = new TokenBucket({ perSecond: 100, burst: 100 });
    const chain = chainWith(bucket);
    devnet.setFaults({ rate: 1, statuses: [429] });
    const failing = chain.tip().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    devnet.setFaults({ rate: 0, statuses: [] });
    const started = performance.now();
    await chain.tip();
    // The first 429 paused the bucket for at least 100 ms; this read, asked after it, waited too.
    expect(performance.now() - started).toBeGreaterThanOrEqual(40);
    await failing;
  });
});
