import { describe, expect, it } from 'vitest';
import { TxBuildError } from '../../../src/cardano/builders/builder-types.js';
import { cip25Metadata, splitUtf8, toLedgerMetadata } from '../../../src/cardano/builders/cip25-metadata.js';

describe('CIP-25 metadata', () => {
  it('splits strings over 64 bytes into ≤ 64-byte chunks on UTF-8 boundaries', () => {
    const text = `${'a'.repeat(63)}é${'ü'.repeat(40)}😀 end`;
    const chunks = splitUtf8(text);
    expect(chunks.join('')).toBe(text);
    for (const chunk of chunks) expect(Buffer.byteLength(chunk, 'utf8')).toBeLessThanOrEqual(64);
    expect(chunks[0]).toBe('a'.repeat(63));
    expect(splitUtf8('')).toEqual(['']);
  });

  it('leaves short strings alone and splits nested long ones', () => {
    const long = 'https://example.com/'.padEnd(100, 'x');
    const out = toLedgerMetadata({ name: 'short', legal: { terms: long }, tags: [long, 'a'], n: 5, big: 2n ** 70n }) as Record<string, unknown>;
    expect(out.name).toBe('short');
    expect((out.legal as { terms: string[] }).terms.join('')).toBe(long);
    expect((out.tags as unknown[])[0]).toEqual(splitUtf8(long));
    expect(out.big).toBe(2n ** 70n);
  });

  it('rejects floats, booleans, null and over-long keys', () => {
    for (const bad of [{ price: 1.5 }, { ok: true }, { x: null }, { ['k'.repeat(65)]: 'v' }]) {
      expect(() => toLedgerMetadata(bad)).toThrow(TxBuildError);
    }
  });

  it('nests the body under policy id and asset name', () => {
    expect(cip25Metadata('aa'.repeat(28), 'bb'.repeat(32), { name: 'n' })).toEqual({
      ['aa'.repeat(28)]: { ['bb'.repeat(32)]: { name: 'n' } },
    });
  });
});
