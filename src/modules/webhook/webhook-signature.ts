import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

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

/** What a receiver does: recompute and compare in constant time, and refuse stale timestamps. */
export function verifyWebhook(secret: string, headers: { timestamp: string; signature: string }, body: string, nowMs: number, toleranceMs = 5 * 60_000): boolean {
  const sentAt = Number(headers.timestamp);
  if (!Number.isSafeInteger(sentAt) || Math.abs(nowMs - sentAt) > toleranceMs) return false;
  const expected = Buffer.from(signWebhook(secret, headers.timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
