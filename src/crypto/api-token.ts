import { createHash, randomBytes } from 'node:crypto';

const TOKEN_PREFIX = 'apn_';

/** A new API token with 192 bits of randomness. */
export function generateApiToken(): string {
  return TOKEN_PREFIX + randomBytes(24).toString('base64url');
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Enough of the token for an operator to recognise it, far too little to use it. */
export function tokenHint(token: string): string {
  const visible = Math.min(4, Math.floor(token.length / 5));
  return `${token.slice(0, visible)}…${token.slice(token.length - visible)}`;
}
