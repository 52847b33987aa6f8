/**
 * Lock: the buyer pays several escrows in one transaction. Each escrow output holds the
 * price plus the lovelace needed to reach the output's minimum (computed for the largest
 * datum the escrow can reach, so later actions never need a top-up); that top-up is recorded
 * as collateral_return_lovelace and goes back to the buyer on Withdraw.
 */
import type { Asset } from '@meshsdk/core';
import { toSlotWindow } from '../chain-types.js';
import { escrowDatumToData, type EscrowDatum } from '../contract/escrow-datum.js';
import type { ChainContext, FundingWallet, UnsignedTx, ValidityWindowMs } from './builder-types.js';
import { TxBuildError } from './builder-types.js';
import { selectFunding } from './input-order.js';
import { assemblePlan, emptyPlan, type PlannedOutput, type TxPlan } from './tx-plan.js';
import { addAssetMaps, lovelaceOf, minLovelace, toAssetMap, withLovelace } from './value.js';

export type LockTerms = Omit<
  EscrowDatum,
  'collateralReturnLovelace' | 'resultHash' | 'sellerCooldownTime' | 'buyerCooldownTime' | 'state'
>;

export interface LockInput {
  readonly ctx: ChainContext;
  /** The buyer's wallet: funds the escrows and the fee. */
  readonly wallet: FundingWallet;
  readonly escrowAddress: string;
  readonly escrows: readonly { readonly price: readonly Asset[]; readonly terms: LockTerms }[];
  /** Optional; e.g. end it at pay_by_time so a late lock cannot land. */
  readonly window?: ValidityWindowMs;
}

export interface LockedEscrow {
  readonly outputIndex: number;
  readonly amount: readonly Asset[];
  readonly datum: EscrowDatum;
}

export interface LockPlan {
  readonly plan: TxPlan;
  readonly escrows: readonly LockedEscrow[];
}

/** Largest values the cooldown fields can take (ms timestamps far in the future). */
const WIDEST_TIME = 2n ** 53n;

function lockedEscrow(input: LockInput, price: readonly Asset[], terms: LockTerms): Omit<LockedEscrow, 'outputIndex'> {
  const datumWith = (collateral: bigint): EscrowDatum => ({
    ...terms,
    collateralReturnLovelace: collateral,
    resultHash: '',
    sellerCooldownTime: 0n,
    buyerCooldownTime: 0n,
    state: 'FundsLocked',
  });
  const widest = (collateral: bigint) =>
    escrowDatumToData({
      ...datumWith(collateral),
      resultHash: 'ff'.repeat(32),
      sellerCooldownTime: WIDEST_TIME,
      buyerCooldownTime: WIDEST_TIME,
    });
  const priceLovelace = lovelaceOf(price);
  let collateral = 0n;
  for (let round = 0; round < 4; round++) {
    const amount = withLovelace(price, priceLovelace + collateral);
    const required = minLovelace(input.ctx.protocolParams, input.escrowAddress, amount, widest(collateral));
    const next = required > priceLovelace ? required - priceLovelace : 0n;
    if (next <= collateral) break;
    collateral = next;
  }
  return { amount: withLovelace(price, priceLovelace + collateral), datum: datumWith(collateral) };
}

export function planLock(input: LockInput): LockPlan {
  if (input.escrows.length === 0) throw new TxBuildError('nothing to lock');
  const escrows = input.escrows.map((e, outputIndex) => ({ ...lockedEscrow(input, e.price, e.terms), outputIndex }));
  const outputs: PlannedOutput[] = escrows.map((e) => ({
    address: input.escrowAddress,
    amount: e.amount,
    datum: escrowDatumToData(e.datum),
  }));
  const walletInputs = selectFunding(input.wallet, addAssetMaps(...outputs.map((o) => toAssetMap(o.amount))));
  const window =
    input.window === undefined ? undefined : toSlotWindow(input.ctx.slotConfig, input.window.fromMs, input.window.toMs);
  return {
    plan: {
      ...emptyPlan(input.wallet.changeAddress),
      walletInputs,
      outputs,
      ...(window === undefined ? {} : { window }),
    },
    escrows,
  };
}

export async function buildLockTx(input: LockInput): Promise<UnsignedTx & { readonly escrows: readonly LockedEscrow[] }> {
  const { plan, escrows } = planLock(input);
  return { ...(await assemblePlan(input.ctx, plan)), escrows };
}
