import scalus, { type Emulator } from 'scalus';
import { ChainIndex } from './chain-index.js';
import type { ChainClock } from './chain-clock.js';
import { outRefKey, type BlockRecord, type DecodedTx, type OutputRecord } from './chain-types.js';
import { decodeTx } from './tx-decoder.js';
import { blake2b256Hex, decodeUtxoEntries, encodeUtxoMap, utxoKeys, type LedgerUtxo } from './utxo-cbor.js';

export type RollbackMode = 'mempool' | 'discard';

export type SubmitOutcome = { ok: true; txHash: string } | { ok: false; error: string };

export interface DroppedTx {
  readonly txHash: string;
  readonly reason: string;
}

export class LedgerError extends Error {}

/** Where committed changes are made durable; each call returns only once they are (or throws, and the change is not made). */
export interface LedgerJournal {
  block(block: BlockRecord): void;
  rollback(blocks: number): void;
}

/** A block as the journal holds it: enough to forge exactly the same block again. */
export interface JournalledBlock {
  readonly height: number;
  readonly slot: number;
  readonly time: number;
  readonly hash: string;
  readonly txs: readonly string[];
}

function bytesOf(tx: DecodedTx): Uint8Array {
  return Buffer.from(tx.cbor, 'hex');
}

/**
 * The chain: the Scalus emulator validates, this class orders. `confirmed` is the ledger state
 * after the tip block, `pending` is that state plus the mempool (so a submission is validated
 * against everything before it, as a node's mempool does). Each block keeps a snapshot of the state
 * after it, so a rollback restores the emulator exactly and re-derives the index from the blocks left.
 */
export class Ledger {
  private index: ChainIndex;
  private confirmed: Emulator;
  /** Taken from `confirmed` when first needed: most blocks are followed by no submission at all. */
  private pendingState: Emulator | undefined;
  private mempool: DecodedTx[] = [];
  private readonly states = new Map<number, Emulator>();
  /** Committed blocks, rolled-back ones included: part of every block hash, so replaying the journal restores it. */
  private blocksMade = 0;
  private readonly recentlyDropped: DroppedTx[] = [];
  private journal: LedgerJournal | undefined;

  constructor(
    private readonly clock: ChainClock,
    genesis: DecodedTx,
    readonly securityParam: number,
  ) {
    const { zeroTime, zeroSlot, slotLength } = clock.slotConfig;
    this.confirmed = new scalus.Emulator(
      encodeUtxoMap(genesis.outputs.map((output) => ({ ref: output, outputCbor: output.cbor }))),
      new scalus.SlotConfig(zeroTime, zeroSlot, slotLength),
    );
    const block: BlockRecord = {
      height: 0,
      hash: this.blockHash(null, 0, 0, [genesis.hash]),
      slot: 0,
      time: clock.slotTimeSeconds(0),
      previousHash: null,
      txs: [genesis],
    };
    this.blocksMade = 1;
    this.index = ChainIndex.fromBlocks([block]);
    this.states.set(0, this.confirmed);
  }

  /** From now on every block and rollback is journalled before it takes effect (attach after replaying). */
  journalTo(journal: LedgerJournal): void {
    this.journal = journal;
  }

  private get pending(): Emulator {
    this.pendingState ??= this.confirmed.snapshot();
    return this.pendingState;
  }

  get chain(): ChainIndex {
    return this.index;
  }

  mempoolTxs(): readonly DecodedTx[] {
    return this.mempool;
  }

  /** Transactions that left the mempool without a block (re-validation failed, dropped by hand). */
  droppedTxs(): readonly DroppedTx[] {
    return this.recentlyDropped;
  }

  /** Validates against the tip plus the mempool at the current slot; only a valid transaction enters the mempool. */
  submit(bytes: Uint8Array): SubmitOutcome {
    let tx: DecodedTx;
    try {
      tx = decodeTx(bytes);
    } catch (error) {
      return { ok: false, error: `transaction could not be decoded: ${(error as Error).message}` };
    }
    this.pending.setSlot(this.clock.currentSlot());
    const result = this.pending.submitTx(bytes);
    if (!result.isSuccess) return { ok: false, error: result.error ?? 'transaction rejected by the ledger' };
    this.mempool.push(tx);
    return { ok: true, txHash: tx.hash };
  }

  /** Forges the next block from the mempool; transactions no longer valid (e.g. expired) are dropped. */
  produceBlock(): BlockRecord {
    const tip = this.index.tip();
    const slot = Math.max(this.clock.currentSlot(), tip.slot);
    const next = this.confirmed.snapshot();
    next.setSlot(slot);
    const included: DecodedTx[] = [];
    for (const tx of this.mempool) {
      const result = next.submitTx(bytesOf(tx));
      if (result.isSuccess) included.push(tx);
      else this.noteDropped(tx.hash, result.error ?? 'rejected');
    }
    const block = this.nextBlock(tip, slot, included);
    this.journal?.block(block);
    // An empty block leaves the ledger state as it was: share the snapshot instead of copying it.
    this.commit(block, included.length > 0 ? next : this.confirmed);
    this.mempool = [];
    this.pendingState = undefined;
    return block;
  }

