import { cip25Metadata, type OnchainMetadata } from './chain-json.js';
import {
  outRefKey,
  type BlockRecord,
  type DecodedTx,
  type OutRefKey,
  type OutputRecord,
  type ScriptRecord,
} from './chain-types.js';

/** Where a transaction sits in the chain. */
export interface TxLocation {
  readonly txHash: string;
  readonly height: number;
  readonly blockHash: string;
  readonly slot: number;
  readonly time: number;
  /** Position of the transaction within its block. */
  readonly index: number;
}

export interface IndexedTx {
  readonly tx: DecodedTx;
  readonly location: TxLocation;
}

export interface AssetState {
  readonly unit: string;
  readonly policyId: string;
  readonly assetName: string;
  quantity: bigint;
  readonly initialMintTx: string;
  mintOrBurnCount: number;
  onchain: OnchainMetadata | null;
  readonly history: { txHash: string; action: 'minted' | 'burned'; amount: bigint }[];
  readonly txs: TxLocation[];
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/**
 * Everything the Blockfrost routes read, derived from the blocks alone. It is only ever extended
 * block by block; a rollback rebuilds it from the surviving blocks, so no index can disagree with them.
 */
export class ChainIndex {
  readonly blocks: BlockRecord[] = [];
  private readonly blockByHash = new Map<string, BlockRecord>();
  private readonly txs = new Map<string, IndexedTx>();
  private readonly outputs = new Map<OutRefKey, OutputRecord>();
  private readonly spentBy = new Map<OutRefKey, string>();
  /** Insertion order is chain order, which is the order Blockfrost lists UTxOs in. */
  private readonly unspentByAddress = new Map<string, Set<OutRefKey>>();
  private readonly unspentByAsset = new Map<string, Set<OutRefKey>>();
  private readonly addressTxs = new Map<string, TxLocation[]>();
  private readonly assets = new Map<string, AssetState>();
  private readonly policyAssets = new Map<string, string[]>();
  private readonly scripts = new Map<string, ScriptRecord>();
  private readonly datums = new Map<string, string>();

  static fromBlocks(blocks: readonly BlockRecord[]): ChainIndex {
    const index = new ChainIndex();
    for (const block of blocks) index.applyBlock(block);
    return index;
  }

  applyBlock(block: BlockRecord): void {
    this.blocks.push(block);
    this.blockByHash.set(block.hash, block);
    block.txs.forEach((tx, position) => {
      const location: TxLocation = {
        txHash: tx.hash,
        height: block.height,
        blockHash: block.hash,
        slot: block.slot,
        time: block.time,
        index: position,
      };
      this.applyTx(tx, location);
    });
  }

  private applyTx(tx: DecodedTx, location: TxLocation): void {
    this.txs.set(tx.hash, { tx, location });
    const addresses = new Set<string>();
    for (const ref of tx.validContract ? tx.inputs : tx.collateralInputs) {
      const key = outRefKey(ref);
      const spent = this.outputs.get(key);
      this.spentBy.set(key, tx.hash);
      if (!spent) continue;
      addresses.add(spent.address);
      this.unspentByAddress.get(spent.address)?.delete(key);
      for (const unit of spent.amounts.keys()) this.unspentByAsset.get(unit)?.delete(key);
    }
    const assetsSeen = new Set<string>();
    for (const output of tx.outputs) {
      const key = outRefKey(output);
      this.outputs.set(key, output);
      addresses.add(output.address);
      addTo(this.unspentByAddress, output.address, key);
      for (const unit of output.amounts.keys()) {
        if (unit === 'lovelace') continue;
        addTo(this.unspentByAsset, unit, key);
        assetsSeen.add(unit);
      }
    }
    for (const address of addresses) pushTo(this.addressTxs, address, location);
    if (tx.validContract) this.applyMint(tx, assetsSeen);
    for (const unit of assetsSeen) this.assets.get(unit)?.txs.push(location);
    for (const script of tx.scripts) this.scripts.set(script.hash, script);
    for (const [hash, cbor] of tx.datums) this.datums.set(hash, cbor);
  }

  /** Adds the minted units to `assetsSeen`, so a burn also lists the transaction under its asset. */
  private applyMint(tx: DecodedTx, assetsSeen: Set<string>): void {
    const label721 = tx.metadata.find((entry) => entry.label === '721')?.json;
    for (const [unit, quantity] of tx.mint) {
      const policyId = unit.slice(0, 56);
      const assetName = unit.slice(56);
      let asset = this.assets.get(unit);
      if (!asset) {
        asset = {
          unit,
          policyId,
          assetName,
          quantity: 0n,
          initialMintTx: tx.hash,
          mintOrBurnCount: 0,
          onchain: null,
          history: [],
          txs: [],
        };
        this.assets.set(unit, asset);
        pushTo(this.policyAssets, policyId, unit);
      }
      asset.quantity += quantity;
      asset.mintOrBurnCount += 1;
      asset.history.push({ txHash: tx.hash, action: quantity > 0n ? 'minted' : 'burned', amount: quantity < 0n ? -quantity : quantity });
      if (quantity > 0n && label721 !== undefined) {
        asset.onchain = cip25Metadata(label721, policyId, assetName) ?? asset.onchain;
      }
      assetsSeen.add(unit);
    }
  }

  tip(): BlockRecord {
    const tip = this.blocks[this.blocks.length - 1];
    if (!tip) throw new Error('the chain has no genesis block');
    return tip;
  }

  /** A block by hash or by height (Blockfrost accepts both in one path segment). */
  block(hashOrNumber: string): BlockRecord | undefined {
    if (hashOrNumber.length < 64 && /^\d+$/.test(hashOrNumber)) return this.blocks[Number(hashOrNumber)];
    return this.blockByHash.get(hashOrNumber.toLowerCase());
  }

  tx(hash: string): IndexedTx | undefined {
    return this.txs.get(hash.toLowerCase());
  }

  output(key: OutRefKey): OutputRecord | undefined {
    return this.outputs.get(key);
  }

  consumedBy(key: OutRefKey): string | null {
    return this.spentBy.get(key) ?? null;
  }

  knowsAddress(address: string): boolean {
    return this.addressTxs.has(address);
  }

  unspentAt(address: string): OutputRecord[] {
    return this.recordsOf(this.unspentByAddress.get(address));
  }

  unspentWithAsset(unit: string): OutputRecord[] {
    return this.recordsOf(this.unspentByAsset.get(unit));
  }

  /** Every unspent output, in chain order: compared with the emulator's UTxO set by the consistency check. */
  allUnspent(): OutputRecord[] {
    return [...this.unspentByAddress.values()].flatMap((keys) => this.recordsOf(keys));
  }

  private recordsOf(keys: Set<OutRefKey> | undefined): OutputRecord[] {
    return [...(keys ?? [])].flatMap((key) => this.outputs.get(key) ?? []);
  }

  transactionsOf(address: string): readonly TxLocation[] {
    return this.addressTxs.get(address) ?? [];
  }

  asset(unit: string): AssetState | undefined {
    return this.assets.get(unit.toLowerCase());
  }

  assetsOfPolicy(policyId: string): AssetState[] {
    return (this.policyAssets.get(policyId.toLowerCase()) ?? []).flatMap((unit) => this.assets.get(unit) ?? []);
  }

  script(hash: string): ScriptRecord | undefined {
    return this.scripts.get(hash.toLowerCase());
  }

  datum(hash: string): string | undefined {
    return this.datums.get(hash.toLowerCase());
  }
}
