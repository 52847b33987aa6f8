import { beforeAll, describe, expect, it } from 'vitest';
import { checkSignature, core, EmbeddedWallet, MeshWallet, resolvePaymentKeyHash, resolveStakeKeyHash, signData } from '@meshsdk/core';
import {
  createBlockchainIdentifier,
  verifyBlockchainIdentifier,
  type AgreedFields,
  type DataSigner,
  type ExpectedIdentifierFields,
} from '../../src/cardano/cip8.js';
import {
  buildSignedPayload,
  computeFieldHints,
  decodeBlockchainIdentifier,
  detachCoseSign1,
  encodeBlockchainIdentifier,
  MAX_BLOCKCHAIN_IDENTIFIER_HEX,
  referenceKeyOf,
  referenceSignatureOf,
  type SignedFields,
} from '../../src/domain/blockchain-identifier.js';

const fields: AgreedFields = {
  inputHash: 'ab'.repeat(32),
  agentIdentifier: 'cd'.repeat(28) + 'ef'.repeat(32),
  identifierFromPurchaser: 'aabbccddeeff0011223344',
  payByTime: 1_800_000_000_000n,
  submitResultTime: 1_800_003_600_000n,
  unlockTime: 1_800_025_200_000n,
  externalDisputeUnlockTime: 1_800_046_800_000n,
};

interface TestWallet {
  wallet: MeshWallet;
  words: string[];
  baseAddress: string;
  enterpriseAddress: string;
  rewardAddress: string;
  vkey: string;
}

async function newWallet(): Promise<TestWallet> {
  const words = MeshWallet.brew() as string[];
  const wallet = new MeshWallet({ networkId: 0, key: { type: 'mnemonic', words } });
  await wallet.init();
  const baseAddress = await wallet.getChangeAddress();
  const { enterpriseAddressBech32, rewardAddressBech32 } = wallet.getAddresses();
  if (!enterpriseAddressBech32 || !rewardAddressBech32) throw new Error('wallet without addresses');
  return {
    wallet,
    words,
    baseAddress,
    enterpriseAddress: enterpriseAddressBech32,
    rewardAddress: rewardAddressBech32,
    vkey: resolvePaymentKeyHash(baseAddress),
  };
}

let seller: TestWallet;
let other: TestWallet;
let identifier: string;
let expected: ExpectedIdentifierFields;

beforeAll(async () => {
  [seller, other] = await Promise.all([newWallet(), newWallet()]);
  identifier = await createBlockchainIdentifier({ wallet: seller.wallet, sellerAddress: seller.baseAddress, fields });
  expected = { ...fields, sellerVkey: seller.vkey };
});

function failedField(id: string, overrides: Partial<ExpectedIdentifierFields> = {}): string {
  const result = verifyBlockchainIdentifier(id, { ...expected, ...overrides });
  if (result.ok) throw new Error('verification unexpectedly passed');
  return result.field;
}

/** Packs a COSE_Sign1 made by any signer over the payload of `signed` into an identifier, bypassing createBlockchainIdentifier's own check. */
function pack(signed: SignedFields, signature: { signature: string; key: string }): string {
  return encodeBlockchainIdentifier({
    sellerNonce: Buffer.from(signed.sellerIdentifier, 'hex'),
    purchaserIdentifier: Buffer.from(signed.purchaserIdentifier, 'hex'),
    fieldHints: computeFieldHints(signed),
    coseKey: Buffer.from(signature.key, 'hex'),
    ...detachCoseSign1(signature.signature, buildSignedPayload(signed)),
  });
}

function signedFieldsFor(sellerAddress: string, overrides: Partial<SignedFields> = {}): SignedFields {
  return {
    inputHash: fields.inputHash,
    agentIdentifier: fields.agentIdentifier,
    purchaserIdentifier: fields.identifierFromPurchaser,
    sellerIdentifier: '0f'.repeat(16),
    payByTime: fields.payByTime,
    submitResultTime: fields.submitResultTime,
    unlockTime: fields.unlockTime,
    externalDisputeUnlockTime: fields.externalDisputeUnlockTime,
    sellerAddress,
    ...overrides,
  };
}

const payloadHex = (signed: SignedFields): string => Buffer.from(buildSignedPayload(signed)).toString('hex');

