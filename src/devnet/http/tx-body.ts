import { badRequest } from './blockfrost-error.js';

/**
 * A transaction in a request body: raw CBOR bytes (Mesh, blockfrost-js' /tx/submit), or CBOR as hex
 * or base64 text (blockfrost-js' /utils/txs/evaluate). A transaction's CBOR always starts with an
 * array header (0x84 or 0x9f), which is never an ASCII hex or base64 character.
 */
export function txBytesOf(body: unknown): Uint8Array {
  if (typeof body === 'string') return textToBytes(body);
  if (!(body instanceof Uint8Array) || body.length === 0) throw badRequest('the request body must be a CBOR-encoded transaction');
  const first = body[0];
  if (first === 0x84 || first === 0x9f) return body;
  return textToBytes(Buffer.from(body).toString('utf8'));
}

export function textToBytes(text: string): Uint8Array {
  const trimmed = text.trim().replace(/^"|"$/g, '');
  if (/^([0-9a-fA-F]{2})+$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return Buffer.from(trimmed, 'base64');
  throw badRequest('the transaction must be CBOR bytes, or CBOR as hex or base64');
}
