/**
 * The plan shared by Withdraw, WithdrawRefund and WithdrawDisputed: the escrows leave the
 * script; each may require outputs of its own (Withdraw's fee and buyer outputs).
 */
import { toSlotWindow } from '../chain-types.js';
import type { PlutusJson } from '../contract/plutus-json.js';
import type { ChainContext, EscrowScriptSource, EscrowUtxo, FundingWallet, ValidityWindowMs } from './builder-types.js';
import { checkEscrows } from './escrow-inputs.js';
import { inputPositions, positionOf, selectFunding } from './input-order.js';
import type { PlannedOutput, TxPlan } from './tx-plan.js';
import { addAssetMaps, toAssetMap, utxoAssets, type AssetMap } from './value.js';

export interface LeavingItem {
  readonly escrow: EscrowUtxo;
  /** Outputs this escrow requires, placed together. */
  readonly outputs: readonly PlannedOutput[];
  /** The redeemer, given the escrow's input position and the indexes of its outputs. */
  readonly redeemer: (inputIndex: number, outputIndexes: readonly number[]) => PlutusJson;
}

export interface LeavingPlanInput {
  readonly ctx: ChainContext;
  readonly wallet: FundingWallet;
  readonly escrow: EscrowScriptSource;
  readonly window: ValidityWindowMs;
  readonly items: readonly LeavingItem[];
  /** Outputs after the escrows' own ones (e.g. a dispute's payouts). */
  readonly extraOutputs?: readonly PlannedOutput[];
  readonly requiredSigners: readonly string[];
}

const negate = (map: AssetMap): AssetMap => new Map([...map].map(([unit, q]) => [unit, -q]));

export function planLeaving(input: LeavingPlanInput): TxPlan {
  const { ctx, wallet, escrow: source } = input;
  checkEscrows(
    source,
    input.items.map((i) => i.escrow),
  );
  const window = toSlotWindow(ctx.slotConfig, input.window.fromMs, input.window.toMs);
  const extra = input.extraOutputs ?? [];
  const allOutputs = [...input.items.flatMap((i) => i.outputs), ...extra];
  const needed = addAssetMaps(
    ...allOutputs.map((o) => toAssetMap(o.amount)),
    ...input.items.map((i) => negate(utxoAssets(i.escrow.utxo))),
  );
  const walletInputs = selectFunding(wallet, needed);
  const positions = inputPositions([...input.items.map((i) => i.escrow.utxo), ...walletInputs]);
  const ordered = [...input.items].sort((a, b) => positionOf(positions, a.escrow.utxo) - positionOf(positions, b.escrow.utxo));
  const outputs: PlannedOutput[] = [];
  const scriptRef =
    source.referenceUtxo === undefined ? { script: source.script } : { script: source.script, referenceUtxo: source.referenceUtxo };
  const scriptInputs = ordered.map((item) => {
    const indexes = item.outputs.map((o) => outputs.push(o) - 1);
    return {
      utxo: item.escrow.utxo,
      script: scriptRef,
      redeemer: item.redeemer(positionOf(positions, item.escrow.utxo), indexes),
    };
  });
  return {
    scriptInputs,
    walletInputs,
    outputs: [...outputs, ...extra],
    mints: [],
    requiredSigners: input.requiredSigners,
    window,
    ...(wallet.collateral === undefined ? {} : { collateral: wallet.collateral }),
    changeAddress: wallet.changeAddress,
  };
}
