/**
 * Plutus data in the detailed JSON schema (the shape cardano-cli, Mesh's "JSON" data type and
 * Scalus' applyDataArgToScript use), with integers as bigint, plus CBOR conversion.
 */
import { dataFromCbor, dataToCbor } from './ledger-views.js';

export type PlutusJson =
  | { readonly constructor: number; readonly fields: readonly PlutusJson[] }
  | { readonly int: bigint }
  | { readonly bytes: string }
  | { readonly list: readonly PlutusJson[] }
  | { readonly map: readonly { readonly k: PlutusJson; readonly v: PlutusJson }[] };

export type ConstrJson = Extract<PlutusJson, { constructor: number }>;

export const constr = (index: number, fields: readonly PlutusJson[] = []): ConstrJson => ({ constructor: index, fields });
export const int = (value: bigint | number): PlutusJson => ({ int: BigInt(value) });
export const bytes = (hex: string): PlutusJson => ({ bytes: hex.toLowerCase() });
export const list = (elems: readonly PlutusJson[]): PlutusJson => ({ list: elems });

export class PlutusDataError extends Error {
  override readonly name = 'PlutusDataError';
}

export function plutusJsonToCbor(value: PlutusJson): string {
  return dataToCbor(value);
}

/**
 * Note: the CBOR reader underneath (cardano-sdk) decodes negative big integers below −2^64 one
 * too high; escrow data only holds non-negative integers.
 */
export function plutusJsonFromCbor(cborHex: string): PlutusJson {
  let decoded: unknown;
  try {
    decoded = dataFromCbor(cborHex);
  } catch (error) {
    throw new PlutusDataError(`not Plutus data CBOR: ${(error as Error).message}`);
  }
  return normalize(decoded);
}

/** Validates an untyped value as PlutusJson, turning integers into bigint. */
export function normalize(value: unknown): PlutusJson {
  if (typeof value !== 'object' || value === null) throw new PlutusDataError('Plutus data must be an object');
  const record = value as Record<string, unknown>;
  if ('constructor' in record && Object.prototype.hasOwnProperty.call(record, 'constructor')) {
    const index = Number(record.constructor);
    if (!Number.isSafeInteger(index) || index < 0 || !Array.isArray(record.fields)) {
      throw new PlutusDataError('malformed constructor');
    }
    return constr(index, record.fields.map(normalize));
  }
  if ('int' in record) {
    const n = record.int;
    if (typeof n === 'bigint') return { int: n };
    if (typeof n === 'number' && Number.isSafeInteger(n)) return { int: BigInt(n) };
    if (typeof n === 'string' && /^-?\d+$/.test(n)) return { int: BigInt(n) };
    throw new PlutusDataError('malformed int');
  }
  if ('bytes' in record) {
    if (typeof record.bytes !== 'string' || !/^([0-9a-fA-F]{2})*$/.test(record.bytes)) {
      throw new PlutusDataError('malformed bytes');
    }
    return bytes(record.bytes);
  }
  if ('list' in record && Array.isArray(record.list)) return list(record.list.map(normalize));
  if ('map' in record && Array.isArray(record.map)) {
    return {
      map: record.map.map((entry: unknown) => {
        const pair = entry as { k?: unknown; v?: unknown };
        return { k: normalize(pair.k), v: normalize(pair.v) };
      }),
    };
  }
  throw new PlutusDataError('unknown Plutus data shape');
}

/** JSON text as Scalus expects it (integers as JSON numbers, exact for any size). */
export function toJsonText(value: PlutusJson): string {
  const placeholder = '__bigint__';
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${placeholder}${v}` : v));
  return text.replace(new RegExp(`"${placeholder}(-?\\d+)"`, 'g'), '$1');
}

const isConstr = (value: PlutusJson): value is ConstrJson =>
  Object.prototype.hasOwnProperty.call(value, 'constructor') && Object.prototype.hasOwnProperty.call(value, 'fields');

export function asConstr(value: PlutusJson, what: string, arity?: number): ConstrJson {
  if (!isConstr(value)) throw new PlutusDataError(`${what}: expected a constructor`);
  if (arity !== undefined && value.fields.length !== arity) {
    throw new PlutusDataError(`${what}: expected ${arity} fields, got ${value.fields.length}`);
  }
  return value;
}

export function asInt(value: PlutusJson | undefined, what: string): bigint {
  if (value === undefined || !('int' in value)) throw new PlutusDataError(`${what}: expected an integer`);
  return value.int;
}

export function asBytes(value: PlutusJson | undefined, what: string): string {
  if (value === undefined || !('bytes' in value)) throw new PlutusDataError(`${what}: expected bytes`);
  return value.bytes;
}

export function asList(value: PlutusJson | undefined, what: string): readonly PlutusJson[] {
  if (value === undefined || !('list' in value)) throw new PlutusDataError(`${what}: expected a list`);
  return value.list;
}
