import type { AssetAmount, DecodedEscrowTx, DecodedSpend } from '../../cardano/contract/escrow-tx-decoder.js';
import type { ChainEvent } from '../../domain/escrow-transitions.js';
import type { AmountKind } from '../../generated/prisma/enums.js';

export interface WithdrawnAmount {
  kind: AmountKind;
  unit: string;
  amount: bigint;
}

const wireUnit = (unit: string): string => (unit === 'lovelace' ? '' : unit);

function add(into: Map<string, bigint>, amounts: readonly AssetAmount[]): void {
  for (const { unit, quantity } of amounts) into.set(unit, (into.get(unit) ?? 0n) + quantity);
}

function rows(kind: AmountKind, totals: Map<string, bigint>): WithdrawnAmount[] {
  return [...totals].filter(([, amount]) => amount > 0n).map(([unit, amount]) => ({ kind, unit: wireUnit(unit), amount }));
}

/**
 * Where the funds of a spent escrow went. Withdraw: the fee and buyer outputs carry the spent
 * output reference; the seller got the rest. WithdrawRefund: all to the buyer. WithdrawDisputed:
 * what the admins sent to the buyer's and the seller's addresses.
 */
export function withdrawnAmounts(
  event: ChainEvent,
  spend: DecodedSpend,
  decoded: DecodedEscrowTx,
  escrowValue: readonly AssetAmount[] | null,
  parties: { buyer: string | null | undefined; seller: string | null | undefined },
  txOutputs: readonly { address: string; amount: readonly AssetAmount[] }[],
): WithdrawnAmount[] {
  const tagged = decoded.taggedOutputs.filter((output) => output.tag.txHash === spend.outRef.txHash && output.tag.outputIndex === spend.outRef.outputIndex);
  if (event === 'Withdraw') {
    const toBuyer = new Map<string, bigint>();
    const toFee = new Map<string, bigint>();
    for (const output of tagged) add(output.address === parties.buyer ? toBuyer : toFee, output.amount);
    const toSeller = new Map<string, bigint>();
    if (escrowValue) {
      add(toSeller, escrowValue);
      for (const [unit, amount] of [...toBuyer, ...toFee]) toSeller.set(unit, (toSeller.get(unit) ?? 0n) - amount);
    }
    return [...rows('WithdrawnForSeller', toSeller), ...rows('WithdrawnForBuyer', toBuyer), ...rows('WithdrawnForFee', toFee)];
  }
  if (event === 'WithdrawRefund') {
    const toBuyer = new Map<string, bigint>();
    add(toBuyer, escrowValue ?? []);
    return rows('WithdrawnForBuyer', toBuyer);
  }
  const sentTo = (address: string | null | undefined) => {
    const totals = new Map<string, bigint>();
    for (const output of txOutputs) if (address && output.address === address) add(totals, output.amount);
    return totals;
  };
  return [...rows('WithdrawnForBuyer', sentTo(parties.buyer)), ...rows('WithdrawnForSeller', sentTo(parties.seller))];
}
