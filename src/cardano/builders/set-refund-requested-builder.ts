/** SetRefundRequested, several escrows per transaction: the buyer asks for a refund. */
import type { EscrowDatum } from '../contract/escrow-datum.js';
import type { ChainContext, EscrowScriptSource, EscrowUtxo, FundingWallet, UnsignedTx, ValidityWindowMs } from './builder-types.js';
import { planContinuing } from './continuing-plan.js';
import { assemblePlan, type TxPlan } from './tx-plan.js';

export interface SetRefundRequestedInput {
  readonly ctx: ChainContext;
  /** The buyer's wallet: pays the fee, signs. */
  readonly wallet: FundingWallet;
  readonly escrow: EscrowScriptSource;
  /** Must start after buyer_cooldown_time and end before unlock_time. */
  readonly window: ValidityWindowMs;
  readonly escrows: readonly EscrowUtxo[];
}

export const refundRequestedDatum = (datum: EscrowDatum, upperMs: bigint, cooldownMs: bigint): EscrowDatum => ({
  ...datum,
  sellerCooldownTime: 0n,
  buyerCooldownTime: upperMs + cooldownMs,
  state: datum.resultHash === '' ? 'RefundRequested' : 'Disputed',
});

export function planSetRefundRequested(input: SetRefundRequestedInput): TxPlan {
  const cooldown = input.escrow.script.params.cooldownPeriodMs;
  return planContinuing({
    ...input,
    action: 'SetRefundRequested',
    signer: 'buyer',
    items: input.escrows.map((escrow) => ({
      escrow,
      next: (w) => refundRequestedDatum(escrow.datum, w.upperMs, cooldown),
    })),
  });
}

export const buildSetRefundRequestedTx = (input: SetRefundRequestedInput): Promise<UnsignedTx> =>
  assemblePlan(input.ctx, planSetRefundRequested(input));
