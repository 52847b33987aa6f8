import { beforeAll, describe, expect, it } from 'vitest';
import { addressFromData, addressToData } from '../../../src/cardano/contract/address-data.js';
import {
  decodeEscrowDatum,
  encodeEscrowDatum,
  escrowDatumFromData,
  escrowDatumToData,
  type EscrowDatum,
} from '../../../src/cardano/contract/escrow-datum.js';
import {
  ESCROW_ACTION_TYPES,
  decodeEscrowAction,
  encodeEscrowAction,
  escrowActionFromData,
  type EscrowAction,
} from '../../../src/cardano/contract/escrow-redeemer.js';
import { decodeEscrowTx } from '../../../src/cardano/contract/escrow-tx-decoder.js';
import {
  PlutusDataError,
  asConstr,
  bytes,
  constr,
  int,
  plutusJsonFromCbor,
  plutusJsonToCbor,
  toJsonText,
} from '../../../src/cardano/contract/plutus-json.js';
import { perform } from '../../helpers/emulator-actions.js';
import { MINUTE, lockEscrows, makeActors, makeTerms, makeWorld, type Actors } from '../../helpers/emulator-escrow.js';

let actors: Actors;
beforeAll(async () => {
  actors = await makeActors();
});

const sample = (a: Actors): EscrowDatum => ({
  buyer: a.buyer.address,
  seller: a.seller.address,
  referenceKey: 'a4010103272006215820' + '5a'.repeat(32),
  referenceSignature: '9f'.repeat(64),
  sellerNonce: '0102030405060708',
  buyerNonce: 'a0a1a2a3a4a5a6a7a8a9aaab',
  collateralReturnLovelace: 1_150_000n,
  inputHash: 'e3'.repeat(32),
  resultHash: '',
  payByTime: 1_760_000_600_000n,
  submitResultTime: 1_760_003_600_000n,
  unlockTime: 1_760_007_200_000n,
  externalDisputeUnlockTime: 1_760_010_800_000n,
  sellerCooldownTime: 0n,
  buyerCooldownTime: 2n ** 60n,
  state: 'FundsLocked',
});

describe('Plutus data', () => {
  it('round-trips JSON ↔ CBOR, including big integers, and prints Scalus JSON', () => {
    const value = constr(3, [int(2n ** 70n), int(-(2n ** 64n)), bytes('00ff'), { list: [int(1)] }, { map: [{ k: bytes(''), v: int(0) }] }]);
    expect(plutusJsonFromCbor(plutusJsonToCbor(value))).toEqual(value);
    expect(toJsonText(int(2n ** 64n))).toBe('{"int":18446744073709551616}');
    expect(() => plutusJsonFromCbor('zz')).toThrow(PlutusDataError);
  });
});

describe('addresses as Plutus data', () => {
  it('round-trips base, enterprise and script addresses', () => {
    const world = makeWorld(actors);
    for (const address of [actors.buyer.address, world.source.script.address, world.params.feeAddress]) {
      expect(addressFromData(addressToData(address), 0)).toBe(address);
    }
    const enterprise = addressFromData(constr(0, [constr(0, [bytes(actors.buyer.keyHash)]), constr(1)]), 1);
    expect(enterprise.startsWith('addr1v')).toBe(true);
    expect(addressFromData(addressToData(enterprise), 1)).toBe(enterprise);
  });
});

describe('escrow datum', () => {
  it('round-trips every state through data and CBOR', () => {
    for (const state of ['FundsLocked', 'ResultSubmitted', 'RefundRequested', 'Disputed'] as const) {
      const datum = { ...sample(actors), state, resultHash: state === 'FundsLocked' ? '' : 'ab'.repeat(32) };
      expect(escrowDatumFromData(escrowDatumToData(datum), 0)).toEqual(datum);
      expect(decodeEscrowDatum(encodeEscrowDatum(datum), 0)).toEqual(datum);
    }
  });

  it('keeps the 16 fields in CONTRACT.md order', () => {
    const data = escrowDatumToData(sample(actors));
    expect('fields' in data && data.fields).toHaveLength(16);
    expect('fields' in data && data.fields[6]).toEqual(int(1_150_000n));
    expect('fields' in data && data.fields[15]).toEqual(constr(0));
  });

  it('rejects malformed datums', () => {
    const { fields } = asConstr(escrowDatumToData(sample(actors)), 'datum');
    expect(() => escrowDatumFromData(constr(0, fields.slice(0, 15)), 0)).toThrow(PlutusDataError);
    expect(() => escrowDatumFromData(constr(1, fields), 0)).toThrow(PlutusDataError);
    expect(() => escrowDatumFromData(constr(0, fields.map((f, i) => (i === 15 ? constr(4) : f))), 0)).toThrow(/state/);
    expect(() => escrowDatumFromData(constr(0, fields.map((f, i) => (i === 9 ? bytes('00') : f))), 0)).toThrow(/pay_by_time/);
    expect(() => escrowDatumFromData(constr(0, fields.map((f, i) => (i === 6 ? int(-1) : f))), 0)).toThrow(/negative/);
  });

  it('decodes the inline datum read back from chain', async () => {
    const world = makeWorld(actors);
    const terms = makeTerms(world);
    const [escrow] = await lockEscrows(world, [{ terms }]);
    const inline = escrow!.utxo.output.plutusData!;
    expect(decodeEscrowDatum(inline, 0)).toMatchObject({ ...terms, state: 'FundsLocked', resultHash: '' });
  });
});

