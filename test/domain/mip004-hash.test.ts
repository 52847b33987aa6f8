import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createInputHash, createResultHash, Mip004InputError } from '../../src/domain/mip004-hash.js';

interface Vectors {
  input: Array<{ identifierFromPurchaser: string; input: unknown; inputHash: string }>;
  output: Array<{ identifierFromPurchaser: string; output: string; resultHash: string }>;
}

const vectorsPath = fileURLToPath(new URL('../../../shared/vectors/mip004.json', import.meta.url));
const vectors = JSON.parse(readFileSync(vectorsPath, 'utf8')) as Vectors;

describe('MIP-004 hashes', () => {
  it('has vectors to check', () => {
    expect(vectors.input.length).toBeGreaterThan(0);
    expect(vectors.output.length).toBeGreaterThan(0);
  });

  it.each(vectors.input)('input hash for $identifierFromPurchaser', (vector) => {
    expect(createInputHash(vector.identifierFromPurchaser, vector.input)).toBe(vector.inputHash);
  });

  it.each(vectors.output)('result hash for $identifierFromPurchaser', (vector) => {
    expect(createResultHash(vector.identifierFromPurchaser, vector.output)).toBe(vector.resultHash);
  });

  it('does not depend on key order', () => {
    expect(createInputHash('aabbccddeeff00', { a: 1, b: [1, { d: 2, c: 3 }] })).toBe(
      createInputHash('aabbccddeeff00', { b: [1, { c: 3, d: 2 }], a: 1 }),
    );
  });

  it('changes with the purchaser identifier', () => {
    expect(createInputHash('aabbccddeeff00', { a: 1 })).not.toBe(createInputHash('aabbccddeeff01', { a: 1 }));
  });

  it.each([undefined, () => 1, Symbol('x'), 1n, Number.NaN, { n: Infinity }])('rejects a non-JSON input (%s)', (input) => {
    expect(() => createInputHash('aabbccddeeff00', input)).toThrow(Mip004InputError);
  });
});
