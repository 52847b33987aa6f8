import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../src/devnet/index.js';
import { createFundedSource, type DevnetNode, startDevnetNode, startTestDevnet } from '../helpers/devnet-node.js';
import { openEscrowRows } from '../helpers/open-escrow-rows.js';

let devnet: Devnet;
let node: DevnetNode;

beforeAll(async () => {
  devnet = await startTestDevnet();
  node = await startDevnetNode(devnet);
  await createFundedSource(node, devnet);
});
afterAll(async () => {
  await node?.close();
  await devnet?.close();
});

async function quietCycleCalls(): Promise<number> {
  await node.runJobs('watch-chain');
  devnet.pauseBlocks();
  try {
    devnet.resetStats();
    await node.runJobs('watch-chain');
    return devnet.stats().total;
  } finally {
    devnet.resumeBlocks();
  }
}

describe('chain watcher', () => {
  it('a quiet cycle costs two provider calls per payment source, whatever the number of open requests', async () => {
    const empty = await quietCycleCalls();
    expect(empty).toBe(2);
    const source = await node.db.paymentSource.findFirstOrThrow();
    const apiKey = await node.db.apiKey.findFirstOrThrow();
    const now = BigInt(devnet.nowMs());
    await node.db.escrowRequest.createMany({ data: openEscrowRows(200, { paymentSourceId: source.id, requestedById: apiKey.id }, now) });
    expect(await quietCycleCalls()).toBe(empty);
  });
});
