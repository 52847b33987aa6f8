import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../src/devnet/index.js';
import { createFundedSource, type DevnetNode, startDevnetNode, startTestDevnet } from '../helpers/devnet-node.js';

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
    for (let i = 0; i < 200; i++) {
      await node.db.escrowRequest.create({
        data: {
          role: i % 2 ? 'Seller' : 'Buyer',
          paymentSourceId: source.id,
          requestedById: apiKey.id,
          blockchainIdentifier: randomBytes(40).toString('hex'),
          agentIdentifier: randomBytes(60).toString('hex'),
          identifierFromPurchaser: randomBytes(10).toString('hex'),
          sellerNonce: randomBytes(16).toString('hex'),
          referenceSignature: randomBytes(64).toString('hex'),
          inputHash: randomBytes(32).toString('hex'),
          payByTime: now + 600_000n,
          submitResultTime: now + 1_800_000n,
          unlockTime: now + 3_600_000n,
          externalDisputeUnlockTime: now + 7_200_000n,
          onChainState: 'FundsLocked',
          escrowTxHash: randomBytes(32).toString('hex'),
          escrowOutputIndex: 0,
        },
      });
    }
    expect(await quietCycleCalls()).toBe(empty);
  });
});
