/** The escrow datum (16 fields, CONTRACT.md order) ↔ Plutus data / CBOR hex. */
import { addressFromData, addressToData } from './address-data.js';
import {
  PlutusDataError,
  asBytes,
  asConstr,
  asInt,
  bytes,
  constr,
  int,
  plutusJsonFromCbor,
  plutusJsonToCbor,
  type PlutusJson,
} from './plutus-json.js';

export const ESCROW_STATES = ['FundsLocked', 'ResultSubmitted', 'RefundRequested', 'Disputed'] as const;
export type EscrowState = (typeof ESCROW_STATES)[number];

export interface EscrowDatum {
  /** bech32 addresses; the network comes from the caller when decoding. */
  readonly buyer: string;
  readonly seller: string;
  /** The seller's COSE_Key (CIP-8), hex. */
  readonly referenceKey: string;
  /** The raw 64-byte Ed25519 signature, hex. */
  readonly referenceSignature: string;
  readonly sellerNonce: string;
  readonly buyerNonce: string;
  readonly collateralReturnLovelace: bigint;
  readonly inputHash: string;
  /** "" while no result is submitted. */
  readonly resultHash: string;
  readonly payByTime: bigint;
  readonly submitResultTime: bigint;
  readonly unlockTime: bigint;
  readonly externalDisputeUnlockTime: bigint;
  readonly sellerCooldownTime: bigint;
  readonly buyerCooldownTime: bigint;
  readonly state: EscrowState;
}

export function escrowDatumToData(datum: EscrowDatum): PlutusJson {
  return constr(0, [
    addressToData(datum.buyer),
    addressToData(datum.seller),
    bytes(datum.referenceKey),
    bytes(datum.referenceSignature),
    bytes(datum.sellerNonce),
    bytes(datum.buyerNonce),
    int(datum.collateralReturnLovelace),
    bytes(datum.inputHash),
    bytes(datum.resultHash),
    int(datum.payByTime),
    int(datum.submitResultTime),
    int(datum.unlockTime),
    int(datum.externalDisputeUnlockTime),
    int(datum.sellerCooldownTime),
    int(datum.buyerCooldownTime),
    constr(ESCROW_STATES.indexOf(datum.state)),
  ]);
}

/** The validator rejects negative integer fields; so does the decoder. */
function natural(value: PlutusJson | undefined, what: string): bigint {
  const n = asInt(value, what);
  if (n < 0n) throw new PlutusDataError(`${what}: must not be negative`);
  return n;
}

export function escrowDatumFromData(value: PlutusJson, networkId: number): EscrowDatum {
  const d = asConstr(value, 'escrow datum', 16);
  if (d.constructor !== 0) throw new PlutusDataError('escrow datum: expected constructor 0');
  const f = d.fields;
  const state = asConstr(f[15] as PlutusJson, 'escrow datum.state', 0);
  const stateName = ESCROW_STATES[state.constructor];
  if (stateName === undefined) throw new PlutusDataError(`escrow datum.state: unknown state ${state.constructor}`);
  return {
    buyer: addressFromData(f[0] as PlutusJson, networkId, 'escrow datum.buyer'),
    seller: addressFromData(f[1] as PlutusJson, networkId, 'escrow datum.seller'),
    referenceKey: asBytes(f[2], 'escrow datum.reference_key'),
    referenceSignature: asBytes(f[3], 'escrow datum.reference_signature'),
    sellerNonce: asBytes(f[4], 'escrow datum.seller_nonce'),
    buyerNonce: asBytes(f[5], 'escrow datum.buyer_nonce'),
    collateralReturnLovelace: natural(f[6], 'escrow datum.collateral_return_lovelace'),
    inputHash: asBytes(f[7], 'escrow datum.input_hash'),
    resultHash: asBytes(f[8], 'escrow datum.result_hash'),
    payByTime: natural(f[9], 'escrow datum.pay_by_time'),
    submitResultTime: natural(f[10], 'escrow datum.submit_result_time'),
    unlockTime: natural(f[11], 'escrow datum.unlock_time'),
    externalDisputeUnlockTime: natural(f[12], 'escrow datum.external_dispute_unlock_time'),
    sellerCooldownTime: natural(f[13], 'escrow datum.seller_cooldown_time'),
    buyerCooldownTime: natural(f[14], 'escrow datum.buyer_cooldown_time'),
    state: stateName,
  };
}

export const encodeEscrowDatum = (datum: EscrowDatum): string => plutusJsonToCbor(escrowDatumToData(datum));

/** Decodes an inline datum as read back from chain (CBOR hex). Throws PlutusDataError if malformed. */
export const decodeEscrowDatum = (cborHex: string, networkId: number): EscrowDatum =>
  escrowDatumFromData(plutusJsonFromCbor(cborHex), networkId);
