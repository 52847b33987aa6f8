import { describe, expect, it } from 'vitest';
import {
  BlockchainIdentifierError,
  buildSignedPayload,
  buildSigStructure,
  computeFieldHints,
  decodeBlockchainIdentifier,
  encodeBlockchainIdentifier,
  findHintMismatch,
  HINTED_FIELDS,
  paymentKeyHashOfAddress,
  referenceKeyOf,
  referenceSignatureOf,
  type IdentifierInput,
  type SignedFields,
} from '../../src/domain/blockchain-identifier.js';
import { decodeCbor, encodeCbor, type CborMap, type CborValue } from '../../src/domain/cbor-codec.js';

const fields: SignedFields = {
  inputHash: 'ab'.repeat(32),
  agentIdentifier: 'cd'.repeat(28) + 'ef'.repeat(32),
  purchaserIdentifier: 'aabbccddeeff0011223344',
  sellerIdentifier: '00112233445566778899aabbccddeeff',
  payByTime: 1_800_000_000_000n,
  submitResultTime: 1_800_003_600_000n,
  unlockTime: 1_800_025_200_000n,
  externalDisputeUnlockTime: 1_800_046_800_000n,
  sellerAddress: 'addr_test1vqd8w0x3uja50v6scpnkx4njtpgufd6sm5vqtsc6rrxk7rcdsv76l',
};

const publicKey = new Uint8Array(32).fill(0x11);
const baseAddress = Uint8Array.from([0x00, ...new Array<number>(56).fill(0x22)]);
const coseKey = (overrides: Array<[number, CborValue]> = []): Uint8Array =>
  encodeCbor(new Map<number, CborValue>([[1, 1], [3, -8], [-1, 6], [-2, publicKey], ...overrides]));
const protectedHeader = (entries: Array<[string | number, CborValue]> = [[1, -8], [4, publicKey], ['address', baseAddress]]) =>
  encodeCbor(new Map(entries));

function parts(overrides: Partial<IdentifierInput> = {}): IdentifierInput {
  return {
    sellerNonce: Buffer.from(fields.sellerIdentifier, 'hex'),
    purchaserIdentifier: Buffer.from(fields.purchaserIdentifier, 'hex'),
    fieldHints: computeFieldHints(fields),
    coseKey: coseKey(),
    protectedHeader: protectedHeader(),
    unprotectedHeader: new Map([['hashed', false]]),
    signature: new Uint8Array(64).fill(0x33),
    ...overrides,
  };
}

// Builds identifiers that encodeBlockchainIdentifier would refuse, to see the decoder refuse them too.
function rawIdentifier(items: CborValue[]): string {
  return Buffer.from(encodeCbor(items)).toString('hex');
}
function itemsOf(input: IdentifierInput): CborValue[] {
  return [1, input.sellerNonce, input.purchaserIdentifier, input.fieldHints, input.coseKey, [
    input.protectedHeader, input.unprotectedHeader, null, input.signature,
  ]];
}

function failure(run: () => unknown): BlockchainIdentifierError {
  try {
    run();
  } catch (error) {
    if (error instanceof BlockchainIdentifierError) return error;
    throw new Error('expected a BlockchainIdentifierError', { cause: error });
  }
  throw new Error('expected a failure');
}

