/**
 * A second, independent evaluator: Aiken's UPLC machine compiled to wasm
 * (@lucid-evolution/uplc `eval_phase_two_raw`), to cross-check Scalus' ex-units.
 */
import {
  DEFAULT_V1_COST_MODEL_LIST,
  DEFAULT_V2_COST_MODEL_LIST,
  DEFAULT_V3_COST_MODEL_LIST,
  type UTxO,
} from '@meshsdk/core';
import { CborWriter, HexBlob, Redeemer, deserializeTx, toTxUnspentOutput } from '@meshsdk/core-cst';
import { eval_phase_two_raw } from '@lucid-evolution/uplc';
import type { SlotConfig } from '../../src/cardano/chain-types.js';

export interface RedeemerBudget {
  readonly tag: number;
  readonly index: number;
  readonly mem: bigint;
  readonly steps: bigint;
}

function costModelsCbor(): Uint8Array {
  const writer = new CborWriter();
  const models = [DEFAULT_V1_COST_MODEL_LIST, DEFAULT_V2_COST_MODEL_LIST, DEFAULT_V3_COST_MODEL_LIST];
  writer.writeStartMap(models.length);
  models.forEach((model, language) => {
    writer.writeInt(language);
    writer.writeStartArray(model.length);
    for (const cost of model) writer.writeInt(cost);
  });
  return writer.encode();
}

const byRedeemer = (a: RedeemerBudget, b: RedeemerBudget) => a.tag - b.tag || a.index - b.index;

/** Budgets as written in the transaction (Scalus computed them when it was built). */
export function budgetsInTx(txHex: string): RedeemerBudget[] {
  return (deserializeTx(txHex).witnessSet().redeemers()?.values() ?? [])
    .map((r) => ({ tag: r.tag(), index: Number(r.index()), mem: r.exUnits().mem(), steps: r.exUnits().steps() }))
    .sort(byRedeemer);
}

/** Budgets as Aiken's machine computes them for the same transaction. */
export function budgetsByUplc(txHex: string, utxos: readonly UTxO[], slotConfig: SlotConfig): RedeemerBudget[] {
  const resolved = utxos.map((u) => toTxUnspentOutput(u));
  const results = eval_phase_two_raw(
    Buffer.from(txHex, 'hex'),
    resolved.map((u) => Buffer.from(u.input().toCbor(), 'hex')),
    resolved.map((u) => Buffer.from(u.output().toCbor(), 'hex')),
    costModelsCbor(),
    10_000_000_000n, // steps
    16_500_000n, // memory
    BigInt(slotConfig.zeroTime),
    BigInt(slotConfig.zeroSlot),
    slotConfig.slotLength,
  );
  return results
    .map((bytes) => Redeemer.fromCbor(HexBlob(Buffer.from(bytes).toString('hex'))))
    .map((r) => ({ tag: r.tag(), index: Number(r.index()), mem: r.exUnits().mem(), steps: r.exUnits().steps() }))
    .sort(byRedeemer);
}
