/** AuthorizeRefund, several escrows per transaction: the seller gives a disputed escrow back. */
import type { EscrowDatum } from '../contract/escrow-datum.js';
import type { ChainContext, EscrowScriptSource, EscrowUtxo, FundingWallet, UnsignedTx, ValidityWindowMs } from './builder-types.js';
import { planContinuing } from './continuing-plan.js';
import { assemblePlan, type TxPlan } from './tx-plan.js';

export interface AuthorizeRefundInput {
  readonly ctx: ChainContext;
  /** The seller's wallet: pays the fee, signs. */
  readonly wallet: FundingWallet;
  readonly escrow: EscrowScriptSource;
  /** Must start after seller_cooldown_time. */
  readonly window: ValidityWindowMs;
  readonly escrows: readonly EscrowUtxo[];
}

export const refundAuthorizedDatum = (datum: EscrowDatum, upperMs: bigint, cooldownMs: bigint): EscrowDatum => ({
  ...datum,
  resultHash: '',
  sellerCooldownTime: upperMs + cooldownMs,
  buyerCooldownTime: 0n,
  state: 'RefundRequested',
});

export function planAuthorizeRefund(input: AuthorizeRefundInput): TxPlan {
  const cooldown = input.escrow.script.params.cooldownPeriodMs;
  return planContinuing({
    ...input,
    action: 'AuthorizeRefund',
    signer: 'seller',
    items: input.escrows.map((escrow) => ({
      escrow,
      next: (w) => refundAuthorizedDatum(escrow.datum, w.upperMs, cooldown),
    })),
  });
}

export const buildAuthorizeRefundTx = (input: AuthorizeRefundInput): Promise<UnsignedTx> =>
  assemblePlan(input.ctx, planAuthorizeRefund(input));
