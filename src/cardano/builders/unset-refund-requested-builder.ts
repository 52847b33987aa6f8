/** UnSetRefundRequested, several escrows per transaction: the buyer withdraws a refund request. */
import type { EscrowDatum } from '../contract/escrow-datum.js';
import type { ChainContext, EscrowScriptSource, EscrowUtxo, FundingWallet, UnsignedTx, ValidityWindowMs } from './builder-types.js';
import { planContinuing } from './continuing-plan.js';
import { assemblePlan, type TxPlan } from './tx-plan.js';

export interface UnSetRefundRequestedInput {
  readonly ctx: ChainContext;
  /** The buyer's wallet: pays the fee, signs. */
  readonly wallet: FundingWallet;
  readonly escrow: EscrowScriptSource;
  /** Must start after buyer_cooldown_time. */
  readonly window: ValidityWindowMs;
  readonly escrows: readonly EscrowUtxo[];
}

export const refundCancelledDatum = (datum: EscrowDatum, upperMs: bigint, cooldownMs: bigint): EscrowDatum => ({
  ...datum,
  sellerCooldownTime: 0n,
  buyerCooldownTime: upperMs + cooldownMs,
  state: datum.resultHash === '' ? 'FundsLocked' : 'ResultSubmitted',
});

export function planUnSetRefundRequested(input: UnSetRefundRequestedInput): TxPlan {
  const cooldown = input.escrow.script.params.cooldownPeriodMs;
  return planContinuing({
    ...input,
    action: 'UnSetRefundRequested',
    signer: 'buyer',
    items: input.escrows.map((escrow) => ({
      escrow,
      next: (w) => refundCancelledDatum(escrow.datum, w.upperMs, cooldown),
    })),
  });
}

export const buildUnSetRefundRequestedTx = (input: UnSetRefundRequestedInput): Promise<UnsignedTx> =>
  assemblePlan(input.ctx, planUnSetRefundRequested(input));
