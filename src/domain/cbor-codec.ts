/**
 * A deliberately small CBOR (RFC 8949) codec for the structures we sign and exchange (COSE_Sign1, COSE_Key,
 * the blockchain identifier). It accepts only what we produce: safe integers, byte and text strings, arrays,
 * maps keyed by integers or text, booleans and null, all with definite lengths in shortest form, no tags,
 * no floats, no duplicate keys and no trailing bytes. So decoding then encoding gives back the same bytes,
 * and anything else (garbage, truncation, a second encoding of the same value) is a CborError.
 */
export type CborKey = number | string;
export type CborValue = number | string | boolean | null | Uint8Array | CborValue[] | CborMap;
export type CborMap = Map<CborKey, CborValue>;

export class CborError extends Error {
  override readonly name = 'CborError';
}

const MAX_DEPTH = 16;
const textDecoder = new TextDecoder('utf-8', { fatal: true });
const textEncoder = new TextEncoder();

function head(major: number, length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0) throw new CborError(`cannot encode length ${length}`);
  const type = major << 5;
  if (length < 24) return Uint8Array.of(type | length);
  if (length < 0x100) return Uint8Array.of(type | 24, length);
  if (length < 0x10000) return Uint8Array.of(type | 25, length >> 8, length & 0xff);
  if (length < 0x100000000) {
    const out = new Uint8Array(5);
    out[0] = type | 26;
    new DataView(out.buffer).setUint32(1, length);
    return out;
  }
  const out = new Uint8Array(9);
  out[0] = type | 27;
  new DataView(out.buffer).setBigUint64(1, BigInt(length));
  return out;
}

function encodeInto(value: CborValue, chunks: Uint8Array[]): void {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new CborError(`only safe integers are supported, got ${value}`);
    chunks.push(value >= 0 ? head(0, value) : head(1, -1 - value));
  } else if (typeof value === 'string') {
    const bytes = textEncoder.encode(value);
    chunks.push(head(3, bytes.length), bytes);
  } else if (typeof value === 'boolean') {
    chunks.push(Uint8Array.of(value ? 0xf5 : 0xf4));
  } else if (value === null) {
    chunks.push(Uint8Array.of(0xf6));
  } else if (value instanceof Uint8Array) {
    chunks.push(head(2, value.length), value);
  } else if (Array.isArray(value)) {
    chunks.push(head(4, value.length));
    for (const item of value) encodeInto(item, chunks);
  } else {
    chunks.push(head(5, value.size));
    for (const [key, item] of value) {
      encodeInto(key, chunks);
      encodeInto(item, chunks);
    }
  }
}

export function encodeCbor(value: CborValue): Uint8Array {
  const chunks: Uint8Array[] = [];
  encodeInto(value, chunks);
  return Buffer.concat(chunks);
}

class Reader {
  private offset = 0;
  private readonly bytes: Uint8Array;

  // A plain Uint8Array view: on a Buffer, slice() would share memory instead of copying.
  constructor(input: Uint8Array) {
    this.bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  take(count: number): Uint8Array {
    if (count > this.remaining) throw new CborError('unexpected end of input');
    const slice = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return slice;
  }

  byte(): number {
    return this.take(1)[0] ?? 0;
  }

  // Returns the argument of a head, refusing indefinite lengths and non-shortest encodings.
  argument(info: number): number {
    if (info < 24) return info;
    const sizes: Record<number, number> = { 24: 1, 25: 2, 26: 4, 27: 8 };
    const size = sizes[info];
    if (size === undefined) throw new CborError(info === 31 ? 'indefinite lengths are not allowed' : `reserved additional info ${info}`);
    const chunk = this.take(size);
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const value = size === 1 ? view.getUint8(0) : size === 2 ? view.getUint16(0) : size === 4 ? view.getUint32(0) : view.getBigUint64(0);
    const minimum = size === 1 ? 24 : size === 2 ? 0x100 : size === 4 ? 0x10000 : 0x100000000;
    if (value < minimum) throw new CborError('integer or length not in shortest form');
    if (typeof value === 'bigint') {
      if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new CborError('integer too large');
      return Number(value);
    }
    return value;
  }

  value(depth: number): CborValue {
    if (depth > MAX_DEPTH) throw new CborError('nesting too deep');
    const initial = this.byte();
    const major = initial >> 5;
    const info = initial & 0x1f;
    if (major === 7) {
      if (info === 20) return false;
      if (info === 21) return true;
      if (info === 22) return null;
      throw new CborError(`unsupported simple value or float (0x${initial.toString(16)})`);
    }
    if (major === 6) throw new CborError('tags are not allowed');
    const argument = this.argument(info);
    switch (major) {
      case 0:
        return argument;
      case 1:
        return -1 - argument;
      case 2:
        return this.take(argument).slice();
      case 3:
        try {
          return textDecoder.decode(this.take(argument));
        } catch (error) {
          if (error instanceof CborError) throw error;
          throw new CborError('text is not valid UTF-8');
        }
      case 4: {
        if (argument > this.remaining) throw new CborError('array longer than the input');
        const items: CborValue[] = [];
        for (let index = 0; index < argument; index += 1) items.push(this.value(depth + 1));
        return items;
      }
      default: {
        if (argument * 2 > this.remaining) throw new CborError('map longer than the input');
        const map: CborMap = new Map();
        for (let index = 0; index < argument; index += 1) {
          const key = this.value(depth + 1);
          if (typeof key !== 'number' && typeof key !== 'string') throw new CborError('map keys must be integers or text');
          if (map.has(key)) throw new CborError(`duplicate map key ${JSON.stringify(key)}`);
          map.set(key, this.value(depth + 1));
        }
        return map;
      }
    }
  }
}

export function decodeCbor(bytes: Uint8Array): CborValue {
  const reader = new Reader(bytes);
  const value = reader.value(0);
  if (reader.remaining !== 0) throw new CborError(`${reader.remaining} trailing bytes`);
  return value;
}
