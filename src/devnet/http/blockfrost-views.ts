import { resolveFingerprint } from '@meshsdk/core';
import { parseAddress, type AddressInfo } from '../address-info.js';
import { epochOfSlot } from '../chain-clock.js';
import type { AssetState, ChainIndex, IndexedTx } from '../chain-index.js';
import { outRefKey, type AssetAmounts, type BlockRecord, type OutRef, type OutputRecord } from '../chain-types.js';
import { redeemerFee } from '../protocol-params.js';
import { badRequest } from './blockfrost-error.js';

/** Each function writes one Blockfrost response body, field for field as Blockfrost names them. */

export function amountsView(amounts: AssetAmounts): { unit: string; quantity: string }[] {
  const lovelace = amounts.get('lovelace') ?? 0n;
  const assets = [...amounts].filter(([unit, quantity]) => unit !== 'lovelace' && quantity !== 0n).sort(([a], [b]) => (a < b ? -1 : 1));
  return [{ unit: 'lovelace', quantity: lovelace.toString() }, ...assets.map(([unit, quantity]) => ({ unit, quantity: quantity.toString() }))];
}

export function sumAmounts(outputs: readonly OutputRecord[]): AssetAmounts {
  const total: AssetAmounts = new Map([['lovelace', 0n]]);
  for (const output of outputs) {
    for (const [unit, quantity] of output.amounts) total.set(unit, (total.get(unit) ?? 0n) + quantity);
  }
  return total;
}

function lovelaceOf(outputs: readonly OutputRecord[]): bigint {
  return outputs.reduce((sum, output) => sum + (output.amounts.get('lovelace') ?? 0n), 0n);
}

export function blockView(block: BlockRecord, chain: ChainIndex): Record<string, unknown> {
  const { epoch, epochSlot } = epochOfSlot(block.slot);
  const hasTxs = block.txs.length > 0;
  return {
    time: block.time,
    height: block.height,
    hash: block.hash,
    slot: block.slot,
    epoch,
    epoch_slot: epochSlot,
    slot_leader: block.height === 0 ? 'Genesis' : 'devnet',
    size: block.txs.reduce((sum, tx) => sum + tx.size, 0),
    tx_count: block.txs.length,
    output: hasTxs ? block.txs.reduce((sum, tx) => sum + lovelaceOf(tx.outputs), 0n).toString() : null,
    fees: hasTxs ? block.txs.reduce((sum, tx) => sum + tx.fee, 0n).toString() : null,
    block_vrf: null,
    op_cert: null,
    op_cert_counter: null,
    previous_block: block.previousHash,
    next_block: chain.blocks[block.height + 1]?.hash ?? null,
    confirmations: chain.tip().height - block.height,
  };
}

/** Parses a bech32 address of this network; anything else is Blockfrost's 400. */
export function addressInfo(address: string): AddressInfo {
  const info = parseAddress(address);
  if (!info) throw badRequest('Invalid address for this network or malformed address format.');
  return info;
}

export function addressView(address: string, chain: ChainIndex): Record<string, unknown> {
  const info = addressInfo(address);
  return {
    address,
    amount: amountsView(sumAmounts(chain.unspentAt(address))),
    stake_address: info.stakeAddress,
    type: 'shelley',
    script: info.isScript,
  };
}

function datumFields(output: OutputRecord): Record<string, unknown> {
  return {
    data_hash: output.dataHash,
    inline_datum: output.inlineDatum,
    reference_script_hash: output.referenceScriptHash,
  };
}

export function addressUtxoView(output: OutputRecord, chain: ChainIndex): Record<string, unknown> {
  return {
    address: output.address,
    tx_hash: output.txHash,
    tx_index: output.index,
    output_index: output.index,
    amount: amountsView(output.amounts),
    block: chain.tx(output.txHash)?.location.blockHash ?? '',
    ...datumFields(output),
  };
}

/** Net deposit, by value conservation: what the inputs and withdrawals bring that outputs and fee do not take. */
function depositOf({ tx }: IndexedTx, chain: ChainIndex): bigint {
  if (!tx.validContract || tx.inputs.length === 0) return 0n;
  const spent = tx.inputs.flatMap((ref) => chain.output(outRefKey(ref)) ?? []);
  return lovelaceOf(spent) + tx.withdrawals - lovelaceOf(tx.outputs) - tx.fee - tx.treasuryDonation;
}

