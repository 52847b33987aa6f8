/**
 * CIP-25 (label 721) metadata for agent NFTs. The ledger caps metadata strings at 64 bytes:
 * longer strings become arrays of ≤ 64-byte chunks cut on UTF-8 character boundaries
 * (Mesh does not split and fails later with a misleading error). Metadata has no floats,
 * booleans or null: they are rejected here.
 */
import { TxBuildError } from './builder-types.js';

export type MetadataValue = string | number | bigint | readonly MetadataValue[] | { readonly [key: string]: MetadataValue };

export const CIP25_LABEL = 721;
const MAX_BYTES = 64;

/** Splits a string into chunks of at most 64 UTF-8 bytes, never inside a character. */
export function splitUtf8(text: string): string[] {
  const chunks: string[] = [];
  let current = '';
  let size = 0;
  for (const char of text) {
    const charSize = Buffer.byteLength(char, 'utf8');
    if (size + charSize > MAX_BYTES) {
      chunks.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += charSize;
  }
  if (current !== '' || chunks.length === 0) chunks.push(current);
  return chunks;
}

export function toLedgerMetadata(value: unknown, path = 'metadata'): unknown {
  if (typeof value === 'string') {
    return Buffer.byteLength(value, 'utf8') <= MAX_BYTES ? value : splitUtf8(value);
  }
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TxBuildError(`${path}: metadata numbers must be safe integers`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => toLedgerMetadata(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => {
        if (Buffer.byteLength(key, 'utf8') > MAX_BYTES) throw new TxBuildError(`${path}: key "${key}" exceeds 64 bytes`);
        return [key, toLedgerMetadata(v, `${path}.${key}`)];
      }),
    );
  }
  throw new TxBuildError(`${path}: ${value === null ? 'null' : typeof value} is not allowed in metadata`);
}

/** The label-721 body for one asset (CIP-25 v1 layout with the asset name in hex). */
export function cip25Metadata(policyId: string, assetNameHex: string, metadata: object): object {
  return { [policyId]: { [assetNameHex]: toLedgerMetadata(metadata) } };
}
