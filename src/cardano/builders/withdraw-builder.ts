/**
 * Withdraw, several escrows per transaction: the seller takes the funds after unlock_time.
 * Per escrow, a fee output to the fee address and (when collateral_return_lovelace > 0) a
 * buyer output, both tagged with the spent output reference; the rest goes to the seller's
 * change address.
 */
import { escrowActionToData } from '../contract/escrow-redeemer.js';
import type { ChainContext, EscrowScriptSource, EscrowUtxo, FundingWallet, UnsignedTx, ValidityWindowMs } from './builder-types.js';
import { outRefData, uniqueSigners } from './escrow-inputs.js';
import { planLeaving } from './leaving-plan.js';
import { assemblePlan, type PlannedOutput, type TxPlan } from './tx-plan.js';
import { atLeastMinUtxo, feeShare, toAssets } from './value.js';

export interface WithdrawInput {
  readonly ctx: ChainContext;
  /** The seller's wallet: receives the funds (change), signs. */
  readonly wallet: FundingWallet;
  readonly escrow: EscrowScriptSource;
  /** Must start after unlock_time. */
  readonly window: ValidityWindowMs;
  readonly escrows: readonly EscrowUtxo[];
}

export function planWithdraw(input: WithdrawInput): TxPlan {
  const { params } = input.escrow.script;
  const protocol = input.ctx.protocolParams;
  return planLeaving({
    ...input,
    requiredSigners: uniqueSigners(
      input.escrows.map((e) => e.datum),
      'seller',
    ),
    items: input.escrows.map((escrow) => {
      const tag = outRefData(escrow.utxo);
      const outputs: PlannedOutput[] = [];
      if (params.feePermille > 0) {
        const fee = toAssets(feeShare(escrow.utxo.output.amount, params.feePermille));
        outputs.push({ address: params.feeAddress, amount: atLeastMinUtxo(protocol, params.feeAddress, fee, tag), datum: tag });
      }
      const collateral = escrow.datum.collateralReturnLovelace;
      if (collateral > 0n) {
        const back = [{ unit: 'lovelace', quantity: collateral.toString() }];
        outputs.push({ address: escrow.datum.buyer, amount: atLeastMinUtxo(protocol, escrow.datum.buyer, back, tag), datum: tag });
      }
      return {
        escrow,
        outputs,
        redeemer: (inputIndex, indexes) => {
          const feeOutputIndex = params.feePermille > 0 ? (indexes[0] ?? 0) : 0;
          const buyerOutputIndex = collateral > 0n ? (indexes[indexes.length - 1] ?? 0) : 0;
          return escrowActionToData({ type: 'Withdraw', inputIndex, feeOutputIndex, buyerOutputIndex });
        },
      };
    }),
  });
}

export const buildWithdrawTx = (input: WithdrawInput): Promise<UnsignedTx> => assemblePlan(input.ctx, planWithdraw(input));
