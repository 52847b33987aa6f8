import { randomBytes } from 'node:crypto';
import type { Prisma } from '../../src/generated/prisma/client.js';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/**
 * `count` payments and purchases (alternately) already FundsLocked, each with its own escrow output:
 * the load a chain watcher must not pay for on a quiet cycle. `agentPrefix` marks them for clean-up.
 */
export function openEscrowRows(count: number, ids: { paymentSourceId: string; requestedById: string }, nowMs: bigint, agentPrefix = ''): Prisma.EscrowRequestCreateManyInput[] {
  return Array.from({ length: count }, (_, i) => ({
    role: i % 2 ? 'Seller' : 'Buyer',
    ...ids,
    blockchainIdentifier: hex(40),
    agentIdentifier: agentPrefix + hex(60 - agentPrefix.length / 2),
    identifierFromPurchaser: hex(10),
    sellerNonce: hex(16),
    referenceSignature: hex(64),
    inputHash: hex(32),
    payByTime: nowMs + 600_000n,
    submitResultTime: nowMs + 1_800_000n,
    unlockTime: nowMs + 3_600_000n,
    externalDisputeUnlockTime: nowMs + 7_200_000n,
    onChainState: 'FundsLocked',
    escrowTxHash: hex(32),
    escrowOutputIndex: 0,
  }));
}