export function txContentView(indexed: IndexedTx, chain: ChainIndex): Record<string, unknown> {
  const { tx, location } = indexed;
  const counts = tx.certificateCounts;
  return {
    hash: tx.hash,
    block: location.blockHash,
    block_height: location.height,
    block_time: location.time,
    slot: location.slot,
    index: location.index,
    output_amount: amountsView(sumAmounts(tx.outputs)),
    fees: tx.fee.toString(),
    deposit: depositOf(indexed, chain).toString(),
    size: tx.size,
    invalid_before: tx.invalidBefore === null ? null : String(tx.invalidBefore),
    invalid_hereafter: tx.invalidHereafter === null ? null : String(tx.invalidHereafter),
    utxo_count: tx.inputs.length + tx.outputs.length,
    withdrawal_count: tx.withdrawalCount,
    mir_cert_count: counts.mir,
    delegation_count: counts.delegation,
    stake_cert_count: counts.stake,
    pool_update_count: counts.poolUpdate,
    pool_retire_count: counts.poolRetire,
    asset_mint_or_burn_count: tx.mint.size,
    redeemer_count: tx.redeemers.length,
    valid_contract: tx.validContract,
    treasury_donation: tx.treasuryDonation.toString(),
  };
}

export function txUtxosView({ tx }: IndexedTx, chain: ChainIndex): Record<string, unknown> {
  const input = (ref: OutRef, collateral: boolean, reference: boolean): Record<string, unknown>[] => {
    const output = chain.output(outRefKey(ref));
    if (!output) return [];
    const { address, amounts } = output;
    return [{ address, amount: amountsView(amounts), tx_hash: ref.txHash, output_index: ref.index, ...datumFields(output), collateral, reference }];
  };
  return {
    hash: tx.hash,
    inputs: [
      ...tx.inputs.flatMap((ref) => input(ref, false, false)),
      ...tx.collateralInputs.flatMap((ref) => input(ref, true, false)),
      ...tx.referenceInputs.flatMap((ref) => input(ref, false, true)),
    ],
    outputs: tx.outputs.map((output) => ({
      address: output.address,
      amount: amountsView(output.amounts),
      output_index: output.index,
      ...datumFields(output),
      collateral: output.collateral,
      consumed_by_tx: chain.consumedBy(outRefKey(output)),
    })),
  };
}

export function redeemersView({ tx }: IndexedTx, chain: ChainIndex): Record<string, unknown>[] {
  return tx.redeemers.map((redeemer) => {
    const spent = redeemer.purpose === 'spend' ? tx.inputs[redeemer.index] : undefined;
    const spentAddress = spent ? chain.output(outRefKey(spent))?.address : undefined;
    const scriptHash = redeemer.scriptHash ?? (spentAddress ? (addressInfo(spentAddress).paymentHash ?? '') : '');
    return {
      tx_index: redeemer.index,
      purpose: redeemer.purpose,
      script_hash: scriptHash,
      redeemer_data_hash: redeemer.dataHash,
      datum_hash: redeemer.dataHash,
      unit_mem: redeemer.mem.toString(),
      unit_steps: redeemer.steps.toString(),
      fee: redeemerFee(redeemer.mem, redeemer.steps).toString(),
    };
  });
}

export function assetView(asset: AssetState): Record<string, unknown> {
  return {
    asset: asset.unit,
    policy_id: asset.policyId,
    asset_name: asset.assetName === '' ? null : asset.assetName,
    fingerprint: resolveFingerprint(asset.policyId, asset.assetName),
    quantity: asset.quantity.toString(),
    initial_mint_tx_hash: asset.initialMintTx,
    mint_or_burn_count: asset.mintOrBurnCount,
    onchain_metadata: asset.onchain?.metadata ?? null,
    onchain_metadata_standard: asset.onchain?.standard ?? null,
    onchain_metadata_extra: null,
    metadata: null,
  };
}

export function txRefView(location: { txHash: string; index: number; height: number; time: number }): Record<string, unknown> {
  return { tx_hash: location.txHash, tx_index: location.index, block_height: location.height, block_time: location.time };
}
