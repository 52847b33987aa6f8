import { Cardano, Serialization } from '@meshsdk/core-cst';
import { metadatumToJson } from './chain-json.js';
import { optionalNumber, optionalText, text } from './sdk-values.js';
import { hexOf } from './utxo-cbor.js';
import type {
  AssetAmounts,
  CertificateCounts,
  DecodedTx,
  MetadataEntry,
  OutRef,
  OutputRecord,
  RedeemerRecord,
  ScriptRecord,
} from './chain-types.js';

type TxOutput = Serialization.TransactionOutput;


const REDEEMER_PURPOSES = ['spend', 'mint', 'cert', 'reward', 'vote', 'propose'] as const;

/** Ledger order of inputs (by transaction id, then index): spend redeemers point into it. */
export function compareOutRefs(a: OutRef, b: OutRef): number {
  if (a.txHash !== b.txHash) return a.txHash < b.txHash ? -1 : 1;
  return a.index - b.index;
}

export function outRefs(set: ReturnType<Serialization.TransactionBody['collateral']>): OutRef[] {
  if (!set) return [];
  return set
    .values()
    .map((input) => ({ txHash: text(input.transactionId()), index: Number(input.index()) }))
    .sort(compareOutRefs);
}

export function amountsOf(value: Serialization.Value): AssetAmounts {
  const amounts: AssetAmounts = new Map([['lovelace', value.coin()]]);
  for (const [assetId, quantity] of value.multiasset() ?? []) amounts.set(text(assetId), quantity);
  return amounts;
}

export function outputRecord(output: TxOutput, txHash: string, index: number, collateral: boolean): OutputRecord {
  const datum = output.datum();
  const inline = datum?.kind() === Serialization.DatumKind.InlineData ? datum.asInlineData() : undefined;
  return {
    txHash,
    index,
    address: text(output.address().toBech32()),
    amounts: amountsOf(output.amount()),
    // Blockfrost also gives the hash of an inline datum.
    dataHash: inline ? text(inline.hash()) : optionalText(datum?.asDataHash()),
    inlineDatum: inline ? text(inline.toCbor()) : null,
    referenceScriptHash: optionalText(output.scriptRef()?.hash()),
    cbor: text(output.toCbor()),
    collateral,
  };
}

export function scriptRecord(script: Serialization.Script): ScriptRecord {
  const hash = text(script.hash());
  const plutus = script.asPlutusV1() ?? script.asPlutusV2() ?? script.asPlutusV3();
  if (!plutus) return { hash, type: 'timelock', cbor: optionalText(script.asNative()?.toCbor()) ?? '', serialisedSize: null };
  const type = script.asPlutusV3() ? 'plutusV3' : script.asPlutusV2() ? 'plutusV2' : 'plutusV1';
  return { hash, type, cbor: text(plutus.toCbor()), serialisedSize: text(plutus.rawBytes()).length / 2 };
}

function witnessScripts(witnesses: Serialization.TransactionWitnessSet): Serialization.Script[] {
  return [
    ...(witnesses.nativeScripts()?.values() ?? []).map((s) => Serialization.Script.newNativeScript(s)),
    ...(witnesses.plutusV1Scripts()?.values() ?? []).map((s) => Serialization.Script.newPlutusV1Script(s)),
    ...(witnesses.plutusV2Scripts()?.values() ?? []).map((s) => Serialization.Script.newPlutusV2Script(s)),
    ...(witnesses.plutusV3Scripts()?.values() ?? []).map((s) => Serialization.Script.newPlutusV3Script(s)),
  ];
}

function metadataOf(tx: Serialization.Transaction): MetadataEntry[] {
  const blob = tx.auxiliaryData()?.metadata()?.toCore();
  if (!blob) return [];
  return [...blob]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([label, value]) => ({ label: label.toString(), json: metadatumToJson(value) }));
}

function certificateCounts(certs: readonly Cardano.Certificate[]): CertificateCounts {
  const T = Cardano.CertificateType;
  const count = (...types: Cardano.CertificateType[]): number =>
    certs.filter((cert) => types.includes(cert.__typename)).length;
  return {
    stake: count(T.StakeRegistration, T.StakeDeregistration, T.Registration, T.Unregistration),
    delegation: count(T.StakeDelegation, T.StakeVoteDelegation, T.StakeRegistrationDelegation, T.StakeVoteRegistrationDelegation),
    poolUpdate: count(T.PoolRegistration),
    poolRetire: count(T.PoolRetirement),
    mir: count(T.MIR),
  };
}

