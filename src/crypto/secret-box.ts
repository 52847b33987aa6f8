import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scryptSync } from 'node:crypto';

const VERSION = 'v1';
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// The master key is stretched once at start-up; per-secret keys then come from fast HKDF with a
// random salt, so a weak ENCRYPTION_KEY still costs an attacker scrypt work per guess.
const MASTER_SALT = Buffer.from('agent-pay-node/secret-box/v1');
const HKDF_INFO = Buffer.from('secret-box/aes-256-gcm');

export class SecretBoxError extends Error {}

/** Authenticated encryption (AES-256-GCM) of secrets at rest: mnemonics, provider keys, webhook secrets. */
export class SecretBox {
  readonly #master: Buffer;

  constructor(encryptionKey: string) {
    if (encryptionKey.length < 32) throw new SecretBoxError('encryption key must be at least 32 characters');
    this.#master = scryptSync(encryptionKey, MASTER_SALT, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  }

  encrypt(plaintext: string): string {
    const salt = randomBytes(SALT_BYTES);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#keyFor(salt), iv);
    cipher.setAAD(Buffer.from(VERSION));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, salt, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  decrypt(envelope: string): string {
    const parts = envelope.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretBoxError('not a secret envelope');
    const [salt, iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer, Buffer];
    if (salt.length !== SALT_BYTES || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new SecretBoxError('malformed secret envelope');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#keyFor(salt), iv);
      decipher.setAAD(Buffer.from(VERSION));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('secret could not be authenticated (wrong ENCRYPTION_KEY or tampered data)');
    }
  }

  #keyFor(salt: Buffer): Buffer {
    return Buffer.from(hkdfSync('sha256', this.#master, salt, HKDF_INFO, 32));
  }
}
