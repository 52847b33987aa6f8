/**
 * The double-CBOR trap: a Plutus script on the wire is the flat program wrapped in a CBOR byte
 * string (CIP-57 "compiledCode", single CBOR); Mesh (resolveScriptHash, serializePlutusScript,
 * txInScript) and Scalus (applyDataArgToScript) take that wrapped once more (double CBOR).
 * Handing them single CBOR silently yields a different hash, hence a different address.
 */

/** Wraps hex bytes in a CBOR byte string (major type 2). */
export function cborByteString(hex: string): string {
  const length = hex.length / 2;
  if (!Number.isInteger(length)) throw new Error('odd-length hex');
  let header: string;
  if (length < 24) header = (0x40 + length).toString(16).padStart(2, '0');
  else if (length < 0x100) header = `58${length.toString(16).padStart(2, '0')}`;
  else if (length < 0x10000) header = `59${length.toString(16).padStart(4, '0')}`;
  else header = `5a${length.toString(16).padStart(8, '0')}`;
  return header + hex;
}

/** Strips one CBOR byte-string wrapper. */
export function unwrapCborByteString(hex: string): string {
  const first = parseInt(hex.slice(0, 2), 16);
  if (first >> 5 !== 2) throw new Error('not a CBOR byte string');
  const info = first & 0x1f;
  const headerBytes = info < 24 ? 1 : info === 24 ? 2 : info === 25 ? 3 : info === 26 ? 5 : Number.NaN;
  if (Number.isNaN(headerBytes)) throw new Error('unsupported CBOR byte string length');
  const length = info < 24 ? info : parseInt(hex.slice(2, headerBytes * 2), 16);
  const body = hex.slice(headerBytes * 2);
  if (body.length !== length * 2) throw new Error('CBOR byte string length mismatch');
  return body;
}
