import { describe, expect, it } from 'vitest';
import { CborError, decodeCbor, encodeCbor, type CborValue } from '../../src/domain/cbor-codec.js';

const bytes = (hex: string): Uint8Array => Buffer.from(hex, 'hex');
const hexOf = (value: CborValue): string => Buffer.from(encodeCbor(value)).toString('hex');

// RFC 8949 Appendix A, restricted to the types the codec supports.
const RFC_EXAMPLES: Array<[CborValue, string]> = [
  [0, '00'],
  [23, '17'],
  [24, '1818'],
  [100, '1864'],
  [1000, '1903e8'],
  [1000000, '1a000f4240'],
  [4294967296, '1b0000000100000000'],
  [Number.MAX_SAFE_INTEGER, '1b001fffffffffffff'],
  [-1, '20'],
  [-100, '3863'],
  [-1000, '3903e7'],
  [false, 'f4'],
  [true, 'f5'],
  [null, 'f6'],
  [new Uint8Array(0), '40'],
  [Uint8Array.of(1, 2, 3, 4), '4401020304'],
  ['', '60'],
  ['a', '6161'],
  ['IETF', '6449455446'],
  ['ü', '62c3bc'],
  ['水', '63e6b0b4'],
  ['𐅑', '64f0908591'],
  [[], '80'],
  [[1, 2, 3], '83010203'],
  [[1, [2, 3], [4, 5]], '8301820203820405'],
  [new Map(), 'a0'],
  [new Map([[1, 2], [3, 4]]), 'a201020304'],
  [new Map<string | number, CborValue>([['a', 1], ['b', [2, 3]]]), 'a26161016162820203'],
];

describe('CBOR codec', () => {
  it.each(RFC_EXAMPLES)('encodes and decodes %s as %s', (value, hex) => {
    expect(hexOf(value)).toBe(hex);
    expect(decodeCbor(bytes(hex))).toEqual(value);
  });

  it('round-trips a 25-element array and long byte strings (1- and 2-byte lengths)', () => {
    const value: CborValue = [Array.from({ length: 25 }, (_, index) => index), new Uint8Array(300).fill(7), 'x'.repeat(70000)];
    expect(decodeCbor(encodeCbor(value))).toEqual(value);
  });

  it('copies byte strings out of the input', () => {
    const input = Buffer.from('4401020304', 'hex');
    const decoded = decodeCbor(input) as Uint8Array;
    input[1] = 0xff;
    expect(Buffer.from(decoded).toString('hex')).toBe('01020304');
  });

  it.each([
    ['empty input', ''],
    ['truncated integer', '19e8'],
    ['truncated byte string', '4401'],
    ['array longer than the input', '9bffffffffffffffff'],
    ['map longer than the input', 'a3010203'],
    ['trailing bytes', '0000'],
    ['non-shortest integer', '1817'],
    ['non-shortest 2-byte integer', '1900ff'],
    ['non-shortest length', '580101'],
    ['integer beyond 2^53', '1b0020000000000000'],
    ['negative integer beyond -2^53', '3b0020000000000000'],
    ['reserved additional info', '1c'],
    ['indefinite byte string', '5f41014102ff'],
    ['indefinite array', '9f01ff'],
    ['break code alone', 'ff'],
    ['tag', 'c11a514b67b0'],
    ['half float', 'f93c00'],
    ['double float', 'fb3ff199999999999a'],
    ['undefined', 'f7'],
    ['simple value', 'f820'],
    ['invalid UTF-8', '62c328'],
    ['duplicate map key', 'a201020103'],
    ['byte-string map key', 'a14101f6'],
    ['nesting deeper than 16', `${'81'.repeat(20)}00`],
  ])('rejects %s', (_label, hex) => {
    expect(() => decodeCbor(bytes(hex))).toThrow(CborError);
  });

  it('refuses to encode what it cannot decode', () => {
    expect(() => encodeCbor(1.5)).toThrow(CborError);
    expect(() => encodeCbor(Number.MAX_SAFE_INTEGER + 1)).toThrow(CborError);
  });

  it('never throws anything but CborError on random input', () => {
    for (let round = 0; round < 2000; round += 1) {
      const input = Uint8Array.from({ length: 1 + (round % 40) }, () => Math.floor(Math.random() * 256));
      try {
        decodeCbor(input);
      } catch (error) {
        expect(error).toBeInstanceOf(CborError);
      }
    }
  });
});
