import { Address, blake2b, HexBlob } from '@meshsdk/core-cst';

/** blake2b-224 of an Ed25519 public key: the payment key hash ("vkey" in the API), hex. */
export function keyHashOfPublicKey(publicKey: Uint8Array): string {
  return blake2b.hash(HexBlob(Buffer.from(publicKey).toString('hex')), 28);
}

/** Raw bytes of a bech32 address; throws on a malformed address. */
export function addressBytesOf(bech32: string): Uint8Array {
  return Buffer.from(Address.fromBech32(bech32).toBytes(), 'hex');
}

/** bech32 of raw address bytes; throws if the bytes are not an address. */
export function bech32OfAddress(bytes: Uint8Array): string {
  return Address.fromBytes(HexBlob(Buffer.from(bytes).toString('hex'))).toBech32();
}
