import { expect } from 'vitest';
import { lovelaceAt, type TwoNodes } from './two-nodes.js';

export interface BalanceSnapshot {
  buyer: bigint;
  seller: bigint;
  fee: bigint;
  contract: bigint;
}

export async function snapshot(nodes: TwoNodes, contractAddress: string): Promise<BalanceSnapshot> {
  const [buyer, seller, fee, contract] = await Promise.all([
    lovelaceAt(nodes.devnet, nodes.buyerWallets.buyer.address),
    lovelaceAt(nodes.devnet, nodes.sellerWallets.seller.address),
    lovelaceAt(nodes.devnet, nodes.parties.fee.address),
    lovelaceAt(nodes.devnet, contractAddress),
  ]);
  return { buyer, seller, fee, contract };
}

/** Transaction fees the two nodes paid between the snapshots (every transaction they recorded after `since`). */
export async function feesSince(nodes: TwoNodes, since: Date): Promise<bigint> {
  let total = 0n;
  for (const node of [nodes.seller, nodes.buyer]) {
    const rows = await node.db.chainTransaction.findMany({ where: { createdAt: { gte: since }, status: 'Confirmed' } });
    total += rows.reduce((sum, row) => sum + (row.fee ?? 0n), 0n);
  }
  return total;
}

/** No lovelace is created or lost: what the four parties gained equals minus the fees paid. */
export function expectConserved(before: BalanceSnapshot, after: BalanceSnapshot, fees: bigint, external = 0n): void {
  const delta = after.buyer - before.buyer + (after.seller - before.seller) + (after.fee - before.fee) + (after.contract - before.contract);
  expect(delta).toBe(-fees + external);
}
