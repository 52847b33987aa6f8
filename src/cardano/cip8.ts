import { createPublicKey, randomBytes, verify } from 'node:crypto';
import {
  BlockchainIdentifierError,
  buildSignedPayload,
  buildSigStructure,
  computeFieldHints,
  decodeBlockchainIdentifier,
  detachCoseSign1,
  encodeBlockchainIdentifier,
  findHintMismatch,
  paymentKeyHashOfAddress,
  type IdentifierField,
  type SignedFields,
} from '../domain/blockchain-identifier.js';
import { addressBytesOf, bech32OfAddress, keyHashOfPublicKey } from './key-hash.js';

/** What we need of a wallet: CIP-8 signing as MeshWallet#signData(payloadHex, address) does it. */
export interface DataSigner {
  signData(payloadHex: string, address: string): Promise<{ signature: string; key: string }>;
}

/** The request fields the seller signs, as the API receives them. */
export interface AgreedFields {
  inputHash: string;
  agentIdentifier: string;
  identifierFromPurchaser: string;
  payByTime: bigint;
  submitResultTime: bigint;
  unlockTime: bigint;
  externalDisputeUnlockTime: bigint;
}

export interface ExpectedIdentifierFields extends AgreedFields {
  /** payment key hash of the seller's wallet, hex */
  sellerVkey: string;
  /** when given, the seller address must be on this network (0 testnet, 1 mainnet) */
  networkId?: 0 | 1;
}

export type IdentifierVerification =
  | { ok: true; sellerAddress: string; sellerNonce: string; coseKey: string; signature: string }
  | { ok: false; field: IdentifierField; reason: string };

const SELLER_NONCE_BYTES = 16;

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

function signedFields(fields: AgreedFields, sellerNonce: string, sellerAddress: string): SignedFields {
  return {
    inputHash: fields.inputHash,
    agentIdentifier: fields.agentIdentifier,
    purchaserIdentifier: fields.identifierFromPurchaser,
    sellerIdentifier: sellerNonce,
    payByTime: fields.payByTime,
    submitResultTime: fields.submitResultTime,
    unlockTime: fields.unlockTime,
    externalDisputeUnlockTime: fields.externalDisputeUnlockTime,
    sellerAddress,
  };
}

function sellerAddressBytes(bech32: string): Uint8Array {
  try {
    return addressBytesOf(bech32);
  } catch (error) {
    throw new BlockchainIdentifierError('sellerAddress', `not a valid address: ${(error as Error).message}`);
  }
}

function ed25519Verifies(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') }, format: 'jwk' });
  return verify(null, message, key, signature);
}

function check(
  identifier: string,
  expected: ExpectedIdentifierFields,
): Extract<IdentifierVerification, { ok: true }> {
  const parts = decodeBlockchainIdentifier(identifier);
  if (hex(parts.purchaserIdentifier) !== String(expected.identifierFromPurchaser).toLowerCase()) {
    throw new BlockchainIdentifierError('identifierFromPurchaser', 'differs from the purchaser identifier the seller signed');
  }
  const signerKeyHash = keyHashOfPublicKey(parts.publicKey);
  if (signerKeyHash !== String(expected.sellerVkey).toLowerCase()) {
    throw new BlockchainIdentifierError('sellerVkey', 'the identifier was not signed by the key with this hash');
  }
  // Binds the signature to the address's payment key: a stake key of the same wallet must not pass.
  if (paymentKeyHashOfAddress(parts.sellerAddress) !== signerKeyHash) {
    throw new BlockchainIdentifierError('sellerAddress', 'the signing key is not the payment key of the seller address');
  }
  const networkId = (parts.sellerAddress[0] ?? 0) & 0x0f;
  if (expected.networkId !== undefined && networkId !== expected.networkId) {
    throw new BlockchainIdentifierError('sellerAddress', `is on network ${networkId}, not ${expected.networkId}`);
  }
  const sellerAddress = bech32OfAddress(parts.sellerAddress);
  const fields = signedFields(expected, hex(parts.sellerNonce), sellerAddress);
  const mismatch = findHintMismatch(parts.fieldHints, fields);
  if (mismatch) throw new BlockchainIdentifierError(mismatch, 'differs from the value the seller signed');
  if (!ed25519Verifies(parts.publicKey, buildSigStructure(parts.protectedHeader, buildSignedPayload(fields)), parts.signature)) {
    throw new BlockchainIdentifierError('signature', 'the seller signature does not cover these fields');
  }
  return { ok: true, sellerAddress, sellerNonce: hex(parts.sellerNonce), coseKey: hex(parts.coseKey), signature: hex(parts.signature) };
}

/**
 * Buyer side: checks that `identifier` was signed by the payment key hashing to `sellerVkey`, for the seller
 * address in its protected header, over exactly these fields. Never throws; names the check that failed.
 */
export function verifyBlockchainIdentifier(identifier: string, expected: ExpectedIdentifierFields): IdentifierVerification {
  try {
    return check(identifier, expected);
  } catch (error) {
    if (error instanceof BlockchainIdentifierError) return { ok: false, field: error.field, reason: error.reason };
    return { ok: false, field: 'blockchainIdentifier', reason: `cannot be read: ${(error as Error).message}` };
  }
}

/**
 * Seller side: signs the agreed fields with the selling wallet's payment key (CIP-8, the payment address in
 * the protected header) and packs the detached COSE_Sign1 into an identifier. The result is verified before
 * it is returned, so a wallet that signs with another key or address cannot produce an identifier.
 */
export async function createBlockchainIdentifier({
  wallet,
  sellerAddress,
  fields,
}: {
  wallet: DataSigner;
  sellerAddress: string;
  fields: AgreedFields;
}): Promise<string> {
  const sellerVkey = paymentKeyHashOfAddress(sellerAddressBytes(sellerAddress));
  const sellerNonce = randomBytes(SELLER_NONCE_BYTES).toString('hex');
  const signed = signedFields(fields, sellerNonce, sellerAddress);
  const payload = buildSignedPayload(signed);
  const { signature, key } = await wallet.signData(hex(payload), sellerAddress);
  if (!/^(?:[0-9a-f]{2})+$/i.test(key)) throw new BlockchainIdentifierError('signature', 'the wallet returned a COSE_Key that is not hex');
  const identifier = encodeBlockchainIdentifier({
    sellerNonce: Buffer.from(sellerNonce, 'hex'),
    purchaserIdentifier: Buffer.from(signed.purchaserIdentifier.toLowerCase(), 'hex'),
    fieldHints: computeFieldHints(signed),
    coseKey: Buffer.from(key, 'hex'),
    ...detachCoseSign1(signature, payload),
  });
  const verification = verifyBlockchainIdentifier(identifier, { ...fields, sellerVkey });
  if (!verification.ok) throw new BlockchainIdentifierError(verification.field, verification.reason);
  return identifier;
}
