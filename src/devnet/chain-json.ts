import type { Cardano } from '@meshsdk/core-cst';

type Metadatum = Cardano.Metadatum;
type PlutusData = Cardano.PlutusData;

/** JSON numbers lose precision past 2^53; such integers are written as decimal strings instead. */
function jsonInteger(value: bigint): number | string {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value.toString();
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Transaction metadata as cardano-db-sync (and so Blockfrost) renders it: bytes as "0x…", map keys as strings. */
export function metadatumToJson(value: Metadatum): unknown {
  if (typeof value === 'bigint') return jsonInteger(value);
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return `0x${hex(value)}`;
  if (Array.isArray(value)) return value.map(metadatumToJson);
  const entries: [string, unknown][] = [];
  for (const [key, item] of value) entries.push([metadatumKey(key), metadatumToJson(item)]);
  return Object.fromEntries(entries);
}

function metadatumKey(key: Metadatum): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'bigint') return key.toString();
  if (key instanceof Uint8Array) return `0x${hex(key)}`;
  return JSON.stringify(metadatumToJson(key));
}

/** Plutus data in the detailed JSON schema (`{constructor, fields}`, `{int}`, `{bytes}`, `{list}`, `{map}`). */
export function plutusDataToJson(value: PlutusData): unknown {
  if (typeof value === 'bigint') return { int: jsonInteger(value) };
  if (value instanceof Uint8Array) return { bytes: hex(value) };
  if ('fields' in value) {
    return { constructor: jsonInteger(value.constructor), fields: value.fields.items.map(plutusDataToJson) };
  }
  if ('items' in value) return { list: value.items.map(plutusDataToJson) };
  if ('data' in value) {
    return { map: [...value.data].map(([k, v]) => ({ k: plutusDataToJson(k), v: plutusDataToJson(v) })) };
  }
  throw new TypeError('unknown plutus data');
}

export interface OnchainMetadata {
  readonly metadata: Record<string, unknown>;
  readonly standard: 'CIP25v1' | 'CIP25v2' | null;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * CIP-25 metadata of one asset from a mint transaction's label 721, the way Blockfrost picks it:
 * version 1 keys the policy as hex text and the asset by its UTF-8 name; version 2 keys both as bytes.
 */
export function cip25Metadata(label721: unknown, policyId: string, assetNameHex: string): OnchainMetadata | null {
  const root = asRecord(label721);
  if (!root) return null;
  const version = Number(root['version'] ?? 1);
  const utf8Name = Buffer.from(assetNameHex, 'hex').toString('utf8');
  const candidates: [unknown, 'CIP25v1' | 'CIP25v2'][] =
    version === 2
      ? [[asRecord(root[`0x${policyId}`])?.[`0x${assetNameHex}`], 'CIP25v2']]
      : [
          [asRecord(root[policyId])?.[utf8Name], 'CIP25v1'],
          [asRecord(root[policyId])?.[assetNameHex], 'CIP25v1'],
        ];
  for (const [found, standard] of candidates) {
    const metadata = asRecord(found);
    if (metadata) return { metadata, standard: isValidCip25(metadata) ? standard : null };
  }
  return null;
}

function isTextOrChunks(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.every((part) => typeof part === 'string'));
}

/** Blockfrost's `asset_onchain_metadata_cip25` schema: a string name, an image and description as text or text chunks. */
function isValidCip25(metadata: Record<string, unknown>): boolean {
  const description = metadata['description'];
  return (
    typeof metadata['name'] === 'string' &&
    isTextOrChunks(metadata['image']) &&
    (description === undefined || isTextOrChunks(description))
  );
}