describe('blockchain identifier: create and verify', () => {
  it('round-trips and returns what the escrow datum needs', () => {
    const result = verifyBlockchainIdentifier(identifier, expected);
    expect(result).toEqual({
      ok: true,
      sellerAddress: seller.baseAddress,
      sellerNonce: expect.stringMatching(/^[0-9a-f]{32}$/),
      coseKey: referenceKeyOf(identifier),
      signature: referenceSignatureOf(identifier),
    });
    expect(referenceSignatureOf(identifier)).toMatch(/^[0-9a-f]{128}$/);
    expect(referenceKeyOf(identifier)).toMatch(/^a4010103272006215820[0-9a-f]{64}$/);
  });

  it('is compact: a base address and an 11-byte purchaser identifier give 544 hex characters', () => {
    expect(identifier).toHaveLength(544);
    expect(identifier.length).toBeLessThan(MAX_BLOCKCHAIN_IDENTIFIER_HEX);
  });

  it('uses a fresh seller nonce each time', async () => {
    const again = await createBlockchainIdentifier({ wallet: seller.wallet, sellerAddress: seller.baseAddress, fields });
    expect(again).not.toBe(identifier);
    expect(referenceSignatureOf(again)).not.toBe(referenceSignatureOf(identifier));
    expect(verifyBlockchainIdentifier(again, expected).ok).toBe(true);
  });

  it('accepts request fields in upper-case hex', () => {
    const upper = {
      ...expected,
      inputHash: fields.inputHash.toUpperCase(),
      identifierFromPurchaser: fields.identifierFromPurchaser.toUpperCase(),
      sellerVkey: seller.vkey.toUpperCase(),
    };
    expect(verifyBlockchainIdentifier(identifier, upper).ok).toBe(true);
  });

  it('works with an enterprise address', async () => {
    const id = await createBlockchainIdentifier({ wallet: seller.wallet, sellerAddress: seller.enterpriseAddress, fields });
    expect(verifyBlockchainIdentifier(id, expected)).toMatchObject({ ok: true, sellerAddress: seller.enterpriseAddress });
  });

  it('checks the network when asked', () => {
    expect(verifyBlockchainIdentifier(identifier, { ...expected, networkId: 0 }).ok).toBe(true);
    expect(failedField(identifier, { networkId: 1 })).toBe('sellerAddress');
  });
});

describe('blockchain identifier: tampering', () => {
  it.each([
    ['inputHash', { inputHash: 'ac'.repeat(32) }],
    ['agentIdentifier', { agentIdentifier: 'cd'.repeat(28) + 'ee'.repeat(32) }],
    ['identifierFromPurchaser', { identifierFromPurchaser: 'aabbccddeeff0011223345' }],
    ['payByTime', { payByTime: fields.payByTime + 1n }],
    ['submitResultTime', { submitResultTime: fields.submitResultTime - 1n }],
    ['unlockTime', { unlockTime: fields.unlockTime + 60_000n }],
    ['externalDisputeUnlockTime', { externalDisputeUnlockTime: fields.externalDisputeUnlockTime + 1n }],
    ['sellerVkey', { sellerVkey: 'ff'.repeat(28) }],
  ])('a changed %s fails naming it', (field, override) => {
    expect(failedField(identifier, override)).toBe(field);
  });

  it('another wallet’s key hash as sellerVkey fails on sellerVkey', () => {
    expect(failedField(identifier, { sellerVkey: other.vkey })).toBe('sellerVkey');
  });

  it('the signature, not the hints, decides: forged hints for a changed field fail on the signature', () => {
    const parts = decodeBlockchainIdentifier(identifier);
    const sellerNonce = Buffer.from(parts.sellerNonce).toString('hex');
    const changed = signedFieldsFor(seller.baseAddress, { sellerIdentifier: sellerNonce, unlockTime: fields.unlockTime + 1n });
    const forged = encodeBlockchainIdentifier({ ...parts, fieldHints: computeFieldHints(changed) });
    expect(failedField(forged, { unlockTime: fields.unlockTime + 1n })).toBe('signature');
  });

  it('a changed seller nonce fails on the signature', () => {
    const parts = decodeBlockchainIdentifier(identifier);
    const nonce = Uint8Array.from(parts.sellerNonce);
    nonce[0] = (nonce[0] ?? 0) ^ 1;
    expect(failedField(encodeBlockchainIdentifier({ ...parts, sellerNonce: nonce }))).toBe('signature');
  });

  it('a changed signature fails on the signature', () => {
    const parts = decodeBlockchainIdentifier(identifier);
    const signature = Uint8Array.from(parts.signature);
    signature[10] = (signature[10] ?? 0) ^ 0x80;
    expect(failedField(encodeBlockchainIdentifier({ ...parts, signature }))).toBe('signature');
  });

  it('a signature by another wallet, claiming the seller address, is rejected', async () => {
    const signed = signedFieldsFor(seller.baseAddress);
    const account = new EmbeddedWallet({ networkId: 0, key: { type: 'mnemonic', words: other.words } }).getAccount(0, 0);
    const forged = pack(signed, signData(payloadHex(signed), { address: core.Address.fromBech32(seller.baseAddress), key: account.paymentKey }));
    expect(failedField(forged)).toBe('sellerVkey');
    expect(failedField(forged, { sellerVkey: other.vkey })).toBe('sellerAddress');
  });

  it('flipping any single bit of the identifier never verifies and never throws', () => {
    const bytes = Buffer.from(identifier, 'hex');
    for (let bit = 0; bit < bytes.length * 8; bit += 1) {
      const flipped = Buffer.from(bytes);
      flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      expect(verifyBlockchainIdentifier(flipped.toString('hex'), expected).ok).toBe(false);
    }
  });
});

