import type { ChainClock } from './chain-clock.js';
import type { TxLocation } from './chain-index.js';
import type { BlockRecord } from './chain-types.js';
import type { Faucet } from './faucet.js';
import { LedgerError, type DroppedTx, type Ledger, type RollbackMode } from './ledger.js';
import { parseAddress } from './address-info.js';
import { FaultInjector, RequestStats } from './request-stats.js';

export interface BlockSummary {
  readonly height: number;
  readonly hash: string;
  readonly slot: number;
  /** Unix seconds, as Blockfrost reports block times. */
  readonly time: number;
  readonly txHashes: readonly string[];
}

export interface RollbackResult {
  readonly removedBlocks: readonly BlockSummary[];
  /** Transactions of the removed blocks and the mempool that are no longer in the mempool. */
  readonly dropped: readonly DroppedTx[];
  readonly tip: BlockSummary;
}

export function summarize(block: BlockRecord): BlockSummary {
  return { height: block.height, hash: block.hash, slot: block.slot, time: block.time, txHashes: block.txs.map((tx) => tx.hash) };
}

/**
 * The operations behind the admin routes, callable in-process too. The block timer lives here:
 * it forges a block every interval until paused.
 */
export class DevnetControl {
  readonly stats = new RequestStats();
  readonly faults = new FaultInjector();
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(block: BlockRecord) => void>();

  constructor(
    readonly ledger: Ledger,
    readonly clock: ChainClock,
    readonly faucet: Faucet,
    readonly blockIntervalMs: number,
    /** Where clock advances are made durable (a devnet with a state directory). */
    private readonly clockJournal?: { advance(ms: number): void },
  ) {}

  produceBlock(): BlockSummary {
    const block = this.ledger.produceBlock();
    for (const listener of this.listeners) listener(block);
    return summarize(block);
  }

  resumeBlocks(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      // A failed block must not take the process (or the node hosting the devnet) down; the next tick retries.
      try {
        this.produceBlock();
      } catch (error) {
        console.error('devnet: block production failed', error);
      }
    }, this.blockIntervalMs);
  }

  pauseBlocks(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  get producingBlocks(): boolean {
    return this.timer !== undefined;
  }

  async topup(address: string, lovelace: bigint): Promise<string> {
    if (!parseAddress(address)) throw new LedgerError(`not an address of this network: ${address}`);
    if (lovelace <= 0n) throw new LedgerError('lovelace must be positive');
    return this.faucet.topup(this.ledger, address, lovelace);
  }

  advanceTime(ms: number): { nowMs: number; slot: number } {
    if (!Number.isInteger(ms) || ms < 0) throw new LedgerError('ms must be a non-negative integer');
    if (ms > 0) this.clockJournal?.advance(ms);
    this.clock.advance(ms);
    return { nowMs: this.clock.nowMs(), slot: this.clock.currentSlot() };
  }

  rollback(blocks: number, mode: RollbackMode): RollbackResult {
    const { removed, dropped } = this.ledger.rollback(blocks, mode);
    return { removedBlocks: removed.map(summarize), dropped, tip: summarize(this.ledger.chain.tip()) };
  }

  dropMempool(txHash?: string): DroppedTx[] {
    if (txHash !== undefined && !this.ledger.mempoolTxs().some((tx) => tx.hash === txHash.toLowerCase())) {
      throw new LedgerError(`transaction ${txHash} is not in the mempool`);
    }
    return this.ledger.dropFromMempool(txHash);
  }

  submit(bytes: Uint8Array): string {
    const outcome = this.ledger.submit(bytes);
    if (!outcome.ok) throw new LedgerError(outcome.error);
    return outcome.txHash;
  }

  onBlock(listener: (block: BlockRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when the transaction is in a block (at once if it already is). */
  waitForTx(txHash: string, timeoutMs = 30_000): Promise<TxLocation> {
    const hash = txHash.toLowerCase();
    const known = this.ledger.chain.tx(hash);
    if (known) return Promise.resolve(known.location);
    return new Promise((resolve, reject) => {
      const timeout = setTimeout(() => {
        stop();
        reject(new Error(`transaction ${hash} not in a block after ${timeoutMs} ms`));
      }, timeoutMs);
      const stop = this.onBlock(() => {
        const found = this.ledger.chain.tx(hash);
        if (!found) return;
        clearTimeout(timeout);
        stop();
        resolve(found.location);
      });
    });
  }

  close(): void {
    this.pauseBlocks();
    this.listeners.clear();
  }
}
