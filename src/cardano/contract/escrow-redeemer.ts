/**
 * Escrow redeemers ↔ Plutus data / CBOR hex. Constructor order follows CONTRACT.md's table
 * as in the reference contract: Withdraw 0, SetRefundRequested 1, UnSetRefundRequested 2,
 * WithdrawRefund 3, WithdrawDisputed 4, SubmitResult 5, AuthorizeRefund 6.
 *
 * `inputIndex` is the escrow's position in the transaction's (sorted) inputs; the fee and
 * buyer output indexes point at the Withdraw outputs tagged with the spent output reference.
 */
import {
  PlutusDataError,
  asConstr,
  asInt,
  constr,
  int,
  plutusJsonFromCbor,
  plutusJsonToCbor,
  type PlutusJson,
} from './plutus-json.js';

export type EscrowAction =
  | { readonly type: 'Withdraw'; readonly inputIndex: number; readonly feeOutputIndex: number; readonly buyerOutputIndex: number }
  | { readonly type: 'SetRefundRequested'; readonly inputIndex: number }
  | { readonly type: 'UnSetRefundRequested'; readonly inputIndex: number }
  | { readonly type: 'WithdrawRefund' }
  | { readonly type: 'WithdrawDisputed' }
  | { readonly type: 'SubmitResult'; readonly inputIndex: number }
  | { readonly type: 'AuthorizeRefund'; readonly inputIndex: number };

export type EscrowActionType = EscrowAction['type'];

export const ESCROW_ACTION_TYPES = [
  'Withdraw',
  'SetRefundRequested',
  'UnSetRefundRequested',
  'WithdrawRefund',
  'WithdrawDisputed',
  'SubmitResult',
  'AuthorizeRefund',
] as const satisfies readonly EscrowActionType[];

/** Actions whose escrow continues in an output at the script address. */
export const CONTINUING_ACTIONS: ReadonlySet<EscrowActionType> = new Set([
  'SetRefundRequested',
  'UnSetRefundRequested',
  'SubmitResult',
  'AuthorizeRefund',
]);

export function escrowActionToData(action: EscrowAction): PlutusJson {
  const index = ESCROW_ACTION_TYPES.indexOf(action.type);
  switch (action.type) {
    case 'Withdraw':
      return constr(index, [int(action.inputIndex), int(action.feeOutputIndex), int(action.buyerOutputIndex)]);
    case 'WithdrawRefund':
    case 'WithdrawDisputed':
      return constr(index);
    default:
      return constr(index, [int(action.inputIndex)]);
  }
}

function smallInt(value: PlutusJson | undefined, what: string): number {
  const n = asInt(value, what);
  if (n < 0n || n > 0xffffn) throw new PlutusDataError(`${what}: out of range`);
  return Number(n);
}

export function escrowActionFromData(value: PlutusJson): EscrowAction {
  const c = asConstr(value, 'escrow redeemer');
  const type = ESCROW_ACTION_TYPES[c.constructor];
  if (type === undefined) throw new PlutusDataError(`escrow redeemer: unknown constructor ${c.constructor}`);
  const f = c.fields;
  switch (type) {
    case 'Withdraw':
      asConstr(value, 'Withdraw', 3);
      return {
        type,
        inputIndex: smallInt(f[0], 'Withdraw.input_index'),
        feeOutputIndex: smallInt(f[1], 'Withdraw.fee_output_index'),
        buyerOutputIndex: smallInt(f[2], 'Withdraw.buyer_output_index'),
      };
    case 'WithdrawRefund':
    case 'WithdrawDisputed':
      asConstr(value, type, 0);
      return { type };
    default:
      asConstr(value, type, 1);
      return { type, inputIndex: smallInt(f[0], `${type}.input_index`) };
  }
}

export const encodeEscrowAction = (action: EscrowAction): string => plutusJsonToCbor(escrowActionToData(action));
export const decodeEscrowAction = (cborHex: string): EscrowAction => escrowActionFromData(plutusJsonFromCbor(cborHex));
