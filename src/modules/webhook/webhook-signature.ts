import { createHmac, randomBytes } from 'node:crypto';

/** Header names of a delivery (documented in the README). */
export const WEBHOOK_HEADERS = {
  id: 'x-webhook-id',
  event: 'x-webhook-event',
  timestamp: 'x-webhook-timestamp',
  signature: 'x-webhook-signature',
} as const;

const SECRET_PREFIX = 'whsec_';

/** 32 random bytes; the receiver uses the whole string (prefix included) as the HMAC key. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

/** `v1=` + hex HMAC-SHA256(secret, timestamp + "." + body); the timestamp is unix milliseconds. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
