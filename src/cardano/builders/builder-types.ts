/** Inputs every transaction builder takes explicitly: builders do no I/O of their own. */
import type { IEvaluator, UTxO } from '@meshsdk/core';
import type { ProtocolParams, SlotConfig } from '../chain-types.js';
import type { EscrowDatum } from '../contract/escrow-datum.js';
import type { EscrowScript, RegistryPolicy } from '../contract/scripts.js';

export interface ChainContext {
  readonly networkId: number;
  readonly protocolParams: ProtocolParams;
  readonly slotConfig: SlotConfig;
  /**
   * Computes the ex-units of every redeemer. Defaults to Scalus over the UTxOs the builder was
   * given (offline, exact); a provider's evaluator can be injected instead.
   */
  readonly evaluator?: IEvaluator;
}

/** The wallet that pays fees (and funds, for locks). */
export interface FundingWallet {
  /** Candidate UTxOs; the builder picks what it needs. */
  readonly utxos: readonly UTxO[];
  readonly changeAddress: string;
  /** Pure-ADA UTxO offered as collateral for script transactions (spent as an input only as a last resort). */
  readonly collateral?: UTxO;
}

/** POSIX milliseconds; rounded inwards to whole slots (see chain-types.ts toSlotWindow). */
export interface ValidityWindowMs {
  readonly fromMs: bigint;
  readonly toMs: bigint;
}

/** An escrow output as found on chain, with its decoded inline datum. */
export interface EscrowUtxo {
  readonly utxo: UTxO;
  readonly datum: EscrowDatum;
}

/** The escrow script, and optionally a UTxO that carries it as reference script (smaller txs). */
export interface EscrowScriptSource {
  readonly script: EscrowScript;
  readonly referenceUtxo?: UTxO;
}

export interface RegistryPolicySource {
  readonly policy: RegistryPolicy;
  readonly referenceUtxo?: UTxO;
}

export interface UnsignedTx {
  /** CBOR hex of the complete transaction without vkey witnesses. */
  readonly txHex: string;
  readonly fee: bigint;
}

export class TxBuildError extends Error {
  override readonly name = 'TxBuildError';
}
