/**
 * An offline IEvaluator over Scalus `evalPlutusScripts`: exact ex-units for every redeemer,
 * evaluated against the UTxOs the builder already holds (no provider round trip).
 */
import {
  DEFAULT_V1_COST_MODEL_LIST,
  DEFAULT_V2_COST_MODEL_LIST,
  DEFAULT_V3_COST_MODEL_LIST,
  type Action,
  type IEvaluator,
  type UTxO,
} from '@meshsdk/core';
import { utxosToCborMap } from '@meshsdk/core-cst';
import scalus from 'scalus';
import type { SlotConfig } from '../chain-types.js';

export class ScriptEvaluationError extends Error {
  override readonly name = 'ScriptEvaluationError';
  constructor(
    message: string,
    readonly logs: readonly string[],
  ) {
    super(message);
  }
}

const outRefKey = (utxo: UTxO) => `${utxo.input.txHash}#${utxo.input.outputIndex}`;

export class ScalusEvaluator implements IEvaluator {
  constructor(
    private readonly utxos: readonly UTxO[],
    private readonly slotConfig: SlotConfig,
    private readonly costModels: number[][] = [
      DEFAULT_V1_COST_MODEL_LIST,
      DEFAULT_V2_COST_MODEL_LIST,
      DEFAULT_V3_COST_MODEL_LIST,
    ],
  ) {}

  evaluateTx(tx: string, additionalUtxos: UTxO[] = []): Promise<Omit<Action, 'data'>[]> {
    const known = new Map<string, UTxO>();
    for (const utxo of [...this.utxos, ...additionalUtxos]) known.set(outRefKey(utxo), utxo);
    try {
      const redeemers = scalus.Scalus.evalPlutusScripts(
        Buffer.from(tx, 'hex'),
        Buffer.from(utxosToCborMap([...known.values()]), 'hex'),
        new scalus.SlotConfig(this.slotConfig.zeroTime, this.slotConfig.zeroSlot, this.slotConfig.slotLength),
        this.costModels,
      );
      return Promise.resolve(
        redeemers.map((r) => ({
          tag: r.tag.toUpperCase() as Action['tag'],
          index: r.index,
          budget: { mem: Number(r.budget.memory), steps: Number(r.budget.steps) },
        })),
      );
    } catch (error) {
      const logs = (error as { logs?: unknown }).logs;
      return Promise.reject(
        new ScriptEvaluationError((error as Error).message, Array.isArray(logs) ? logs.map(String) : []),
      );
    }
  }
}
