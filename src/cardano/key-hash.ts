import { Address, blake2b, HexBlob } from '@meshsdk/core-cst';

// The @cardano-sdk types behind these helpers do not resolve under NodeNext, so results are checked, not trusted.
function checked(value: unknown, pattern: RegExp, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw new Error(`${what} returned an unexpected value`);
  return value;
}

/** blake2b-224 of an Ed25519 public key: the payment key hash ("vkey" in the API), hex. */
export function keyHashOfPublicKey(publicKey: Uint8Array): string {
  const digest: unknown = blake2b.hash(HexBlob(Buffer.from(publicKey).toString('hex')), 28);
  return checked(digest, /^[0-9a-f]{56}$/, 'blake2b-224');
}

/** Raw bytes of a bech32 address; throws on a malformed address. */
export function addressBytesOf(bech32: string): Uint8Array {
  const bytes: unknown = Address.fromBech32(bech32).toBytes();
  return Buffer.from(checked(bytes, /^(?:[0-9a-f]{2})+$/, 'Address.toBytes'), 'hex');
}

/** bech32 of raw address bytes; throws if the bytes are not an address. */
export function bech32OfAddress(bytes: Uint8Array): string {
  const bech32: unknown = Address.fromBytes(HexBlob(Buffer.from(bytes).toString('hex'))).toBech32();
  return checked(bech32, /^[a-z_]+1[02-9ac-hj-np-z]+$/, 'Address.toBech32');
}
