/** WithdrawRefund, several escrows per transaction: the buyer takes the funds back (no result in time). */
import { escrowActionToData } from '../contract/escrow-redeemer.js';
import type { ChainContext, EscrowScriptSource, EscrowUtxo, FundingWallet, UnsignedTx, ValidityWindowMs } from './builder-types.js';
import { uniqueSigners } from './escrow-inputs.js';
import { planLeaving } from './leaving-plan.js';
import { assemblePlan, type TxPlan } from './tx-plan.js';

export interface WithdrawRefundInput {
  readonly ctx: ChainContext;
  /** The buyer's wallet: receives the funds (change), signs. */
  readonly wallet: FundingWallet;
  readonly escrow: EscrowScriptSource;
  /** Must start after submit_result_time. */
  readonly window: ValidityWindowMs;
  readonly escrows: readonly EscrowUtxo[];
}

export function planWithdrawRefund(input: WithdrawRefundInput): TxPlan {
  return planLeaving({
    ...input,
    requiredSigners: uniqueSigners(
      input.escrows.map((e) => e.datum),
      'buyer',
    ),
    items: input.escrows.map((escrow) => ({
      escrow,
      outputs: [],
      redeemer: () => escrowActionToData({ type: 'WithdrawRefund' }),
    })),
  });
}

export const buildWithdrawRefundTx = (input: WithdrawRefundInput): Promise<UnsignedTx> =>
  assemblePlan(input.ctx, planWithdrawRefund(input));
