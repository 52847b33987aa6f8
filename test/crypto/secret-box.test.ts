import { describe, expect, it } from 'vitest';
import { SecretBox, SecretBoxError } from '../../src/crypto/secret-box.js';

const KEY = 'k'.repeat(16) + 'correct-horse-battery-staple';

describe('SecretBox (AES-256-GCM)', () => {
  const box = new SecretBox(KEY);

  it('round-trips a secret, with a fresh salt and IV each time', () => {
    const mnemonic = 'abandon '.repeat(23) + 'art';
    const first = box.encrypt(mnemonic);
    const second = box.encrypt(mnemonic);
    expect(first).not.toEqual(second);
    expect(first).not.toContain('abandon');
    expect(box.decrypt(first)).toBe(mnemonic);
    expect(box.decrypt(second)).toBe(mnemonic);
  });

  it('rejects a tampered ciphertext, tag, salt or IV', () => {
    const envelope = box.encrypt('provider-project-id');
    const parts = envelope.split('.');
    for (let index = 1; index < parts.length; index++) {
      const bytes = Buffer.from(parts[index]!, 'base64url');
      bytes[0] = bytes[0]! ^ 0x01;
      const tampered = [...parts];
      tampered[index] = bytes.toString('base64url');
      expect(() => box.decrypt(tampered.join('.'))).toThrow(SecretBoxError);
    }
  });

  it('rejects another encryption key and malformed envelopes', () => {
    const envelope = box.encrypt('secret');
    expect(() => new SecretBox(`${KEY}-other`).decrypt(envelope)).toThrow(SecretBoxError);
    expect(() => box.decrypt('not an envelope')).toThrow(SecretBoxError);
    expect(() => box.decrypt('v2.a.b.c.d')).toThrow(SecretBoxError);
    expect(() => box.decrypt('v1.AAAA.AAAA.AAAA.AAAA')).toThrow(SecretBoxError);
  });

  it('refuses a short encryption key', () => {
    expect(() => new SecretBox('short')).toThrow(SecretBoxError);
  });
});
