/**
 * Runs every escrow action through the production builders on the emulator, so tests can reach
 * any state and then check one rule at a time. Ex-units of accepted transactions are recorded
 * under test-artifacts/ex-units/.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { deserializeTx } from '@meshsdk/core-cst';
import type { EscrowUtxo, UnsignedTx, ValidityWindowMs } from '../../src/cardano/builders/builder-types.js';
import { planAuthorizeRefund } from '../../src/cardano/builders/authorize-refund-builder.js';
import { planSetRefundRequested } from '../../src/cardano/builders/set-refund-requested-builder.js';
import { planSubmitResult } from '../../src/cardano/builders/submit-result-builder.js';
import { assemblePlan, type TxPlan } from '../../src/cardano/builders/tx-plan.js';
import { planUnSetRefundRequested } from '../../src/cardano/builders/unset-refund-requested-builder.js';
import { planWithdrawDisputed } from '../../src/cardano/builders/withdraw-disputed-builder.js';
import { planWithdraw } from '../../src/cardano/builders/withdraw-builder.js';
import { planWithdrawRefund } from '../../src/cardano/builders/withdraw-refund-builder.js';
import type { EscrowActionType } from '../../src/cardano/contract/escrow-redeemer.js';
import { signWith, type SubmitOutcome, type TestWallet } from './emulator.js';
import { MINUTE, readEscrow, type EscrowWorld } from './emulator-escrow.js';

export interface ExUnits {
  readonly mem: bigint;
  readonly steps: bigint;
}

export function totalExUnits(txHex: string): ExUnits {
  let mem = 0n;
  let steps = 0n;
  for (const r of deserializeTx(txHex).witnessSet().redeemers()?.values() ?? []) {
    mem += r.exUnits().mem();
    steps += r.exUnits().steps();
  }
  return { mem, steps };
}

export function recordExUnits(label: string, txHex: string): void {
  const dir = 'test-artifacts/ex-units';
  mkdirSync(dir, { recursive: true });
  const { mem, steps } = totalExUnits(txHex);
  appendFileSync(`${dir}/ex-units.jsonl`, `${JSON.stringify({ label, mem: String(mem), steps: String(steps), size: txHex.length / 2 })}\n`);
}

/** The usual window around the chain's clock: one minute back, five ahead. */
export const windowNow = (world: EscrowWorld): ValidityWindowMs => ({
  fromMs: world.chain.nowMs - MINUTE,
  toMs: world.chain.nowMs + 5n * MINUTE,
});

export interface ActionOptions {
  readonly window?: ValidityWindowMs;
  readonly resultHash?: string;
  /** Who pays and signs instead of the rightful party (wrong-signer tests). */
  readonly as?: TestWallet;
  /** For WithdrawDisputed: the signing admins (default: the first two). */
  readonly admins?: readonly TestWallet[];
}

/** The plan the production builder makes for `action`, paid and signed by `signer`. */
export function planAction(
  world: EscrowWorld,
  action: EscrowActionType,
  escrows: readonly EscrowUtxo[],
  options: ActionOptions = {},
): { plan: TxPlan; signers: TestWallet[] } {
  const { chain, actors, source } = world;
  const window = options.window ?? windowNow(world);
  const rightful = ['SetRefundRequested', 'UnSetRefundRequested', 'WithdrawRefund'].includes(action)
    ? actors.buyer
    : action === 'WithdrawDisputed'
      ? actors.admins[0]
      : actors.seller;
  const payer = options.as ?? rightful;
  const base = { ctx: chain.ctx, wallet: chain.funding(payer.address), escrow: source, window };
  const signers = [payer];
  const plan = ((): TxPlan => {
    switch (action) {
      case 'SubmitResult':
        return planSubmitResult({
          ...base,
          results: escrows.map((escrow) => ({ escrow, resultHash: options.resultHash ?? 'ab'.repeat(32) })),
        });
      case 'SetRefundRequested':
        return planSetRefundRequested({ ...base, escrows });
      case 'UnSetRefundRequested':
        return planUnSetRefundRequested({ ...base, escrows });
      case 'AuthorizeRefund':
        return planAuthorizeRefund({ ...base, escrows });
      case 'Withdraw':
        return planWithdraw({ ...base, escrows });
      case 'WithdrawRefund':
        return planWithdrawRefund({ ...base, escrows });
      case 'WithdrawDisputed': {
        const admins = options.admins ?? actors.admins.slice(0, 2);
        signers.push(...admins.filter((a) => a !== payer));
        return planWithdrawDisputed({
          ...base,
          escrows,
          payouts: [{ address: actors.buyer.address, amount: [{ unit: 'lovelace', quantity: '2000000' }] }],
          adminSigners: admins.map((a) => a.keyHash),
        });
      }
    }
  })();
  if (options.as !== undefined) return { plan: { ...plan, requiredSigners: [options.as.keyHash] }, signers };
  return { plan, signers };
}

export interface ActionResult {
  readonly outcome: SubmitOutcome;
  readonly built: UnsignedTx;
  /** The escrows as they continue at the script, in output order. */
  readonly continuing: EscrowUtxo[];
}

/** Builds (with real evaluation), signs and submits `action`; throws unless the ledger accepts it. */
export async function perform(
  world: EscrowWorld,
  action: EscrowActionType,
  escrows: readonly EscrowUtxo[],
  options: ActionOptions = {},
): Promise<ActionResult> {
  const { plan, signers } = planAction(world, action, escrows, options);
  const built = await assemblePlan(world.chain.ctx, plan);
  const outcome = world.chain.submit(await signWith(built.txHex, ...signers));
  if (!outcome.ok || outcome.txHash === undefined) throw new Error(`${action} rejected: ${outcome.error}`);
  recordExUnits(`${action} x${escrows.length}`, built.txHex);
  const txHash = outcome.txHash;
  const continuing = world.chain
    .outputsOf(txHash)
    .filter((u) => u.output.address === world.source.script.address)
    .map((u) => readEscrow(world, u));
  return { outcome, built, continuing };
}