describe('escrow redeemers', () => {
  it('round-trips every action', () => {
    const actions: EscrowAction[] = [
      { type: 'Withdraw', inputIndex: 3, feeOutputIndex: 0, buyerOutputIndex: 1 },
      { type: 'SetRefundRequested', inputIndex: 0 },
      { type: 'UnSetRefundRequested', inputIndex: 1 },
      { type: 'WithdrawRefund' },
      { type: 'WithdrawDisputed' },
      { type: 'SubmitResult', inputIndex: 29 },
      { type: 'AuthorizeRefund', inputIndex: 2 },
    ];
    expect(actions.map((a) => a.type)).toEqual([...ESCROW_ACTION_TYPES]);
    for (const action of actions) expect(decodeEscrowAction(encodeEscrowAction(action))).toEqual(action);
  });

  it('rejects unknown constructors and wrong arities', () => {
    expect(() => escrowActionFromData(constr(7))).toThrow(PlutusDataError);
    expect(() => escrowActionFromData(constr(5))).toThrow(PlutusDataError);
    expect(() => escrowActionFromData(constr(3, [int(1)]))).toThrow(PlutusDataError);
  });
});

describe('decodeEscrowTx (what the chain watcher reads from /txs/{hash}/cbor)', () => {
  it('reports per spent escrow its out-ref and redeemer, per escrow output its datum, and tagged outputs', async () => {
    const world = makeWorld(actors);
    const terms = makeTerms(world);
    const locked = await lockEscrows(world, [{ terms, price: 1_000_000n }, { terms: makeTerms(world), price: 1_000_000n }]);
    const submitted = await perform(world, 'SubmitResult', locked);
    const hash = world.source.script.hash;
    const decoded = decodeEscrowTx(submitted.built.txHex, hash, 0);
    expect(decoded.spends.map((s) => s.outRef).sort((a, b) => (a.txHash + a.outputIndex < b.txHash + b.outputIndex ? -1 : 1))).toEqual(
      locked.map((e) => e.utxo.input),
    );
    expect(decoded.spends.every((s) => s.action?.type === 'SubmitResult' && s.action.inputIndex === s.inputIndex)).toBe(true);
    expect(decoded.escrowOutputs.map((o) => o.datum?.state)).toEqual(['ResultSubmitted', 'ResultSubmitted']);
    expect(decoded.validToSlot).not.toBeNull();

    world.chain.setTimeMs(terms.unlockTime + 2n * MINUTE);
    const withdrawn = await perform(world, 'Withdraw', submitted.continuing);
    const read = decodeEscrowTx(withdrawn.built.txHex, hash, 0);
    expect(read.escrowOutputs).toEqual([]);
    expect(read.spends.map((s) => s.action?.type)).toEqual(['Withdraw', 'Withdraw']);
    const tags = read.taggedOutputs.map((o) => `${o.tag.txHash}#${o.tag.outputIndex}`);
    for (const e of submitted.continuing) {
      expect(tags.filter((t) => t === `${e.utxo.input.txHash}#${e.utxo.input.outputIndex}`)).toHaveLength(2);
    }
    expect(read.taggedOutputs.some((o) => o.address === actors.feeReceiver.address)).toBe(true);
  });

  it('flags an escrow output whose datum is not a valid escrow datum', async () => {
    const world = makeWorld(actors);
    const [escrow] = await lockEscrows(world, [{ terms: makeTerms(world) }]);
    const { built } = await perform(world, 'SubmitResult', [escrow!]);
    expect(decodeEscrowTx(built.txHex, '00'.repeat(28), 0).escrowOutputs).toEqual([]);
    expect(decodeEscrowTx(built.txHex, world.source.script.hash, 1).escrowOutputs[0]?.datum?.buyer.startsWith('addr1')).toBe(true);
  });
});
