import type { UTxO } from '@meshsdk/core';
import type { ProtocolParams, SlotConfig } from './chain-types.js';

export interface ChainTip {
  height: number;
  hash: string;
  slot: number;
  /** POSIX ms of the block */
  time: bigint;
}

export interface AddressTransaction {
  txHash: string;
  blockHeight: number;
  txIndex: number;
  blockTime: bigint;
}

/** A UTxO as GET /utxos shows it (Masumi's shape). */
export interface UtxoView {
  txHash: string;
  outputIndex: number;
  address: string;
  amounts: { unit: string; quantity: string }[];
  dataHash: string | null;
  inlineDatum: string | null;
  referenceScriptHash: string | null;
  block: string;
}

export interface AssetView {
  unit: string;
  policyId: string;
  assetName: string;
  quantity: bigint;
  initialMintTxHash: string;
  onchainMetadata: unknown;
}

/** Read access to one network through a Blockfrost-compatible API. A fault is an error, never "empty". */
export interface Chain {
  readonly kind: 'devnet' | 'blockfrost';
  readonly networkId: 0 | 1;
  tip(): Promise<ChainTip>;
  slotConfig(): Promise<SlotConfig>;
  protocolParams(): Promise<ProtocolParams>;
  /** Every UTxO at the address (all pages). */
  utxos(address: string): Promise<UTxO[]>;
  utxoPage(address: string, page: { count: number; page: number; order: 'asc' | 'desc' }): Promise<UtxoView[]>;
  /** Transactions touching the address at or after `fromHeight`, oldest first. */
  addressTransactions(address: string, fromHeight: number, page: number, count: number): Promise<AddressTransaction[]>;
  /** null when the chain does not know the transaction (not yet, or rolled back). */
  txCbor(hash: string): Promise<string | null>;
  txBlock(hash: string): Promise<{ blockHeight: number; blockTime: bigint } | null>;
  /** Spent (not collateral, not reference) inputs and all outputs of a transaction; null when unknown. */
  txUtxos(hash: string): Promise<{ inputs: UTxO[]; outputs: UTxO[] } | null>;
  asset(unit: string): Promise<AssetView | null>;
  assetHolders(unit: string): Promise<{ address: string; quantity: bigint }[]>;
  submit(txCbor: string): Promise<string>;
}

export class ChainError extends Error {
  override readonly name = 'ChainError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The ledger refused a submitted transaction (bad tx, spent inputs, too little ADA…): not a provider fault. */
export class TxRejectedError extends ChainError {}