describe('signed payload', () => {
  it('is the RFC 8785 JSON of the nine agreed fields, all strings', () => {
    const json = Buffer.from(buildSignedPayload(fields)).toString('utf8');
    expect(json).toBe(
      '{"agentIdentifier":"' + fields.agentIdentifier + '","externalDisputeUnlockTime":"1800046800000",' +
        '"inputHash":"' + fields.inputHash + '","payByTime":"1800000000000","purchaserIdentifier":"aabbccddeeff0011223344",' +
        '"sellerAddress":"' + fields.sellerAddress + '","sellerIdentifier":"' + fields.sellerIdentifier + '",' +
        '"submitResultTime":"1800003600000","unlockTime":"1800025200000"}',
    );
  });

  it('treats hex case as the same value', () => {
    const upper = { ...fields, inputHash: fields.inputHash.toUpperCase(), purchaserIdentifier: fields.purchaserIdentifier.toUpperCase() };
    expect(buildSignedPayload(upper)).toEqual(buildSignedPayload(fields));
  });

  it.each([
    ['inputHash', { inputHash: 'ab'.repeat(31) }],
    ['inputHash', { inputHash: 'zz'.repeat(32) }],
    ['agentIdentifier', { agentIdentifier: 'cd'.repeat(28) }],
    ['agentIdentifier', { agentIdentifier: 'cd'.repeat(28) + 'e' }],
    ['identifierFromPurchaser', { purchaserIdentifier: 'aabbccddeeff00' + '11'.repeat(7) }],
    ['identifierFromPurchaser', { purchaserIdentifier: 'aabbccddeeff0' }],
    ['sellerIdentifier', { sellerIdentifier: 'aabb' }],
    ['payByTime', { payByTime: -1n }],
    ['unlockTime', { unlockTime: 5 as unknown as bigint }],
    ['sellerAddress', { sellerAddress: 'stake_test1uqd8w0x3uja50v6scpnkx4njtpgufd6sm5vqtsc6rrxk7rc' }],
    ['sellerAddress', { sellerAddress: 'ADDR_TEST1VQD8W0X3UJA50V6SCPNKX4NJTPGUFD6SM5VQTSC6RRXK7RCDSV76L' }],
  ])('rejects a malformed %s', (field, override) => {
    expect(failure(() => buildSignedPayload({ ...fields, ...override })).field).toBe(field);
  });
});

describe('field hints', () => {
  it('name the field that differs', () => {
    const hints = computeFieldHints(fields);
    expect(hints).toHaveLength(HINTED_FIELDS.length * 2);
    expect(findHintMismatch(hints, fields)).toBeUndefined();
    expect(findHintMismatch(hints, { ...fields, inputHash: 'ac'.repeat(32) })).toBe('inputHash');
    expect(findHintMismatch(hints, { ...fields, agentIdentifier: 'cd'.repeat(28) + 'ee'.repeat(32) })).toBe('agentIdentifier');
    for (const field of ['payByTime', 'submitResultTime', 'unlockTime', 'externalDisputeUnlockTime'] as const) {
      expect(findHintMismatch(hints, { ...fields, [field]: fields[field] + 1n })).toBe(field);
    }
  });
});