  /**
   * Forges a journalled block again: its transactions, in order, at its slot. The emulator is
   * deterministic, so each must pass as it did, and the block must come out with the same hash.
   */
  replayBlock(entry: JournalledBlock): BlockRecord {
    const tip = this.index.tip();
    if (this.mempool.length > 0) throw new LedgerError('blocks are replayed into a ledger without a mempool');
    if (entry.height !== tip.height + 1 || entry.slot < tip.slot) {
      throw new LedgerError(`block ${entry.height} at slot ${entry.slot} does not follow the tip (height ${tip.height}, slot ${tip.slot})`);
    }
    const txs = entry.txs.map((cbor) => decodeTx(Buffer.from(cbor, 'hex')));
    let next = this.confirmed;
    if (txs.length > 0) {
      next = this.confirmed.snapshot();
      next.setSlot(entry.slot);
      for (const tx of txs) {
        const result = next.submitTx(bytesOf(tx));
        if (!result.isSuccess) throw new LedgerError(`block ${entry.height}: transaction ${tx.hash} was rejected: ${result.error ?? 'rejected'}`);
      }
    }
    const block = this.nextBlock(tip, entry.slot, txs);
    if (block.hash !== entry.hash || block.time !== entry.time) {
      throw new LedgerError(`block ${entry.height} replayed as ${block.hash} at ${block.time}, journalled as ${entry.hash} at ${entry.time}`);
    }
    this.commit(block, next);
    this.pendingState = undefined;
    return block;
  }

  private nextBlock(tip: BlockRecord, slot: number, txs: readonly DecodedTx[]): BlockRecord {
    return {
      height: tip.height + 1,
      hash: this.blockHash(tip.hash, tip.height + 1, slot, txs.map((tx) => tx.hash)),
      slot,
      time: this.clock.slotTimeSeconds(slot),
      previousHash: tip.hash,
      txs,
    };
  }

  private commit(block: BlockRecord, state: Emulator): void {
    this.blocksMade += 1;
    this.confirmed = state;
    this.states.set(block.height, state);
    this.states.delete(block.height - this.securityParam - 1);
    this.index.applyBlock(block);
  }

  /** Drops the last `blocks` blocks; their transactions return to the mempool (re-validated) or are discarded. */
  rollback(blocks: number, mode: RollbackMode): { removed: BlockRecord[]; dropped: DroppedTx[] } {
    const tip = this.index.tip();
    if (!Number.isInteger(blocks) || blocks < 1) throw new LedgerError('blocks must be a positive integer');
    if (blocks > tip.height) throw new LedgerError(`cannot roll back ${blocks} blocks: the tip is at height ${tip.height}`);
    const target = tip.height - blocks;
    const state = this.states.get(target);
    if (!state) throw new LedgerError(`cannot roll back deeper than the security parameter (${this.securityParam} blocks)`);
    this.journal?.rollback(blocks);
    const removed = this.index.blocks.slice(target + 1);
    for (const block of removed) this.states.delete(block.height);
    this.confirmed = state;
    this.index = ChainIndex.fromBlocks(this.index.blocks.slice(0, target + 1));
    const returning = mode === 'mempool' ? removed.flatMap((block) => block.txs) : [];
    const dropped = this.rebuildMempool([...returning, ...this.mempool]);
    return { removed, dropped };
  }

  /** Removes one transaction (or all) from the mempool; transactions that spent its outputs go too. */
  dropFromMempool(txHash?: string): DroppedTx[] {
    const target = txHash?.toLowerCase();
    const removed = this.mempool.filter((tx) => target === undefined || tx.hash === target);
    const keep = this.mempool.filter((tx) => !removed.includes(tx));
    const dropped = removed.map((tx) => this.noteDropped(tx.hash, 'dropped from the mempool'));
    return [...dropped, ...this.rebuildMempool(keep)];
  }

  /** UTxOs of an address as the next submission will see them (tip plus mempool). */
  pendingUtxosAt(address: string): LedgerUtxo[] {
    return decodeUtxoEntries(this.pending.getUtxosForAddress(address));
  }

  /** A confirmed or mempool output, for evaluation; spent outputs stay resolvable, as Ogmios' do not. */
  knownOutput(key: string): OutputRecord | undefined {
    for (const tx of this.mempool) {
      const output = tx.outputs.find((candidate) => outRefKey(candidate) === key);
      if (output) return output;
    }
    return this.index.output(key);
  }

  /** Compares the index's unspent outputs with the emulator's UTxO set. */
  consistency(): { ok: boolean; onlyInIndex: string[]; onlyInLedger: string[] } {
    const ledger = utxoKeys(this.confirmed.getAllUtxos());
    const indexed = new Set(this.index.allUnspent().map(outRefKey));
    const onlyInIndex = [...indexed].filter((key) => !ledger.has(key));
    const onlyInLedger = [...ledger].filter((key) => !indexed.has(key));
    return { ok: onlyInIndex.length === 0 && onlyInLedger.length === 0, onlyInIndex, onlyInLedger };
  }

  private rebuildMempool(candidates: readonly DecodedTx[]): DroppedTx[] {
    this.pendingState = this.confirmed.snapshot();
    this.pending.setSlot(this.clock.currentSlot());
    this.mempool = [];
    const dropped: DroppedTx[] = [];
    for (const tx of candidates) {
      const result = this.pending.submitTx(bytesOf(tx));
      if (result.isSuccess) this.mempool.push(tx);
      else dropped.push(this.noteDropped(tx.hash, result.error ?? 'rejected'));
    }
    return dropped;
  }

  private noteDropped(txHash: string, reason: string): DroppedTx {
    const entry = { txHash, reason };
    this.recentlyDropped.push(entry);
    if (this.recentlyDropped.length > 100) this.recentlyDropped.shift();
    return entry;
  }

  /** Block hashes only need to be unique: a block re-forged after a rollback must get a new hash. */
  private blockHash(previous: string | null, height: number, slot: number, txHashes: readonly string[]): string {
    return blake2b256Hex(`${previous ?? 'genesis'}|${height}|${slot}|${txHashes.join(',')}|${this.blocksMade + 1}`);
  }
}
