import { expect } from 'vitest';
import type { Devnet } from '../../../src/devnet/index.js';
import type { SourceParties } from './deals.js';

export interface Balances {
  buyer: bigint;
  seller: bigint;
  fee: bigint;
  contract: bigint;
}

async function devnetGet(devnet: Devnet, path: string): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${devnet.url}${path}`);
    if (response.ok) return response.json();
    if (response.status === 404) return [];
    if (attempt >= 10) throw new Error(`devnet ${path}: ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function lovelaceAt(devnet: Devnet, address: string): Promise<bigint> {
  let total = 0n;
  for (let page = 1; ; page++) {
    const utxos = (await devnetGet(devnet, `/addresses/${address}/utxos?count=100&page=${page}`)) as { amount: { unit: string; quantity: string }[] }[];
    total += utxos.reduce((sum, utxo) => sum + BigInt(utxo.amount.find((a) => a.unit === 'lovelace')?.quantity ?? '0'), 0n);
    if (utxos.length < 100) return total;
  }
}

export async function balancesOf(devnet: Devnet, parties: SourceParties): Promise<Balances> {
  const [buyer, seller, fee, contract] = await Promise.all([
    lovelaceAt(devnet, parties.buyerAddress),
    lovelaceAt(devnet, parties.sellerAddress),
    lovelaceAt(devnet, parties.feeAddress),
    lovelaceAt(devnet, parties.contractAddress),
  ]);
  return { buyer, seller, fee, contract };
}

/** Hashes of every confirmed transaction touching the address, oldest first. */
export async function transactionsAt(devnet: Devnet, address: string): Promise<string[]> {
  const rows = (await devnetGet(devnet, `/addresses/${address}/transactions?count=100&order=asc`)) as { tx_hash: string }[];
  return rows.map((row) => row.tx_hash);
}

const lovelaceOf = (rows: { unit: string; amount: string }[]) => BigInt(rows.find((row) => row.unit === '' || row.unit === 'lovelace')?.amount ?? '0');

/**
 * The money model of one finished deal (lock, result, withdrawal) on its own contract: the buyer paid
 * the escrow and the lock's fee and got the collateral back, the seller got its share minus its two
 * fees, the fee receiver its share, the contract holds what it held before — and nothing else moved.
 */
export function expectWithdrawnDeal(before: Balances, after: Balances, done: { payment: any }, fees: { lock: bigint; submit: bigint; withdraw: bigint }): void {
  const escrow = lovelaceOf(done.payment.RequestedFunds) + BigInt(done.payment.collateralReturnLovelace ?? '0');
  const toSeller = lovelaceOf(done.payment.WithdrawnForSeller);
  const toBuyer = lovelaceOf(done.payment.WithdrawnForBuyer);
  const toFee = lovelaceOf(done.payment.WithdrawnForFee);
  expect(toSeller + toBuyer + toFee).toBe(escrow);
  expect(after.buyer - before.buyer).toBe(-escrow - fees.lock + toBuyer);
  expect(after.seller - before.seller).toBe(toSeller - fees.submit - fees.withdraw);
  expect(after.fee - before.fee).toBe(toFee);
  expect(after.contract - before.contract).toBe(0n);
  const delta = after.buyer - before.buyer + (after.seller - before.seller) + (after.fee - before.fee) + (after.contract - before.contract);
  expect(delta).toBe(-(fees.lock + fees.submit + fees.withdraw));
}

