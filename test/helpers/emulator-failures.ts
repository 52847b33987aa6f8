/**
 * Submitting transactions that a script must reject: the plan is assembled with a fixed budget
 * instead of evaluation (evaluation would refuse to build it), signed and handed to the
 * emulator, whose phase-2 validation must fail.
 */
import type { Action, IEvaluator, UTxO } from '@meshsdk/core';
import { deserializeTx } from '@meshsdk/core-cst';
import { expect } from 'vitest';
import type { ChainContext } from '../../src/cardano/builders/builder-types.js';
import { assemblePlan, emptyPlan, type PlannedOutput, type TxPlan } from '../../src/cardano/builders/tx-plan.js';
import { inputPositions, positionOf, selectFunding } from '../../src/cardano/builders/input-order.js';
import { toSlotWindow } from '../../src/cardano/chain-types.js';
import { escrowActionToData, type EscrowAction } from '../../src/cardano/contract/escrow-redeemer.js';
import type { EscrowWorld } from './emulator-escrow.js';
import { lovelaceOf, withLovelace } from '../../src/cardano/builders/value.js';
import { escrowDatumFromData, escrowDatumToData, type EscrowDatum } from '../../src/cardano/contract/escrow-datum.js';
import type { PlutusJson } from '../../src/cardano/contract/plutus-json.js';
import { signWith, type EmulatorChain, type SubmitOutcome, type TestWallet } from './emulator.js';

const TAGS = ['SPEND', 'MINT', 'CERT', 'REWARD', 'VOTE', 'PROPOSE'] as const;

/** Gives every redeemer an equal share of the per-transaction limit, without running anything. */
export class FixedBudgetEvaluator implements IEvaluator {
  evaluateTx(tx: string): Promise<Omit<Action, 'data'>[]> {
    const redeemers = deserializeTx(tx).witnessSet().redeemers()?.values() ?? [];
    const share = Math.max(redeemers.length, 1);
    return Promise.resolve(
      redeemers.map((r) => ({
        tag: TAGS[r.tag()] ?? 'SPEND',
        index: Number(r.index()),
        budget: { mem: Math.floor(14_000_000 / share), steps: Math.floor(10_000_000_000 / share) },
      })),
    );
  }
}

export async function submitPlan(
  chain: EmulatorChain,
  ctx: ChainContext,
  plan: TxPlan,
  signers: readonly TestWallet[],
): Promise<SubmitOutcome & { readonly fee: bigint }> {
  const { txHex, fee } = await assemblePlan(ctx, plan);
  return { ...chain.submit(await signWith(txHex, ...signers)), fee };
}

/** The emulator rejects the plan in phase 2 (a script said no), not for any ledger rule. */
export async function expectScriptRejection(
  chain: EmulatorChain,
  plan: TxPlan,
  signers: readonly TestWallet[],
): Promise<SubmitOutcome> {
  const outcome = await submitPlan(chain, { ...chain.ctx, evaluator: new FixedBudgetEvaluator() }, plan, signers);
  expect(outcome.ok).toBe(false);
  expect(outcome.error ?? '').toMatch(SCRIPT_FAILURE);
  return outcome;
}

export const SCRIPT_FAILURE = /Plutus script validation failed/;

/** Replaces output `index`'s escrow datum. */
export function withOutputDatum(plan: TxPlan, index: number, change: (datum: EscrowDatum) => EscrowDatum): TxPlan {
  return {
    ...plan,
    outputs: plan.outputs.map((o, i) => {
      if (i !== index) return o;
      if (o.datum === undefined) throw new Error(`output ${index} has no datum`);
      return { ...o, datum: escrowDatumToData(change(escrowDatumFromData(o.datum, 0))) };
    }),
  };
}

export function withOutput(plan: TxPlan, index: number, change: (output: PlannedOutput) => PlannedOutput): TxPlan {
  return { ...plan, outputs: plan.outputs.map((o, i) => (i === index ? change(o) : o)) };
}

export function withoutOutput(plan: TxPlan, index: number): TxPlan {
  return { ...plan, outputs: plan.outputs.filter((_, i) => i !== index) };
}

export function withRedeemer(plan: TxPlan, index: number, redeemer: PlutusJson): TxPlan {
  return { ...plan, scriptInputs: plan.scriptInputs.map((s, i) => (i === index ? { ...s, redeemer } : s)) };
}

export const lovelaceMinus = (output: PlannedOutput, lovelace: bigint): PlannedOutput => ({
  ...output,
  amount: withLovelace(output.amount, lovelaceOf(output.amount) - lovelace),
});

/** Locks outputs at the escrow address with any (or no) inline datum; returns them in order. */
export async function lockRaw(world: EscrowWorld, datums: readonly (PlutusJson | undefined)[]): Promise<UTxO[]> {
  const { chain, actors } = world;
  const address = world.source.script.address;
  const amount = [{ unit: 'lovelace', quantity: '12000000' }];
  const wallet = chain.funding(actors.buyer.address);
  const built = await assemblePlan(chain.ctx, {
    ...emptyPlan(wallet.changeAddress),
    walletInputs: selectFunding(wallet, new Map([['lovelace', 12_000_000n * BigInt(datums.length)]])),
    outputs: datums.map((datum) => (datum === undefined ? { address, amount } : { address, amount, datum })),
  });
  const outcome = chain.submit(await signWith(built.txHex, actors.buyer));
  if (!outcome.ok || outcome.txHash === undefined) throw new Error(`raw lock failed: ${outcome.error}`);
  const txHash = outcome.txHash;
  return datums.map((_, i) => chain.utxo(txHash, i));
}

/** A hand-made plan spending one script UTxO with `action`, continuing into `nextDatum` (seller signs). */
export function handSpendPlan(world: EscrowWorld, utxo: UTxO, action: EscrowAction, nextDatum?: PlutusJson): TxPlan {
  const { chain, actors, source } = world;
  const wallet = chain.funding(actors.seller.address);
  const walletInputs = selectFunding(wallet, new Map());
  const positions = inputPositions([utxo, ...walletInputs]);
  const redeemer =
    'inputIndex' in action ? escrowActionToData({ ...action, inputIndex: positionOf(positions, utxo) }) : escrowActionToData(action);
  return {
    ...emptyPlan(wallet.changeAddress),
    scriptInputs: [{ utxo, redeemer, script: { script: source.script } }],
    walletInputs,
    outputs: nextDatum === undefined ? [] : [{ address: source.script.address, amount: utxo.output.amount, datum: nextDatum }],
    requiredSigners: [actors.seller.keyHash],
    window: toSlotWindow(chain.slotConfig, chain.nowMs - 60_000n, chain.nowMs + 300_000n),
    ...(wallet.collateral === undefined ? {} : { collateral: wallet.collateral }),
  };
}