describe('blockchain identifier: the stake key is not the payment key', () => {
  it('Mesh checkSignature accepts a stake-key signature for the base address; our verifier does not', async () => {
    const account = new EmbeddedWallet({ networkId: 0, key: { type: 'mnemonic', words: seller.words } }).getAccount(0, 0);
    const signed = signedFieldsFor(seller.baseAddress);
    const stakeSigned = signData(payloadHex(signed), { address: core.Address.fromBech32(seller.baseAddress), key: account.stakeKey });
    expect(await checkSignature(payloadHex(signed), stakeSigned, seller.baseAddress)).toBe(true);

    const id = pack(signed, stakeSigned);
    expect(failedField(id)).toBe('sellerVkey');
    expect(failedField(id, { sellerVkey: resolveStakeKeyHash(seller.rewardAddress) })).toBe('sellerAddress');
  });

  it('a wallet signature made with the reward address is rejected', async () => {
    const signed = signedFieldsFor(seller.baseAddress);
    const fromWallet = await seller.wallet.signData(payloadHex(signed), seller.rewardAddress);
    expect(await checkSignature(payloadHex(signed), fromWallet, seller.baseAddress)).toBe(true);

    const id = pack(signed, fromWallet);
    expect(failedField(id)).toBe('sellerVkey');
    expect(failedField(id, { sellerVkey: resolveStakeKeyHash(seller.rewardAddress) })).toBe('sellerAddress');
  });

  it('createBlockchainIdentifier refuses a signer that uses the stake key', async () => {
    const account = new EmbeddedWallet({ networkId: 0, key: { type: 'mnemonic', words: seller.words } }).getAccount(0, 0);
    const stakeSigner: DataSigner = {
      signData: async (payload, address) => signData(payload, { address: core.Address.fromBech32(address), key: account.stakeKey }),
    };
    await expect(createBlockchainIdentifier({ wallet: stakeSigner, sellerAddress: seller.baseAddress, fields })).rejects.toMatchObject({
      field: 'sellerVkey',
    });
  });

  it('createBlockchainIdentifier refuses a signer that signs something else', async () => {
    const lying: DataSigner = { signData: async (_payload, address) => seller.wallet.signData('00', address) };
    await expect(createBlockchainIdentifier({ wallet: lying, sellerAddress: seller.baseAddress, fields })).rejects.toMatchObject({
      field: 'signature',
    });
  });

  it('createBlockchainIdentifier refuses a reward address as the seller address', async () => {
    await expect(
      createBlockchainIdentifier({ wallet: seller.wallet, sellerAddress: seller.rewardAddress, fields }),
    ).rejects.toMatchObject({ field: 'sellerAddress' });
  });
});

describe('blockchain identifier: malformed input', () => {
  it.each([
    ['empty', () => ''],
    ['non-hex', () => 'not an identifier'],
    ['odd length', () => identifier.slice(0, -1)],
    ['upper-case hex', () => identifier.toUpperCase()],
    ['oversized', () => identifier + '00'.repeat(MAX_BLOCKCHAIN_IDENTIFIER_HEX)],
    ['trailing bytes', () => identifier + '00'],
    ['random bytes', () => 'deadbeef'.repeat(60)],
    ['a number', () => 42 as unknown as string],
    ['null', () => null as unknown as string],
  ])('%s is refused with field blockchainIdentifier', (_label, input) => {
    expect(failedField(input())).toBe('blockchainIdentifier');
  });

  it('every truncation is refused', () => {
    for (let length = 0; length < identifier.length; length += 2) {
      expect(failedField(identifier.slice(0, length))).toBe('blockchainIdentifier');
    }
  });

  it('malformed expected fields are reported, not thrown', () => {
    expect(failedField(identifier, { inputHash: 'xyz' })).toBe('inputHash');
    expect(failedField(identifier, { payByTime: 'soon' as unknown as bigint })).toBe('payByTime');
  });
});
