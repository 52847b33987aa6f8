import type { Db } from '../../db/prisma.js';
import type { HotWallet } from '../../generated/prisma/client.js';
import type { WalletType } from '../../generated/prisma/enums.js';

/**
 * How long POST /payment and POST /purchase reuse a source's active wallets of one type (a query per
 * request otherwise). Adding or removing wallets through the API takes effect at once in this
 * process (the payment-source service calls forgetActiveWallets); in other processes on the same
 * database within this bound — as for the agent's own resolution (AGENT_CACHE_MS).
 */
export const WALLET_CACHE_MS = 5_000;

interface WalletCache {
  /** Bumped by every forget: a read that started before it must not be stored. */
  generation: number;
  entries: Map<string, { wallets: HotWallet[]; expiresAt: number }>;
}

const walletCaches = new WeakMap<Db, WalletCache>();

function cacheOf(db: Db): WalletCache {
  let cache = walletCaches.get(db);
  if (!cache) {
    cache = { generation: 0, entries: new Map() };
    walletCaches.set(db, cache);
  }
  return cache;
}

/** The source's wallets of `type` that are not deleted, oldest id first. */
export async function activeWalletsCached(db: Db, paymentSourceId: string, type: WalletType): Promise<HotWallet[]> {
  const cache = cacheOf(db);
  const key = `${paymentSourceId}:${type}`;
  const cached = cache.entries.get(key);
  if (cached && cached.expiresAt > Date.now()) return cached.wallets;
  const generation = cache.generation;
  const wallets = await db.hotWallet.findMany({ where: { paymentSourceId, type, deletedAt: null }, orderBy: { id: 'asc' } });
  if (cache.generation === generation) cache.entries.set(key, { wallets, expiresAt: Date.now() + WALLET_CACHE_MS });
  return wallets;
}

/** Drops every cached wallet list of this database in this process; call after wallets change. */
export function forgetActiveWallets(db: Db): void {
  const cache = cacheOf(db);
  cache.generation += 1;
  cache.entries.clear();
}
