/*
 * cardano-sdk brands its strings and numbers (hashes, CBOR hex, asset ids, slots). Here those brands
 * do not resolve to types (the hoisted type-fest predates `Tagged`), so the compiler and the linter
 * see them as unknown. At run time they are plain strings and numbers: these checks turn them into
 * typed values at the boundary, and fail loudly if that ever stops being true.
 */

export function text(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`expected a string from cardano-sdk, got ${typeof value}`);
  return value;
}

export function optionalText(value: unknown): string | null {
  return value === undefined || value === null ? null : text(value);
}

export function optionalNumber(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number') throw new TypeError(`expected a number from cardano-sdk, got ${typeof value}`);
  return value;
}
