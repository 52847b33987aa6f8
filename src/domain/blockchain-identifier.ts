import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { CborError, decodeCbor, encodeCbor, type CborMap, type CborValue } from './cbor-codec.js';

/**
 * The blockchain identifier is the lowercase hex of the CBOR array
 *   [1, sellerNonce, purchaserIdentifier, fieldHints, COSE_Key, COSE_Sign1]
 * where COSE_Sign1 = [protected, unprotected, nil, signature] carries a detached payload: the verifier
 * rebuilds the payload (canonical JSON of the agreed fields) from the request, so any changed field breaks
 * the signature. The seller address is not repeated: it is the `address` of the signed protected header.
 * fieldHints holds two bytes of sha256 per request field that is not carried in the identifier, only so
 * that a mismatch can be reported by name; the signature alone decides validity.
 */
export const BLOCKCHAIN_IDENTIFIER_VERSION = 1;
export const MAX_BLOCKCHAIN_IDENTIFIER_HEX = 1024;

export type IdentifierField =
  | 'blockchainIdentifier'
  | 'identifierFromPurchaser'
  | 'sellerIdentifier'
  | 'sellerVkey'
  | 'sellerAddress'
  | 'signature'
  | HintedField;

export class BlockchainIdentifierError extends Error {
  override readonly name = 'BlockchainIdentifierError';
  constructor(
    readonly field: IdentifierField,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

export interface SignedFields {
  inputHash: string;
  agentIdentifier: string;
  /** identifierFromPurchaser, hex */
  purchaserIdentifier: string;
  /** the seller nonce, hex */
  sellerIdentifier: string;
  payByTime: bigint;
  submitResultTime: bigint;
  unlockTime: bigint;
  externalDisputeUnlockTime: bigint;
  /** bech32 */
  sellerAddress: string;
}

export const HINTED_FIELDS = [
  'inputHash',
  'agentIdentifier',
  'payByTime',
  'submitResultTime',
  'unlockTime',
  'externalDisputeUnlockTime',
] as const;
export type HintedField = (typeof HINTED_FIELDS)[number];
const HINT_BYTES = 2;

const HEX_RULES: Record<'inputHash' | 'agentIdentifier' | 'purchaserIdentifier' | 'sellerIdentifier', [IdentifierField, RegExp, string]> = {
  inputHash: ['inputHash', /^[0-9a-f]{64}$/, '64 hex characters'],
  agentIdentifier: ['agentIdentifier', /^[0-9a-f]{56}(?:[0-9a-f]{2}){1,32}$/, 'a 56-hex policy id followed by a 2–64 hex asset name'],
  purchaserIdentifier: ['identifierFromPurchaser', /^(?:[0-9a-f]{2}){7,13}$/, '14–26 hex characters of even length'],
  sellerIdentifier: ['sellerIdentifier', /^(?:[0-9a-f]{2}){8,32}$/, '16–64 hex characters of even length'],
};

function normalizedHex(name: keyof typeof HEX_RULES, value: string): string {
  const [field, pattern, description] = HEX_RULES[name];
  const lower = typeof value === 'string' ? value.toLowerCase() : '';
  if (!pattern.test(lower)) throw new BlockchainIdentifierError(field, `must be ${description}`);
  return lower;
}

function timeText(field: HintedField, value: bigint): string {
  if (typeof value !== 'bigint' || value < 0n) throw new BlockchainIdentifierError(field, 'must be a non-negative integer of milliseconds');
  return value.toString();
}

/** The signed values, as strings, exactly as they enter the canonical JSON. */
function signedStrings(fields: SignedFields): Record<keyof SignedFields, string> {
  if (typeof fields.sellerAddress !== 'string' || !/^addr(?:_test)?1[02-9ac-hj-np-z]+$/.test(fields.sellerAddress)) {
    throw new BlockchainIdentifierError('sellerAddress', 'must be a bech32 payment address');
  }
  return {
    inputHash: normalizedHex('inputHash', fields.inputHash),
    agentIdentifier: normalizedHex('agentIdentifier', fields.agentIdentifier),
    purchaserIdentifier: normalizedHex('purchaserIdentifier', fields.purchaserIdentifier),
    sellerIdentifier: normalizedHex('sellerIdentifier', fields.sellerIdentifier),
    payByTime: timeText('payByTime', fields.payByTime),
    submitResultTime: timeText('submitResultTime', fields.submitResultTime),
    unlockTime: timeText('unlockTime', fields.unlockTime),
    externalDisputeUnlockTime: timeText('externalDisputeUnlockTime', fields.externalDisputeUnlockTime),
    sellerAddress: fields.sellerAddress,
  };
}

/** RFC 8785 canonical JSON of the agreed fields, all values strings: the bytes the seller signs. */
export function buildSignedPayload(fields: SignedFields): Uint8Array {
  return Buffer.from(canonicalize(signedStrings(fields)), 'utf8');
}

export function computeFieldHints(fields: SignedFields): Uint8Array {
  const strings = signedStrings(fields);
  return Buffer.concat(
    HINTED_FIELDS.map((field) => createHash('sha256').update(`${field}=${strings[field]}`).digest().subarray(0, HINT_BYTES)),
  );
}

/** The first hinted field whose hint differs, if any: a diagnosis for the caller, not a security check. */
export function findHintMismatch(hints: Uint8Array, fields: SignedFields): HintedField | undefined {
  const expected = computeFieldHints(fields);
  return HINTED_FIELDS.find((_, index) => {
    const start = index * HINT_BYTES;
    return Buffer.compare(hints.subarray(start, start + HINT_BYTES), expected.subarray(start, start + HINT_BYTES)) !== 0;
  });
}

/** Sig_structure of RFC 9052 §4.4 for COSE_Sign1 with empty external data. */
export function buildSigStructure(protectedHeader: Uint8Array, payload: Uint8Array): Uint8Array {
  return encodeCbor(['Signature1', protectedHeader, new Uint8Array(0), payload]);
}

export interface IdentifierParts {
  sellerNonce: Uint8Array;
  purchaserIdentifier: Uint8Array;
  fieldHints: Uint8Array;
  /** COSE_Key bytes: the escrow datum's reference_key */
  coseKey: Uint8Array;
  /** Ed25519 public key from the COSE_Key (label -2) */
  publicKey: Uint8Array;
  /** serialized protected header, as signed */
  protectedHeader: Uint8Array;
  unprotectedHeader: CborMap;
  /** raw address bytes from the protected header */
  sellerAddress: Uint8Array;
  /** the raw 64-byte Ed25519 signature: the escrow datum's reference_signature */
  signature: Uint8Array;
}

const COSE_ALG_EDDSA = -8;
const COSE_KTY_OKP = 1;
const COSE_CRV_ED25519 = 6;

function fail(field: IdentifierField, reason: string): never {
  throw new BlockchainIdentifierError(field, reason);
}

function bytesOf(value: CborValue | undefined, what: string, length?: { min: number; max: number }): Uint8Array {
  if (!(value instanceof Uint8Array)) fail('blockchainIdentifier', `${what} must be a byte string`);
  if (length && (value.length < length.min || value.length > length.max)) {
    fail('blockchainIdentifier', `${what} must be ${length.min === length.max ? length.min : `${length.min}–${length.max}`} bytes`);
  }
  return value;
}

function mapOf(value: CborValue | undefined, what: string, allowed: ReadonlyArray<string | number>): CborMap {
  if (!(value instanceof Map)) fail('blockchainIdentifier', `${what} must be a map`);
  for (const key of value.keys()) {
    if (!allowed.includes(key)) fail('blockchainIdentifier', `${what} has an unexpected entry ${JSON.stringify(key)}`);
  }
  return value;
}

function decodeNested(bytes: Uint8Array, what: string): CborValue {
  try {
    return decodeCbor(bytes);
  } catch (error) {
    return fail('blockchainIdentifier', `${what} is not valid CBOR: ${(error as Error).message}`);
  }
}

function parseCoseKey(coseKey: Uint8Array): Uint8Array {
  const key = mapOf(decodeNested(coseKey, 'COSE_Key'), 'COSE_Key', [1, 3, -1, -2]);
  if (key.get(1) !== COSE_KTY_OKP || key.get(3) !== COSE_ALG_EDDSA || key.get(-1) !== COSE_CRV_ED25519) {
    fail('blockchainIdentifier', 'COSE_Key must be an Ed25519 OKP key for EdDSA');
  }
  return bytesOf(key.get(-2), 'COSE_Key public key', { min: 32, max: 32 });
}

// Mesh puts the public key in the protected header as kid (label 4); when present it must be the COSE_Key's.
function parseProtectedHeader(protectedHeader: Uint8Array, publicKey: Uint8Array): Uint8Array {
  const header = mapOf(decodeNested(protectedHeader, 'protected header'), 'protected header', [1, 4, 'address']);
  if (header.get(1) !== COSE_ALG_EDDSA) fail('blockchainIdentifier', 'protected header must name EdDSA (alg -8)');
  const kid = header.get(4);
  if (kid !== undefined && Buffer.compare(bytesOf(kid, 'protected kid'), publicKey) !== 0) {
    fail('blockchainIdentifier', 'protected kid differs from the COSE_Key');
  }
  return bytesOf(header.get('address'), 'protected address', { min: 29, max: 57 });
}

function parseUnprotectedHeader(value: CborValue | undefined): CborMap {
  const header = mapOf(value, 'unprotected header', ['hashed']);
  if (header.has('hashed') && header.get('hashed') !== false) fail('blockchainIdentifier', 'a hashed payload is not supported');
  return header;
}

/** Strictly decodes an identifier; any deviation from the format is a BlockchainIdentifierError. */
export function decodeBlockchainIdentifier(identifier: string): IdentifierParts {
  if (typeof identifier !== 'string' || identifier.length === 0) fail('blockchainIdentifier', 'must be a non-empty hex string');
  if (identifier.length > MAX_BLOCKCHAIN_IDENTIFIER_HEX) fail('blockchainIdentifier', `longer than ${MAX_BLOCKCHAIN_IDENTIFIER_HEX} characters`);
  if (!/^(?:[0-9a-f]{2})+$/.test(identifier)) fail('blockchainIdentifier', 'must be lowercase hex of even length');
  const outer = decodeNested(Buffer.from(identifier, 'hex'), 'identifier');
  if (!Array.isArray(outer) || outer.length !== 6) fail('blockchainIdentifier', 'must be a CBOR array of 6 items');
  const [version, sellerNonce, purchaserIdentifier, fieldHints, coseKey, coseSign1] = outer;
  if (version !== BLOCKCHAIN_IDENTIFIER_VERSION) fail('blockchainIdentifier', `unsupported version ${typeof version === 'number' ? version : typeof version}`);
  if (!Array.isArray(coseSign1) || coseSign1.length !== 4) fail('blockchainIdentifier', 'COSE_Sign1 must be an array of 4 items');
  const [protectedHeader, unprotectedHeader, payload, signature] = coseSign1;
  if (payload !== null) fail('blockchainIdentifier', 'COSE_Sign1 payload must be detached (nil)');
  const keyBytes = bytesOf(coseKey, 'COSE_Key', { min: 1, max: 64 });
  const publicKey = parseCoseKey(keyBytes);
  const protectedBytes = bytesOf(protectedHeader, 'protected header', { min: 1, max: 128 });
  return {
    sellerNonce: bytesOf(sellerNonce, 'seller nonce', { min: 8, max: 32 }),
    purchaserIdentifier: bytesOf(purchaserIdentifier, 'purchaser identifier', { min: 7, max: 13 }),
    fieldHints: bytesOf(fieldHints, 'field hints', { min: HINTED_FIELDS.length * HINT_BYTES, max: HINTED_FIELDS.length * HINT_BYTES }),
    coseKey: keyBytes,
    publicKey,
    protectedHeader: protectedBytes,
    unprotectedHeader: parseUnprotectedHeader(unprotectedHeader),
    sellerAddress: parseProtectedHeader(protectedBytes, publicKey),
    signature: bytesOf(signature, 'signature', { min: 64, max: 64 }),
  };
}

export type IdentifierInput = Omit<IdentifierParts, 'publicKey' | 'sellerAddress'>;

export function encodeBlockchainIdentifier(parts: IdentifierInput): string {
  const identifier = Buffer.from(
    encodeCbor([
      BLOCKCHAIN_IDENTIFIER_VERSION,
      parts.sellerNonce,
      parts.purchaserIdentifier,
      parts.fieldHints,
      parts.coseKey,
      [parts.protectedHeader, parts.unprotectedHeader, null, parts.signature],
    ]),
  ).toString('hex');
  // Decoding what we built proves it meets every rule a verifier will apply.
  decodeBlockchainIdentifier(identifier);
  return identifier;
}

/**
 * Takes a COSE_Sign1 made by a wallet over `payload` and returns its parts with the payload detached.
 * Fails if the wallet signed something else or produced a structure we would not accept from others.
 */
export function detachCoseSign1(
  coseSign1Hex: string,
  payload: Uint8Array,
): Pick<IdentifierParts, 'protectedHeader' | 'unprotectedHeader' | 'signature'> {
  if (!/^(?:[0-9a-f]{2})+$/i.test(coseSign1Hex)) fail('signature', 'the wallet returned a COSE_Sign1 that is not hex');
  let message: CborValue;
  try {
    message = decodeCbor(Buffer.from(coseSign1Hex, 'hex'));
  } catch (error) {
    if (error instanceof CborError) fail('signature', `the wallet returned invalid CBOR: ${error.message}`);
    throw error;
  }
  if (!Array.isArray(message) || message.length !== 4) fail('signature', 'the wallet returned no COSE_Sign1');
  const [protectedHeader, unprotectedHeader, signedPayload, signature] = message;
  if (!(signedPayload instanceof Uint8Array) || Buffer.compare(signedPayload, payload) !== 0) {
    fail('signature', 'the wallet signed a different payload');
  }
  if (!(protectedHeader instanceof Uint8Array) || !(signature instanceof Uint8Array)) fail('signature', 'malformed COSE_Sign1');
  return { protectedHeader, unprotectedHeader: parseUnprotectedHeader(unprotectedHeader), signature };
}

/** The escrow datum's reference_key: the COSE_Key bytes, hex. */
export function referenceKeyOf(identifier: string): string {
  return Buffer.from(decodeBlockchainIdentifier(identifier).coseKey).toString('hex');
}

/** The escrow datum's reference_signature: the raw 64-byte Ed25519 signature, hex. */
export function referenceSignatureOf(identifier: string): string {
  return Buffer.from(decodeBlockchainIdentifier(identifier).signature).toString('hex');
}

/**
 * The payment key hash (hex) of a Shelley address given as raw bytes, if its payment part is a key:
 * base addresses (types 0 and 2, 57 bytes) and enterprise addresses (type 6, 29 bytes).
 * Script, pointer, reward and Byron addresses cannot hold a seller's funds under a single key.
 */
export function paymentKeyHashOfAddress(address: Uint8Array): string {
  const header = address[0] ?? 0xff;
  const type = header >> 4;
  const network = header & 0x0f;
  const expectedLength = type === 0 || type === 2 ? 57 : type === 6 ? 29 : 0;
  if (expectedLength === 0) fail('sellerAddress', 'must be a base or enterprise address with a payment key');
  if (address.length !== expectedLength) fail('sellerAddress', `a type ${type} address has ${expectedLength} bytes`);
  if (network > 1) fail('sellerAddress', `unknown network id ${network}`);
  return Buffer.from(address.subarray(1, 29)).toString('hex');
}
