/** Multi-asset arithmetic on Mesh `Asset[]` with bigint quantities ("lovelace" is ADA). */
import { getOutputMinLovelace, type Asset, type UTxO } from '@meshsdk/core';
import type { ProtocolParams } from '../chain-types.js';
import { plutusJsonToCbor, type PlutusJson } from '../contract/plutus-json.js';

export type AssetMap = Map<string, bigint>;

const normalUnit = (unit: string) => (unit === '' ? 'lovelace' : unit);

export function toAssetMap(assets: readonly Asset[]): AssetMap {
  const map: AssetMap = new Map();
  for (const a of assets) {
    const unit = normalUnit(a.unit);
    map.set(unit, (map.get(unit) ?? 0n) + BigInt(a.quantity));
  }
  return map;
}

export function toAssets(map: AssetMap): Asset[] {
  const lovelace = map.get('lovelace') ?? 0n;
  const tokens = [...map.entries()].filter(([unit, q]) => unit !== 'lovelace' && q !== 0n).sort(([a], [b]) => (a < b ? -1 : 1));
  return [{ unit: 'lovelace', quantity: lovelace.toString() }, ...tokens.map(([unit, q]) => ({ unit, quantity: q.toString() }))];
}

export function addAssetMaps(...maps: AssetMap[]): AssetMap {
  const sum: AssetMap = new Map();
  for (const map of maps) for (const [unit, q] of map) sum.set(unit, (sum.get(unit) ?? 0n) + q);
  return sum;
}

export const lovelaceOf = (assets: readonly Asset[]): bigint => toAssetMap(assets).get('lovelace') ?? 0n;

export const withLovelace = (assets: readonly Asset[], lovelace: bigint): Asset[] => {
  const map = toAssetMap(assets);
  map.set('lovelace', lovelace);
  return toAssets(map);
};

/** floor(q × permille / 1000) of every asset, dropping zeros. */
export function feeShare(assets: readonly Asset[], permille: number): AssetMap {
  const share: AssetMap = new Map();
  for (const [unit, q] of toAssetMap(assets)) {
    const part = (q * BigInt(permille)) / 1000n;
    if (part > 0n) share.set(unit, part);
  }
  return share;
}

export const utxoAssets = (utxo: UTxO): AssetMap => toAssetMap(utxo.output.amount);

/** Minimum lovelace of an output with the given inline datum (ledger rule: (160 + size) × coinsPerUTxOByte). */
export function minLovelace(params: ProtocolParams, address: string, assets: readonly Asset[], datum?: PlutusJson): bigint {
  return getOutputMinLovelace(
    {
      address,
      amount: [...assets],
      ...(datum === undefined ? {} : { datum: { type: 'Inline', data: { type: 'CBOR', content: plutusJsonToCbor(datum) } } }),
    },
    params.coinsPerUtxoSize,
  );
}

/** The assets with lovelace raised to the output's minimum if needed. */
export function atLeastMinUtxo(params: ProtocolParams, address: string, assets: readonly Asset[], datum?: PlutusJson): Asset[] {
  const required = minLovelace(params, address, assets, datum);
  return lovelaceOf(assets) >= required ? [...assets] : withLovelace(assets, required);
}