describe('identifier codec', () => {
  it('round-trips every part and exposes the datum references', () => {
    const input = parts();
    const identifier = encodeBlockchainIdentifier(input);
    expect(identifier).toMatch(/^[0-9a-f]+$/);
    const decoded = decodeBlockchainIdentifier(identifier);
    const hexParts = (value: object) =>
      Object.fromEntries(Object.entries(value).map(([key, part]) => [key, part instanceof Uint8Array ? Buffer.from(part).toString('hex') : part]));
    expect(hexParts(decoded)).toEqual(hexParts({ ...input, publicKey, sellerAddress: baseAddress }));
    expect(referenceKeyOf(identifier)).toBe(Buffer.from(input.coseKey).toString('hex'));
    expect(referenceSignatureOf(identifier)).toBe('33'.repeat(64));
  });

  it('accepts an empty unprotected header and a protected header without kid', () => {
    const identifier = encodeBlockchainIdentifier(
      parts({ unprotectedHeader: new Map(), protectedHeader: protectedHeader([[1, -8], ['address', baseAddress]]) }),
    );
    expect(decodeBlockchainIdentifier(identifier).publicKey).toEqual(publicKey);
  });

  it('builds the COSE Sig_structure of RFC 9052', () => {
    const structure = decodeCbor(buildSigStructure(Uint8Array.of(0xa0), Uint8Array.of(1, 2))) as CborValue[];
    expect(structure).toEqual(['Signature1', Uint8Array.of(0xa0), new Uint8Array(0), Uint8Array.of(1, 2)]);
  });

  const valid = itemsOf(parts());
  const withItem = (index: number, value: CborValue): string => {
    const items = [...valid];
    items[index] = value;
    return rawIdentifier(items);
  };
  const withSign1 = (index: number, value: CborValue): string => {
    const sign1 = [...(valid[5] as CborValue[])];
    sign1[index] = value;
    return withItem(5, sign1);
  };

  it.each([
    ['empty', ''],
    ['not hex', 'zz'],
    ['uppercase hex', encodeBlockchainIdentifier(parts()).toUpperCase()],
    ['odd length', '8'],
    ['oversized', 'a'.repeat(2000)],
    ['not CBOR', 'ff'],
    ['a CBOR map', 'a0'],
    ['five items', rawIdentifier(valid.slice(0, 5))],
    ['seven items', rawIdentifier([...valid, 0])],
    ['version 2', withItem(0, 2)],
    ['a 7-byte seller nonce', withItem(1, new Uint8Array(7))],
    ['a text seller nonce', withItem(1, 'nonce')],
    ['a 6-byte purchaser identifier', withItem(2, new Uint8Array(6))],
    ['a 14-byte purchaser identifier', withItem(2, new Uint8Array(14))],
    ['short field hints', withItem(3, new Uint8Array(11))],
    ['a COSE_Key that is not CBOR', withItem(4, Uint8Array.of(0xff))],
    ['a COSE_Key of another key type', withItem(4, coseKey([[1, 2]]))],
    ['a COSE_Key with an extra entry', withItem(4, coseKey([[2, Uint8Array.of(1)]]))],
    ['a 31-byte public key', withItem(4, coseKey([[-2, new Uint8Array(31)]]))],
    ['a COSE_Sign1 of 3 items', withItem(5, (valid[5] as CborValue[]).slice(0, 3))],
    ['an attached payload', withSign1(2, Uint8Array.of(1))],
    ['a hashed payload', withSign1(1, new Map([['hashed', true]]))],
    ['an unknown unprotected entry', withSign1(1, new Map<string, CborValue>([['hashed', false], ['x', 1]]))],
    ['a 63-byte signature', withSign1(3, new Uint8Array(63))],
    ['a protected header without EdDSA', withSign1(0, protectedHeader([[1, -7], ['address', baseAddress]]))],
    ['a protected header without address', withSign1(0, protectedHeader([[1, -8]]))],
    ['a kid that is not the COSE_Key', withSign1(0, protectedHeader([[1, -8], [4, new Uint8Array(32)], ['address', baseAddress]]))],
    ['an unknown protected entry', withSign1(0, protectedHeader([[1, -8], ['address', baseAddress], [33, 1]]))],
    ['a protected header that is a map, not bytes', withSign1(0, new Map([[1, -8]]) as CborMap)],
  ])('rejects %s with a typed error', (_label, identifier) => {
    expect(failure(() => decodeBlockchainIdentifier(identifier)).field).toBe('blockchainIdentifier');
  });

  it('rejects every truncation of a valid identifier', () => {
    const identifier = encodeBlockchainIdentifier(parts());
    for (let length = 0; length < identifier.length; length += 2) {
      expect(failure(() => decodeBlockchainIdentifier(identifier.slice(0, length))).field).toBe('blockchainIdentifier');
    }
  });

  it('only ever throws BlockchainIdentifierError on random input', () => {
    for (let round = 0; round < 2000; round += 1) {
      const hex = Buffer.from(Uint8Array.from({ length: 1 + (round % 300) }, () => Math.floor(Math.random() * 256))).toString('hex');
      expect(failure(() => decodeBlockchainIdentifier(hex)).field).toBe('blockchainIdentifier');
    }
    expect(failure(() => decodeBlockchainIdentifier(null as unknown as string)).field).toBe('blockchainIdentifier');
  });
});

describe('payment key hash of an address', () => {
  const address = (header: number, length: number): Uint8Array =>
    Uint8Array.from([header, ...Array.from({ length: length - 1 }, (_, index) => index)]);
  const keyHash = Buffer.from(address(0, 29).subarray(1, 29)).toString('hex');

  it.each([
    ['base key/key, testnet', 0x00, 57],
    ['base key/script, mainnet', 0x21, 57],
    ['enterprise key, testnet', 0x60, 29],
  ])('reads %s', (_label, header, length) => {
    expect(paymentKeyHashOfAddress(address(header, length))).toBe(keyHash);
  });

  it.each([
    ['base script/key', 0x10, 57],
    ['pointer', 0x40, 32],
    ['enterprise script', 0x70, 29],
    ['reward', 0xe0, 29],
    ['byron', 0x80, 60],
    ['base with a wrong length', 0x00, 29],
    ['unknown network', 0x02, 57],
    ['empty', 0x00, 0],
  ])('rejects %s', (_label, header, length) => {
    expect(failure(() => paymentKeyHashOfAddress(length === 0 ? new Uint8Array(0) : address(header, length))).field).toBe('sellerAddress');
  });
});
