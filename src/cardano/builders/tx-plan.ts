/**
 * A transaction plan (inputs, outputs, redeemers, signers, window) and its assembly into an
 * unsigned transaction with Mesh. Builders compute a plan; `assemblePlan` balances it, runs
 * the evaluator for exact ex-units and computes the fee. Keeping the plan separate lets tests
 * alter one rule at a time and still assemble a real transaction.
 */
import { MeshTxBuilder, type Asset, type UTxO } from '@meshsdk/core';
import type { SlotWindow } from '../chain-types.js';
import { parseTx } from '../contract/ledger-views.js';
import { plutusJsonToCbor, type PlutusJson } from '../contract/plutus-json.js';
import type { PlutusV3Script } from '../contract/scripts.js';
import { TxBuildError, type ChainContext, type UnsignedTx } from './builder-types.js';
import { ScalusEvaluator } from './scalus-evaluator.js';

export interface ScriptRef {
  readonly script: PlutusV3Script;
  /** A UTxO carrying `script` as reference script; the script is inlined when absent. */
  readonly referenceUtxo?: UTxO;
}

export interface PlannedScriptInput {
  readonly utxo: UTxO;
  readonly redeemer: PlutusJson;
  readonly script: ScriptRef;
}

export interface PlannedOutput {
  readonly address: string;
  readonly amount: readonly Asset[];
  readonly datum?: PlutusJson;
  readonly referenceScript?: PlutusV3Script;
}

export interface PlannedMint {
  readonly policy: ScriptRef;
  readonly assetName: string;
  readonly quantity: bigint;
  readonly redeemer: PlutusJson;
}

export interface TxPlan {
  readonly scriptInputs: readonly PlannedScriptInput[];
  readonly walletInputs: readonly UTxO[];
  /** In this order; the change output comes after them. */
  readonly outputs: readonly PlannedOutput[];
  readonly mints: readonly PlannedMint[];
  readonly requiredSigners: readonly string[];
  readonly window?: SlotWindow;
  readonly collateral?: UTxO;
  readonly changeAddress: string;
  readonly metadata?: { readonly label: number; readonly value: object };
}

export const emptyPlan = (changeAddress: string): TxPlan => ({
  scriptInputs: [],
  walletInputs: [],
  outputs: [],
  mints: [],
  requiredSigners: [],
  changeAddress,
});

function addScriptInput(builder: MeshTxBuilder, input: PlannedScriptInput): void {
  const { utxo, script } = input;
  builder
    .spendingPlutusScriptV3()
    .txIn(utxo.input.txHash, utxo.input.outputIndex, utxo.output.amount, utxo.output.address, 0)
    .txInInlineDatumPresent()
    .txInRedeemerValue(plutusJsonToCbor(input.redeemer), 'CBOR');
  if (script.referenceUtxo === undefined) {
    builder.txInScript(script.script.cbor);
  } else {
    builder.spendingTxInReference(
      script.referenceUtxo.input.txHash,
      script.referenceUtxo.input.outputIndex,
      String(script.script.size),
      script.script.hash,
    );
  }
}

function addMint(builder: MeshTxBuilder, mint: PlannedMint): void {
  builder.mintPlutusScriptV3().mint(mint.quantity.toString(), mint.policy.script.hash, mint.assetName);
  if (mint.policy.referenceUtxo === undefined) {
    builder.mintingScript(mint.policy.script.cbor);
  } else {
    builder.mintTxInReference(
      mint.policy.referenceUtxo.input.txHash,
      mint.policy.referenceUtxo.input.outputIndex,
      String(mint.policy.script.size),
      mint.policy.script.hash,
    );
  }
  builder.mintRedeemerValue(plutusJsonToCbor(mint.redeemer), 'CBOR');
}

/** Every UTxO the plan spends or reads, for offline evaluation. */
export function planUtxos(plan: TxPlan): UTxO[] {
  const refs = [...plan.scriptInputs.map((i) => i.script.referenceUtxo), ...plan.mints.map((m) => m.policy.referenceUtxo)];
  return [
    ...plan.scriptInputs.map((i) => i.utxo),
    ...plan.walletInputs,
    ...refs.filter((u): u is UTxO => u !== undefined),
    ...(plan.collateral === undefined ? [] : [plan.collateral]),
  ];
}

export async function assemblePlan(ctx: ChainContext, plan: TxPlan): Promise<UnsignedTx> {
  const needsScripts = plan.scriptInputs.length > 0 || plan.mints.length > 0;
  if (needsScripts && plan.collateral === undefined) throw new TxBuildError('a script transaction needs a collateral UTxO');
  const builder = new MeshTxBuilder({
    params: ctx.protocolParams,
    evaluator: ctx.evaluator ?? new ScalusEvaluator(planUtxos(plan), ctx.slotConfig),
  });
  for (const input of plan.scriptInputs) addScriptInput(builder, input);
  for (const utxo of plan.walletInputs) {
    builder.txIn(utxo.input.txHash, utxo.input.outputIndex, utxo.output.amount, utxo.output.address, 0);
  }
  for (const output of plan.outputs) {
    builder.txOut(output.address, [...output.amount]);
    if (output.datum !== undefined) builder.txOutInlineDatumValue(plutusJsonToCbor(output.datum), 'CBOR');
    if (output.referenceScript !== undefined) builder.txOutReferenceScript(output.referenceScript.cbor, 'V3');
  }
  for (const mint of plan.mints) addMint(builder, mint);
  for (const signer of plan.requiredSigners) builder.requiredSignerHash(signer);
  if (plan.window !== undefined) {
    builder.invalidBefore(plan.window.invalidBefore).invalidHereafter(plan.window.invalidHereafter);
  }
  if (plan.collateral !== undefined && needsScripts) {
    const c = plan.collateral;
    builder.txInCollateral(c.input.txHash, c.input.outputIndex, c.output.amount, c.output.address);
  }
  if (plan.metadata !== undefined) builder.metadataValue(plan.metadata.label, plan.metadata.value);
  builder.changeAddress(plan.changeAddress);
  const txHex = await builder.complete();
  return { txHex, fee: parseTx(txHex).body().fee() };
}
