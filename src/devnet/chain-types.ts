/** Units are `lovelace` or policy id + asset name hex, as Blockfrost writes them. */
export type AssetAmounts = Map<string, bigint>;

/** `txHash#index`: the key of an output in every index. */
export type OutRefKey = string;

export interface OutRef {
  readonly txHash: string;
  readonly index: number;
}

export interface OutputRecord {
  readonly txHash: string;
  readonly index: number;
  readonly address: string;
  readonly amounts: AssetAmounts;
  readonly dataHash: string | null;
  readonly inlineDatum: string | null;
  readonly referenceScriptHash: string | null;
  /** Ledger CBOR of the output, so evaluation sees it exactly as written. */
  readonly cbor: string;
  /** A collateral return output (only created when the transaction's scripts failed). */
  readonly collateral: boolean;
}

export interface ScriptRecord {
  readonly hash: string;
  readonly type: 'timelock' | 'plutusV1' | 'plutusV2' | 'plutusV3';
  /** Plutus: the script bytes as one CBOR byte string; native: the script's CBOR. */
  readonly cbor: string;
  readonly serialisedSize: number | null;
}

export interface RedeemerRecord {
  readonly purpose: 'spend' | 'mint' | 'cert' | 'reward' | 'vote' | 'propose';
  readonly index: number;
  /** Null for spend redeemers: the script is the spent output's, resolved through the index. */
  readonly scriptHash: string | null;
  readonly dataHash: string;
  readonly mem: bigint;
  readonly steps: bigint;
}

export interface MetadataEntry {
  readonly label: string;
  readonly json: unknown;
}

/** What the index needs from one transaction; decoded once, at submission. */
export interface DecodedTx {
  readonly hash: string;
  readonly cbor: string;
  readonly size: number;
  readonly fee: bigint;
  /** Lovelace withdrawn from reward accounts (it enters the transaction like an input). */
  readonly withdrawals: bigint;
  readonly invalidBefore: number | null;
  readonly invalidHereafter: number | null;
  readonly validContract: boolean;
  readonly inputs: readonly OutRef[];
  readonly collateralInputs: readonly OutRef[];
  readonly referenceInputs: readonly OutRef[];
  /** Outputs the transaction creates: its outputs, or only the collateral return when its scripts failed. */
  readonly outputs: readonly OutputRecord[];
  readonly mint: ReadonlyMap<string, bigint>;
  readonly metadata: readonly MetadataEntry[];
  readonly redeemers: readonly RedeemerRecord[];
  readonly scripts: readonly ScriptRecord[];
  /** Datum hash → datum CBOR, from the witness set and inline datums. */
  readonly datums: ReadonlyMap<string, string>;
  readonly withdrawalCount: number;
  readonly certificateCounts: CertificateCounts;
  readonly treasuryDonation: bigint;
}

export interface CertificateCounts {
  readonly stake: number;
  readonly delegation: number;
  readonly poolUpdate: number;
  readonly poolRetire: number;
  readonly mir: number;
}

export interface BlockRecord {
  readonly height: number;
  readonly hash: string;
  readonly slot: number;
  /** Unix seconds. */
  readonly time: number;
  readonly previousHash: string | null;
  readonly txs: readonly DecodedTx[];
}

export function outRefKey(ref: OutRef): OutRefKey {
  return `${ref.txHash}#${ref.index}`;
}
