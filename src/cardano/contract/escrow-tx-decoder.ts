/**
 * Reads an escrow transaction from its CBOR (what a chain watcher gets from `/txs/{hash}/cbor`):
 * which redeemer each spent input used, the datum of each output at the escrow script, and the
 * outputs tagged with a spent output reference (Withdraw's fee and buyer outputs).
 *
 * The transaction alone does not say which script guards an input, so `spends` lists every
 * input spent with a redeemer; the caller keeps the out-refs it knows as escrows (or checks
 * the input addresses, e.g. via `/txs/{hash}/utxos`).
 */
import { decodeEscrowDatum, type EscrowDatum } from './escrow-datum.js';
import { decodeEscrowAction, type EscrowAction } from './escrow-redeemer.js';
import { LedgerAddress, parseTx } from './ledger-views.js';
import { asBytes, asConstr, asInt, plutusJsonFromCbor } from './plutus-json.js';

const SPEND = 0;
const SCRIPT_CREDENTIAL = 1;

export interface OutRef {
  readonly txHash: string;
  readonly outputIndex: number;
}

export interface AssetAmount {
  readonly unit: string;
  readonly quantity: bigint;
}

export interface DecodedSpend {
  readonly outRef: OutRef;
  /** Position in the transaction's sorted inputs (the redeemer index). */
  readonly inputIndex: number;
  readonly redeemerCbor: string;
  /** null when the redeemer is not an escrow action (another script's input). */
  readonly action: EscrowAction | null;
}

export interface DecodedOutput {
  readonly outputIndex: number;
  readonly address: string;
  readonly amount: readonly AssetAmount[];
  readonly datumCbor: string | null;
}

export interface DecodedEscrowOutput extends DecodedOutput {
  /** null when the inline datum is missing or not a well-formed escrow datum (FundsOrDatumInvalid). */
  readonly datum: EscrowDatum | null;
}

export interface DecodedTaggedOutput extends DecodedOutput {
  /** The spent output reference in the inline datum. */
  readonly tag: OutRef;
}

export interface DecodedEscrowTx {
  readonly txHash: string;
  readonly validFromSlot: number | null;
  readonly validToSlot: number | null;
  readonly spends: readonly DecodedSpend[];
  readonly escrowOutputs: readonly DecodedEscrowOutput[];
  readonly taggedOutputs: readonly DecodedTaggedOutput[];
}

function tagOf(datumCbor: string | null): OutRef | null {
  if (datumCbor === null) return null;
  try {
    const ref = asConstr(plutusJsonFromCbor(datumCbor), 'out-ref', 2);
    if (ref.constructor !== 0) return null;
    const txHash = asBytes(ref.fields[0], 'out-ref.tx_id');
    if (txHash.length !== 64) return null;
    return { txHash, outputIndex: Number(asInt(ref.fields[1], 'out-ref.index')) };
  } catch {
    return null;
  }
}

function escrowDatumOf(datumCbor: string | null, networkId: number): EscrowDatum | null {
  if (datumCbor === null) return null;
  try {
    return decodeEscrowDatum(datumCbor, networkId);
  } catch {
    return null;
  }
}

function actionOf(redeemerCbor: string): EscrowAction | null {
  try {
    return decodeEscrowAction(redeemerCbor);
  } catch {
    return null;
  }
}

export function decodeEscrowTx(txCborHex: string, escrowScriptHash: string, networkId: number): DecodedEscrowTx {
  const tx = parseTx(txCborHex);
  const body = tx.body();
  const inputs = [...body.inputs().values()]
    .map((i) => ({ txHash: i.transactionId(), outputIndex: Number(i.index()) }))
    .sort((a, b) => (a.txHash !== b.txHash ? (a.txHash < b.txHash ? -1 : 1) : a.outputIndex - b.outputIndex));
  const spends: DecodedSpend[] = [];
  for (const redeemer of tx.witnessSet().redeemers()?.values() ?? []) {
    if (redeemer.tag() !== SPEND) continue;
    const inputIndex = Number(redeemer.index());
    const outRef = inputs[inputIndex];
    if (outRef === undefined) continue;
    const redeemerCbor = redeemer.data().toCbor();
    spends.push({ outRef, inputIndex, redeemerCbor, action: actionOf(redeemerCbor) });
  }
  spends.sort((a, b) => a.inputIndex - b.inputIndex);
  const escrowOutputs: DecodedEscrowOutput[] = [];
  const taggedOutputs: DecodedTaggedOutput[] = [];
  body.outputs().forEach((output, outputIndex) => {
    const address = output.address().toBech32();
    const value = output.amount();
    const amount: AssetAmount[] = [{ unit: 'lovelace', quantity: value.coin() }];
    for (const [assetId, quantity] of value.multiasset() ?? new Map<string, bigint>()) amount.push({ unit: assetId, quantity });
    const datumCbor = output.datum()?.asInlineData()?.toCbor() ?? null;
    const decoded = { outputIndex, address, amount, datumCbor };
    const payment = LedgerAddress.fromBech32(address).getProps().paymentPart;
    if (payment?.type === SCRIPT_CREDENTIAL && payment.hash === escrowScriptHash) {
      escrowOutputs.push({ ...decoded, datum: escrowDatumOf(datumCbor, networkId) });
      return;
    }
    const tag = tagOf(datumCbor);
    if (tag !== null) taggedOutputs.push({ ...decoded, tag });
  });
  const validFrom = body.validityStartInterval();
  const validTo = body.ttl();
  return {
    txHash: tx.getId(),
    validFromSlot: validFrom === undefined ? null : Number(validFrom),
    validToSlot: validTo === undefined ? null : Number(validTo),
    spends,
    escrowOutputs,
    taggedOutputs,
  };
}
