/** SubmitResult, several escrows per transaction: the seller records a result hash. */
import type { EscrowDatum } from '../contract/escrow-datum.js';
import type { ChainContext, EscrowScriptSource, EscrowUtxo, FundingWallet, UnsignedTx, ValidityWindowMs } from './builder-types.js';
import { TxBuildError } from './builder-types.js';
import { planContinuing } from './continuing-plan.js';
import { assemblePlan, type TxPlan } from './tx-plan.js';

export interface SubmitResultInput {
  readonly ctx: ChainContext;
  /** The seller's wallet: pays the fee, signs. */
  readonly wallet: FundingWallet;
  readonly escrow: EscrowScriptSource;
  /** Must end before submit_result_time (or external_dispute_unlock_time once a result exists). */
  readonly window: ValidityWindowMs;
  readonly results: readonly { readonly escrow: EscrowUtxo; readonly resultHash: string }[];
}

export const submittedDatum = (datum: EscrowDatum, resultHash: string, upperMs: bigint, cooldownMs: bigint): EscrowDatum => ({
  ...datum,
  resultHash,
  sellerCooldownTime: upperMs + cooldownMs,
  buyerCooldownTime: 0n,
  state: datum.state === 'FundsLocked' || datum.state === 'ResultSubmitted' ? 'ResultSubmitted' : 'Disputed',
});

export function planSubmitResult(input: SubmitResultInput): TxPlan {
  for (const r of input.results) {
    if (!/^([0-9a-f]{2})+$/i.test(r.resultHash)) throw new TxBuildError('resultHash must be non-empty hex');
  }
  const cooldown = input.escrow.script.params.cooldownPeriodMs;
  return planContinuing({
    ...input,
    action: 'SubmitResult',
    signer: 'seller',
    items: input.results.map((r) => ({
      escrow: r.escrow,
      next: (w) => submittedDatum(r.escrow.datum, r.resultHash.toLowerCase(), w.upperMs, cooldown),
    })),
  });
}

export const buildSubmitResultTx = (input: SubmitResultInput): Promise<UnsignedTx> =>
  assemblePlan(input.ctx, planSubmitResult(input));
