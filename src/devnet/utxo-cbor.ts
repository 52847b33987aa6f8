import { Cardano, HexBlob, Serialization, blake2b } from '@meshsdk/core-cst';
import { outRefKey, type OutRef, type OutRefKey } from './chain-types.js';
import { text } from './sdk-values.js';

export interface LedgerUtxo {
  readonly ref: OutRef;
  readonly output: Serialization.TransactionOutput;
}

export function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** The emulator returns each UTxO as a one-entry CBOR map {input: output}. */
export function decodeUtxoEntries(entries: readonly Uint8Array[]): LedgerUtxo[] {
  return entries.flatMap((entry) => {
    const reader = new Serialization.CborReader(entry);
    const size = reader.readStartMap() ?? 0;
    const utxos: LedgerUtxo[] = [];
    for (let i = 0; i < size; i++) {
      const input = Serialization.TransactionInput.fromCbor(HexBlob(hexOf(reader.readEncodedValue())));
      const output = Serialization.TransactionOutput.fromCbor(HexBlob(hexOf(reader.readEncodedValue())));
      utxos.push({ ref: { txHash: text(input.transactionId()), index: Number(input.index()) }, output });
    }
    return utxos;
  });
}

export function utxoKeys(entries: readonly Uint8Array[]): Set<OutRefKey> {
  return new Set(decodeUtxoEntries(entries).map((utxo) => outRefKey(utxo.ref)));
}

/** A CBOR map {input: output}, the UTxO form the emulator and Scalus' evaluator take. */
export function encodeUtxoMap(entries: readonly { ref: OutRef; outputCbor: string }[]): Uint8Array {
  const writer = new Serialization.CborWriter();
  writer.writeStartMap(entries.length);
  for (const { ref, outputCbor } of entries) {
    const input = new Serialization.TransactionInput(Cardano.TransactionId(ref.txHash), BigInt(ref.index));
    writer.writeEncodedValue(Buffer.from(text(input.toCbor()), 'hex'));
    writer.writeEncodedValue(Buffer.from(outputCbor, 'hex'));
  }
  return writer.encode();
}

export function lovelaceOutputCbor(address: string, lovelace: bigint): string {
  const output = new Serialization.TransactionOutput(Cardano.Address.fromBech32(address), new Serialization.Value(lovelace));
  return text(output.toCbor());
}

export function blake2b256Hex(input: string): string {
  return text(blake2b.hash(HexBlob(Buffer.from(input, 'utf8').toString('hex')), 32));
}
