import scalus from 'scalus';
import { Serialization } from '@meshsdk/core-cst';
import type { DevnetSlotConfig } from './chain-clock.js';
import { outRefKey, type OutRef } from './chain-types.js';
import { COST_MODELS } from './protocol-params.js';
import { outRefs } from './tx-decoder.js';
import { encodeUtxoMap, hexOf } from './utxo-cbor.js';

export interface RedeemerBudget {
  /** Scalus' tag, lower-cased: spend, mint, cert, reward, voting, proposing. */
  readonly tag: string;
  readonly index: number;
  readonly memory: bigint;
  readonly steps: bigint;
}

export type EvaluationOutcome =
  | { readonly ok: true; readonly budgets: readonly RedeemerBudget[] }
  | { readonly ok: false; readonly kind: 'unknown-inputs'; readonly missing: readonly OutRef[] }
  | { readonly ok: false; readonly kind: 'script-failure' | 'cannot-evaluate'; readonly message: string; readonly logs: readonly string[] };

export interface OutputLookup {
  (key: string): string | undefined;
}

/**
 * Runs every script of a transaction with Scalus, as Blockfrost's /utils/txs/evaluate runs Ogmios:
 * inputs resolve from `extra` (the caller's additional UTxO set) first, then from the chain.
 */
export function evaluateTx(
  txBytes: Uint8Array,
  lookup: OutputLookup,
  extra: ReadonlyMap<string, string>,
  slotConfig: DevnetSlotConfig,
): EvaluationOutcome {
  let body: Serialization.TransactionBody;
  try {
    body = Serialization.Transaction.fromCbor(Serialization.TxCBOR(hexOf(txBytes))).body();
  } catch (error) {
    return { ok: false, kind: 'cannot-evaluate', message: `transaction could not be decoded: ${(error as Error).message}`, logs: [] };
  }
  const refs = [...outRefs(body.inputs()), ...outRefs(body.collateral()), ...outRefs(body.referenceInputs())];
  const entries = new Map<string, { ref: OutRef; outputCbor: string }>();
  const missing: OutRef[] = [];
  for (const ref of refs) {
    const key = outRefKey(ref);
    const outputCbor = extra.get(key) ?? lookup(key);
    if (outputCbor === undefined) missing.push(ref);
    else entries.set(key, { ref, outputCbor });
  }
  if (missing.length > 0) return { ok: false, kind: 'unknown-inputs', missing };
  try {
    const redeemers = scalus.Scalus.evalPlutusScripts(
      txBytes,
      encodeUtxoMap([...entries.values()]),
      new scalus.SlotConfig(slotConfig.zeroTime, slotConfig.zeroSlot, slotConfig.slotLength),
      COST_MODELS,
    );
    return {
      ok: true,
      budgets: redeemers.map((redeemer) => ({
        tag: redeemer.tag.toLowerCase(),
        index: redeemer.index,
        memory: BigInt(redeemer.budget.memory),
        steps: BigInt(redeemer.budget.steps),
      })),
    };
  } catch (error) {
    // scalus.d.ts names Scalus.PlutusScriptEvaluationException, but 0.17 throws a top-level
    // PlutusScriptEvaluationError: read the logs structurally instead of by class.
    return { ok: false, kind: 'script-failure', message: error instanceof Error ? error.message : String(error), logs: logsOf(error) };
  }
}

function logsOf(error: unknown): string[] {
  const logs: unknown = typeof error === 'object' && error !== null ? (error as { logs?: unknown }).logs : undefined;
  return Array.isArray(logs) ? logs.filter((line): line is string => typeof line === 'string') : [];
}
