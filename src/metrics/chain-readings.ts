import type { Chain, ChainTip } from '../cardano/chain.js';

const TIP_TTL_MS = 10_000;
const BALANCE_TTL_MS = 60_000;
const READ_TIMEOUT_MS = 5_000;

interface Cached<T> {
  at: number;
  value: T;
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${READ_TIMEOUT_MS} ms`)), READ_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Chain reads for /metrics only, cached briefly so a scrape every few seconds costs the provider
 * little; no other request waits on them. A failed read serves the last value while it is fresh
 * enough to mean something (three TTLs), then nothing.
 */
export class ChainReadings {
  readonly #tips = new Map<string, Cached<ChainTip>>();
  readonly #balances = new Map<string, Cached<bigint>>();

  async tip(sourceId: string, chain: Chain, nowMs: number): Promise<ChainTip | undefined> {
    return this.#read(this.#tips, sourceId, TIP_TTL_MS, nowMs, () => withTimeout(chain.tip(), 'tip'));
  }

  /** Lovelace at an address, summed over its UTxOs. */
  async lovelace(address: string, chain: Chain, nowMs: number): Promise<bigint | undefined> {
    return this.#read(this.#balances, address, BALANCE_TTL_MS, nowMs, async () => {
      const utxos = await withTimeout(chain.utxos(address), 'utxos');
      let total = 0n;
      for (const utxo of utxos) for (const asset of utxo.output.amount) if (asset.unit === 'lovelace' || asset.unit === '') total += BigInt(asset.quantity);
      return total;
    });
  }

  async #read<T>(cache: Map<string, Cached<T>>, key: string, ttlMs: number, nowMs: number, load: () => Promise<T>): Promise<T | undefined> {
    const cached = cache.get(key);
    if (cached && nowMs - cached.at < ttlMs) return cached.value;
    try {
      const value = await load();
      cache.set(key, { at: nowMs, value });
      return value;
    } catch {
      return cached && nowMs - cached.at < 3 * ttlMs ? cached.value : undefined;
    }
  }
}