/**
 * The script a non-spend redeemer runs, from the transaction alone. Spend redeemers need the spent
 * output's address, which only the index knows, so they are left null here.
 */
function redeemerScriptHash(
  purpose: RedeemerRecord['purpose'],
  index: number,
  body: Serialization.TransactionBody,
  certs: readonly Cardano.Certificate[],
): string | null {
  if (purpose === 'mint') {
    const policies = [...new Set([...(body.mint() ?? new Map<Cardano.AssetId, bigint>()).keys()].map((id) => text(id).slice(0, 56)))].sort();
    return policies[index] ?? '';
  }
  if (purpose === 'reward') {
    const accounts = [...(body.withdrawals() ?? new Map<Cardano.RewardAccount, bigint>()).keys()].map((account) => text(Cardano.RewardAccount.toHash(account)));
    return accounts.sort()[index] ?? '';
  }
  if (purpose === 'cert') {
    const cert = certs[index];
    return cert && 'stakeCredential' in cert ? (optionalText(cert.stakeCredential?.hash) ?? '') : '';
  }
  return purpose === 'spend' ? null : '';
}

/** Decodes a submitted transaction into what the index and the routes need. Throws on malformed CBOR. */
export function decodeTx(bytes: Uint8Array): DecodedTx {
  const cbor = hexOf(bytes);
  const tx = Serialization.Transaction.fromCbor(Serialization.TxCBOR(cbor));
  const body = tx.body();
  const hash = text(tx.getId());
  const validContract = tx.isValid();
  const witnesses = tx.witnessSet();
  const certs = body.certs()?.toCore() ?? [];

  const collateralReturn = body.collateralReturn();
  const outputs = validContract
    ? body.outputs().map((output, index) => outputRecord(output, hash, index, false))
    : collateralReturn
      ? [outputRecord(collateralReturn, hash, body.outputs().length, true)]
      : [];

  const scripts = new Map<string, ScriptRecord>();
  for (const script of witnessScripts(witnesses)) scripts.set(text(script.hash()), scriptRecord(script));
  for (const output of body.outputs()) {
    const ref = output.scriptRef();
    if (ref) scripts.set(text(ref.hash()), scriptRecord(ref));
  }

  const datums = new Map<string, string>();
  for (const data of witnesses.plutusData()?.values() ?? []) datums.set(text(data.hash()), text(data.toCbor()));
  for (const output of outputs) {
    if (output.inlineDatum && output.dataHash) datums.set(output.dataHash, output.inlineDatum);
  }

  const redeemers = (witnesses.redeemers()?.values() ?? []).map((redeemer): RedeemerRecord => {
    const purpose = REDEEMER_PURPOSES[redeemer.tag()] ?? 'spend';
    const index = Number(redeemer.index());
    return {
      purpose,
      index,
      scriptHash: redeemerScriptHash(purpose, index, body, certs),
      dataHash: text(redeemer.data().hash()),
      mem: redeemer.exUnits().mem(),
      steps: redeemer.exUnits().steps(),
    };
  });

  const withdrawals = body.withdrawals() ?? new Map<Cardano.RewardAccount, bigint>();
  return {
    hash,
    cbor,
    size: bytes.length,
    fee: body.fee(),
    withdrawals: [...withdrawals.values()].reduce((sum, amount) => sum + amount, 0n),
    invalidBefore: optionalNumber(body.validityStartInterval()),
    invalidHereafter: optionalNumber(body.ttl()),
    validContract,
    inputs: outRefs(body.inputs()),
    collateralInputs: outRefs(body.collateral()),
    referenceInputs: outRefs(body.referenceInputs()),
    outputs,
    mint: new Map([...(body.mint() ?? new Map<Cardano.AssetId, bigint>())].map(([id, qty]) => [text(id), qty])),
    metadata: metadataOf(tx),
    redeemers,
    scripts: [...scripts.values()],
    datums,
    withdrawalCount: withdrawals.size,
    certificateCounts: certificateCounts(certs),
    treasuryDonation: body.donation() ?? 0n,
  };
}
