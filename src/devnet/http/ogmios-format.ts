import { Cardano, Hash32ByteBase16, HexBlob, Serialization } from '@meshsdk/core-cst';
import { outRefKey } from '../chain-types.js';
import { text } from '../sdk-values.js';
import type { EvaluationOutcome } from '../evaluator.js';
import { badRequest } from './blockfrost-error.js';

/** Ogmios v5 names redeemer purposes differently from the ledger (and from v6). */
const V5_PURPOSE: Record<string, string> = { spend: 'spend', mint: 'mint', cert: 'certificate', reward: 'withdrawal', voting: 'vote', proposing: 'propose' };
const V6_PURPOSE: Record<string, string> = { spend: 'spend', mint: 'mint', cert: 'publish', reward: 'withdraw', voting: 'vote', proposing: 'propose' };

/**
 * Blockfrost's /utils/txs/evaluate answers 200 with Ogmios' own response, success or failure:
 * the JSON-WSP envelope of Ogmios v5 by default, JSON-RPC for `?version=6`.
 * Mesh's BlockfrostProvider.evaluateTx reads `result.EvaluationResult["spend:0"].{memory,steps}`.
 */
export function ogmiosResponse(outcome: EvaluationOutcome, version: 5 | 6): Record<string, unknown> {
  return version === 6 ? ogmiosV6(outcome) : ogmiosV5(outcome);
}

function ogmiosV5(outcome: EvaluationOutcome): Record<string, unknown> {
  const envelope = { type: 'jsonwsp/response', version: '1.0', servicename: 'ogmios', methodname: 'EvaluateTx' };
  if (outcome.ok) {
    const results = Object.fromEntries(
      outcome.budgets.map((b) => [`${V5_PURPOSE[b.tag] ?? b.tag}:${b.index}`, { memory: Number(b.memory), steps: Number(b.steps) }]),
    );
    return { ...envelope, result: { EvaluationResult: results }, reflection: null };
  }
  if (outcome.kind === 'unknown-inputs') {
    const missing = outcome.missing.map((ref) => ({ txId: ref.txHash, index: ref.index }));
    return { ...envelope, result: { EvaluationFailure: { UnknownInputs: missing } }, reflection: null };
  }
  const failure =
    outcome.kind === 'script-failure'
      ? { ScriptFailures: { error: outcome.message, traces: outcome.logs } }
      : { CannotCreateEvaluationContext: { reason: outcome.message } };
  return { ...envelope, result: { EvaluationFailure: failure }, reflection: null };
}

function ogmiosV6(outcome: EvaluationOutcome): Record<string, unknown> {
  const envelope = { jsonrpc: '2.0', method: 'evaluateTransaction', id: null };
  if (outcome.ok) {
    const result = outcome.budgets.map((b) => ({
      validator: { index: b.index, purpose: V6_PURPOSE[b.tag] ?? b.tag },
      budget: { memory: Number(b.memory), cpu: Number(b.steps) },
    }));
    return { ...envelope, result };
  }
  if (outcome.kind === 'unknown-inputs') {
    const data = outcome.missing.map((ref) => ({ transaction: { id: ref.txHash }, index: ref.index }));
    return { ...envelope, error: { code: 3004, message: 'Unknown transaction inputs.', data } };
  }
  const code = outcome.kind === 'script-failure' ? 3010 : 3004;
  return { ...envelope, error: { code, message: outcome.message, data: { traces: outcome.logs } } };
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quantity(value: unknown, field: string): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
  throw badRequest(`additionalUtxoSet: ${field} must be a non-negative integer`);
}

/**
 * Assets as Ogmios v5 writes them (`assets: {"policy.name": n}`) or as Mesh's BlockfrostProvider
 * sends them (`{policy: {name: n}}` beside `coins`).
 */
function assetsOf(value: Json): Map<Cardano.AssetId, bigint> {
  const assets = new Map<Cardano.AssetId, bigint>();
  const add = (policy: string, name: string, amount: unknown): void => {
    assets.set(Cardano.AssetId(`${policy}${name}`), quantity(amount, `asset ${policy}${name}`));
  };
  for (const [key, entry] of Object.entries(value)) {
    if (key === 'coins') continue;
    if (key === 'assets' && isRecord(entry)) {
      for (const [unit, amount] of Object.entries(entry)) {
        const [policy = '', name = ''] = unit.split('.');
        add(policy, name, amount);
      }
    } else if (/^[0-9a-f]{56}$/i.test(key) && isRecord(entry)) {
      for (const [name, amount] of Object.entries(entry)) add(key, name, amount);
    }
  }
  return assets;
}

/** Ogmios v5 `[TxIn, TxOut]` pairs → output CBOR by `txHash#index`. */
export function additionalUtxos(raw: unknown): Map<string, string> {
  const utxos = new Map<string, string>();
  if (raw === undefined || raw === null) return utxos;
  if (!Array.isArray(raw)) throw badRequest('additionalUtxoSet must be an array of [TxIn, TxOut] pairs');
  for (const pair of raw as unknown[]) {
    const [txIn, txOut]: unknown[] = Array.isArray(pair) ? (pair as unknown[]) : [];
    if (!isRecord(txIn) || !isRecord(txOut) || typeof txOut['address'] !== 'string' || !isRecord(txOut['value'])) {
      throw badRequest('additionalUtxoSet entries must be [{txId, index}, {address, value}]');
    }
    const value = txOut['value'];
    const output = new Serialization.TransactionOutput(
      Cardano.Address.fromBech32(txOut['address']),
      Serialization.Value.fromCore({ coins: quantity(value['coins'], 'coins'), assets: assetsOf(value) }),
    );
    const datumHash = txOut['datumHash'] ?? txOut['datum_hash'];
    if (typeof datumHash === 'string') output.setDatum(Serialization.Datum.fromCore(Hash32ByteBase16(datumHash)));
    if (typeof txOut['datum'] === 'string') {
      output.setDatum(Serialization.Datum.newInlineData(Serialization.PlutusData.fromCbor(HexBlob(txOut['datum']))));
    }
    const txId = txIn['txId'];
    if (typeof txId !== 'string' || !Number.isInteger(txIn['index'])) throw badRequest('additionalUtxoSet: TxIn must be {txId, index}');
    utxos.set(outRefKey({ txHash: txId, index: Number(txIn['index']) }), text(output.toCbor()));
  }
  return utxos;
}
