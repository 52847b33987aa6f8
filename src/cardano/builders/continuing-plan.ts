/**
 * The plan shared by SubmitResult, SetRefundRequested, UnSetRefundRequested and
 * AuthorizeRefund: each escrow goes back to the script with a new datum.
 *
 * Pairing (see the validator): the k-th escrow input in ledger order is continued by the k-th
 * output at the script address, so the continuing outputs come first, in input order.
 */
import { toSlotWindow, type SlotWindow } from '../chain-types.js';
import { escrowDatumToData, type EscrowDatum } from '../contract/escrow-datum.js';
import { escrowActionToData, type EscrowActionType } from '../contract/escrow-redeemer.js';
import type {
  ChainContext,
  EscrowScriptSource,
  EscrowUtxo,
  FundingWallet,
  ValidityWindowMs,
} from './builder-types.js';
import { checkEscrows, uniqueSigners } from './escrow-inputs.js';
import { inputPositions, positionOf, selectFunding } from './input-order.js';
import type { PlannedOutput, TxPlan } from './tx-plan.js';
import { atLeastMinUtxo, lovelaceOf } from './value.js';

export type ContinuingActionType = Extract<
  EscrowActionType,
  'SubmitResult' | 'SetRefundRequested' | 'UnSetRefundRequested' | 'AuthorizeRefund'
>;

export interface ContinuingPlanInput {
  readonly ctx: ChainContext;
  readonly wallet: FundingWallet;
  readonly escrow: EscrowScriptSource;
  readonly window: ValidityWindowMs;
  readonly action: ContinuingActionType;
  /** Who signs: the buyer or the seller of every escrow. */
  readonly signer: 'buyer' | 'seller';
  readonly items: readonly {
    readonly escrow: EscrowUtxo;
    /** The new datum, given the window as the script sees it (upper bound = "now"). */
    readonly next: (window: SlotWindow) => EscrowDatum;
  }[];
}

export function planContinuing(input: ContinuingPlanInput): TxPlan {
  const { ctx, wallet, escrow: source } = input;
  checkEscrows(
    source,
    input.items.map((i) => i.escrow),
  );
  const window = toSlotWindow(ctx.slotConfig, input.window.fromMs, input.window.toMs);
  const address = source.script.address;
  const planned = input.items.map((item) => {
    const datum = escrowDatumToData(item.next(window));
    const amount = atLeastMinUtxo(ctx.protocolParams, address, item.escrow.utxo.output.amount, datum);
    return { item, output: { address, amount, datum } satisfies PlannedOutput };
  });
  const topUp = planned.reduce(
    (sum, p) => sum + lovelaceOf(p.output.amount) - lovelaceOf(p.item.escrow.utxo.output.amount),
    0n,
  );
  const walletInputs = selectFunding(wallet, new Map([['lovelace', topUp]]));
  const positions = inputPositions([...input.items.map((i) => i.escrow.utxo), ...walletInputs]);
  const ordered = [...planned].sort(
    (a, b) => positionOf(positions, a.item.escrow.utxo) - positionOf(positions, b.item.escrow.utxo),
  );
  const scriptRef = source.referenceUtxo === undefined ? { script: source.script } : { script: source.script, referenceUtxo: source.referenceUtxo };
  return {
    scriptInputs: ordered.map((p) => ({
      utxo: p.item.escrow.utxo,
      script: scriptRef,
      redeemer: escrowActionToData({ type: input.action, inputIndex: positionOf(positions, p.item.escrow.utxo) }),
    })),
    walletInputs,
    outputs: ordered.map((p) => p.output),
    mints: [],
    requiredSigners: uniqueSigners(
      input.items.map((i) => i.escrow.datum),
      input.signer,
    ),
    window,
    ...(wallet.collateral === undefined ? {} : { collateral: wallet.collateral }),
    changeAddress: wallet.changeAddress,
  };
}
