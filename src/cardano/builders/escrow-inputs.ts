/** Checks and encodings shared by every builder that spends escrows. */
import { deserializeAddress, type UTxO } from '@meshsdk/core';
import { decodeEscrowDatum, encodeEscrowDatum, type EscrowDatum } from '../contract/escrow-datum.js';
import { bytes, constr, int, type PlutusJson } from '../contract/plutus-json.js';
import { TxBuildError, type EscrowScriptSource, type EscrowUtxo } from './builder-types.js';
import { outRefKey } from './input-order.js';

/** The spent output reference as Plutus data (the tag of Withdraw's fee and buyer outputs). */
export const outRefData = (utxo: UTxO): PlutusJson =>
  constr(0, [bytes(utxo.input.txHash), int(utxo.input.outputIndex)]);

export function paymentKeyHash(address: string): string {
  const { pubKeyHash } = deserializeAddress(address);
  if (pubKeyHash === '') throw new TxBuildError(`${address} has no payment key`);
  return pubKeyHash;
}

/** Escrows must sit at the script address, be distinct, and carry the datum the caller decoded. */
export function checkEscrows(source: EscrowScriptSource, escrows: readonly EscrowUtxo[]): void {
  if (escrows.length === 0) throw new TxBuildError('no escrow to spend');
  const seen = new Set<string>();
  for (const { utxo, datum } of escrows) {
    const key = outRefKey(utxo);
    if (seen.has(key)) throw new TxBuildError(`escrow ${key} is listed twice`);
    seen.add(key);
    if (utxo.output.address !== source.script.address) {
      throw new TxBuildError(`escrow ${key} is not at the escrow script address`);
    }
    const inline = utxo.output.plutusData;
    if (inline !== undefined) {
      const onChain = decodeEscrowDatum(inline, source.script.networkId);
      if (encodeEscrowDatum(onChain) !== encodeEscrowDatum(datum)) {
        throw new TxBuildError(`escrow ${key}: the given datum differs from the inline datum`);
      }
    }
  }
}

export const uniqueSigners = (datums: readonly EscrowDatum[], who: 'buyer' | 'seller'): string[] => [
  ...new Set(datums.map((d) => paymentKeyHash(d[who]))),
];
