/**
 * The ledger orders a transaction's inputs by (tx id, output index); redeemers name an
 * escrow's position in that order. Wallet inputs are chosen before positions are computed.
 */
import type { UTxO } from '@meshsdk/core';
import { TxBuildError, type FundingWallet } from './builder-types.js';
import { addAssetMaps, utxoAssets, type AssetMap } from './value.js';

export const outRefKey = (utxo: UTxO): string => `${utxo.input.txHash}#${utxo.input.outputIndex}`;

export function compareOutRefs(a: UTxO, b: UTxO): number {
  const ha = a.input.txHash.toLowerCase();
  const hb = b.input.txHash.toLowerCase();
  if (ha !== hb) return ha < hb ? -1 : 1;
  return a.input.outputIndex - b.input.outputIndex;
}

/** Position of every input in the ledger's order. */
export function inputPositions(inputs: readonly UTxO[]): Map<string, number> {
  const sorted = [...inputs].sort(compareOutRefs);
  const positions = new Map<string, number>();
  sorted.forEach((utxo, i) => positions.set(outRefKey(utxo), i));
  if (positions.size !== inputs.length) throw new TxBuildError('the same UTxO is spent twice');
  return positions;
}

export function positionOf(positions: Map<string, number>, utxo: UTxO): number {
  const position = positions.get(outRefKey(utxo));
  if (position === undefined) throw new TxBuildError(`${outRefKey(utxo)} is not an input`);
  return position;
}

/** Lovelace kept aside for the fee and a change output on top of what the outputs need. */
export const FEE_AND_CHANGE_RESERVE = 5_000_000n;

/**
 * Picks wallet UTxOs that cover `needed` (per unit; lovelace plus the reserve): first those
 * holding a needed token, then ADA-only ones, largest first, the collateral last.
 */
export function selectFunding(wallet: FundingWallet, needed: AssetMap): UTxO[] {
  const collateralKey = wallet.collateral === undefined ? undefined : outRefKey(wallet.collateral);
  // The collateral UTxO may also be spent (the ledger allows it); it is only taken last, so a
  // wallet with a single UTxO can still pay.
  const candidates = [...wallet.utxos.filter((u) => outRefKey(u) !== collateralKey), ...wallet.utxos.filter((u) => outRefKey(u) === collateralKey)];
  const target = new Map(needed);
  target.set('lovelace', (target.get('lovelace') ?? 0n) + FEE_AND_CHANGE_RESERVE);
  const chosen: UTxO[] = [];
  let held: AssetMap = new Map();
  const missing = () => [...target].filter(([unit, q]) => q > 0n && (held.get(unit) ?? 0n) < q).map(([unit]) => unit);
  const take = (utxo: UTxO) => {
    chosen.push(utxo);
    held = addAssetMaps(held, utxoAssets(utxo));
  };
  for (const unit of missing().filter((u) => u !== 'lovelace')) {
    for (const utxo of candidates) {
      if ((held.get(unit) ?? 0n) >= (target.get(unit) ?? 0n)) break;
      if (!chosen.includes(utxo) && (utxoAssets(utxo).get(unit) ?? 0n) > 0n) take(utxo);
    }
  }
  const byLovelace = candidates
    .filter((u) => !chosen.includes(u))
    .sort((a, b) => {
      const tokensA = utxoAssets(a).size > 1 ? 1 : 0;
      const tokensB = utxoAssets(b).size > 1 ? 1 : 0;
      if (tokensA !== tokensB) return tokensA - tokensB;
      const lastA = outRefKey(a) === collateralKey ? 1 : 0;
      const lastB = outRefKey(b) === collateralKey ? 1 : 0;
      if (lastA !== lastB) return lastA - lastB;
      const la = utxoAssets(a).get('lovelace') ?? 0n;
      const lb = utxoAssets(b).get('lovelace') ?? 0n;
      return la > lb ? -1 : la < lb ? 1 : 0;
    });
  for (const utxo of byLovelace) {
    if (missing().length === 0) break;
    take(utxo);
  }
  if (missing().length > 0) throw new TxBuildError(`wallet cannot cover ${missing().join(', ')}`);
  return chosen;
}
