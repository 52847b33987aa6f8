/**
 * WithdrawDisputed, several escrows per transaction: after external_dispute_unlock_time the
 * admins split disputed funds as they decide. Built unsigned with the signing admins as
 * required signers; each admin adds a witness separately (multisig-witness.ts).
 */
import type { Asset } from '@meshsdk/core';
import { escrowActionToData } from '../contract/escrow-redeemer.js';
import type { ChainContext, EscrowScriptSource, EscrowUtxo, FundingWallet, UnsignedTx, ValidityWindowMs } from './builder-types.js';
import { TxBuildError } from './builder-types.js';
import { planLeaving } from './leaving-plan.js';
import { assemblePlan, type TxPlan } from './tx-plan.js';

export interface WithdrawDisputedInput {
  readonly ctx: ChainContext;
  /** Pays the fee and receives whatever the payouts leave (change). */
  readonly wallet: FundingWallet;
  readonly escrow: EscrowScriptSource;
  /** Must start after external_dispute_unlock_time. */
  readonly window: ValidityWindowMs;
  readonly escrows: readonly EscrowUtxo[];
  /** How the admins split the funds. */
  readonly payouts: readonly { readonly address: string; readonly amount: readonly Asset[] }[];
  /** Payment key hashes of the admins who will sign (at least required_admin_signatures of them). */
  readonly adminSigners: readonly string[];
}

export function planWithdrawDisputed(input: WithdrawDisputedInput): TxPlan {
  const { params } = input.escrow.script;
  const signers = [...new Set(input.adminSigners.map((k) => k.toLowerCase()))];
  const strangers = signers.filter((k) => !params.adminKeyHashes.includes(k));
  if (strangers.length > 0) throw new TxBuildError(`not admins of this escrow: ${strangers.join(', ')}`);
  if (signers.length < params.requiredAdminSignatures) {
    throw new TxBuildError(`${params.requiredAdminSignatures} admin signatures are required, ${signers.length} given`);
  }
  return planLeaving({
    ...input,
    requiredSigners: signers,
    extraOutputs: input.payouts.map((p) => ({ address: p.address, amount: [...p.amount] })),
    items: input.escrows.map((escrow) => ({
      escrow,
      outputs: [],
      redeemer: () => escrowActionToData({ type: 'WithdrawDisputed' }),
    })),
  });
}

export const buildWithdrawDisputedTx = (input: WithdrawDisputedInput): Promise<UnsignedTx> =>
  assemblePlan(input.ctx, planWithdrawDisputed(input));
