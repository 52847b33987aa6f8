import { SLOT_LENGTH_MS, type ChainClock } from './chain-clock.js';
import type { DevnetGenesis } from './journal-format.js';
import type { Ledger } from './ledger.js';
import type { DevnetStateDir } from './state-dir.js';

export interface GenesisRequest {
  readonly systemStartMs?: number;
  readonly faucetLovelace?: bigint;
  readonly securityParam?: number;
}

export interface RestoreReport {
  /** Block entries replayed, blocks rolled back later included. */
  readonly blocks: number;
  readonly rollbacks: number;
  readonly height: number;
  /** Bytes of a torn last journal line that were dropped. */
  readonly discardedBytes: number;
  readonly ms: number;
}

/**
 * The stored genesis wins: a chain cannot change its start or its faucet. Options that say
 * otherwise are refused rather than silently ignored.
 */
export function genesisFor(request: GenesisRequest, stored: DevnetGenesis | undefined, newMnemonic: () => string[]): DevnetGenesis {
  const requestedStart = request.systemStartMs === undefined ? undefined : Math.floor(request.systemStartMs / SLOT_LENGTH_MS) * SLOT_LENGTH_MS;
  if (stored) {
    const conflicts = [
      requestedStart !== undefined && requestedStart !== stored.systemStartMs ? 'systemStartMs' : '',
      request.faucetLovelace !== undefined && request.faucetLovelace !== stored.faucetLovelace ? 'faucetLovelace' : '',
      request.securityParam !== undefined && request.securityParam !== stored.securityParam ? 'securityParam' : '',
    ].filter(Boolean);
    if (conflicts.length > 0) throw new Error(`the devnet state was created with another ${conflicts.join(', ')}`);
    return stored;
  }
  return {
    systemStartMs: requestedStart ?? Math.floor(Date.now() / SLOT_LENGTH_MS) * SLOT_LENGTH_MS,
    faucetLovelace: request.faucetLovelace ?? 1_000_000_000_000_000n,
    securityParam: request.securityParam ?? 2160,
    faucetMnemonic: newMnemonic(),
  };
}

/**
 * Replays the journal into a ledger fresh from genesis, then journals every later change.
 * Chain time resumes where it was (wall time plus the journalled advances), and never before the
 * tip's time, even if the wall clock went back while the devnet was down.
 */
export function restoreChain(state: DevnetStateDir, ledger: Ledger, clock: ChainClock): RestoreReport {
  const started = performance.now();
  let blocks = 0;
  let rollbacks = 0;
  const { discardedBytes } = state.readJournal((entry) => {
    if (entry.type === 'block') {
      ledger.replayBlock(entry);
      blocks += 1;
    } else if (entry.type === 'rollback') {
      ledger.rollback(entry.blocks, 'discard');
      rollbacks += 1;
    } else {
      clock.advance(entry.ms);
    }
  });
  ledger.journalTo(state);
  const tip = ledger.chain.tip();
  const behind = tip.time * 1000 - clock.nowMs();
  if (behind > 0) {
    state.advance(behind);
    clock.advance(behind);
  }
  return { blocks, rollbacks, height: tip.height, discardedBytes, ms: Math.round(performance.now() - started) };
}
