import type { Db } from '../../db/prisma.js';
import type { HotWallet, PaymentSource } from '../../generated/prisma/client.js';

/**
 * How long list pages reuse payment source and hot wallet rows. A page shows only what never changes
 * on them (ids, network, contract address, policy id, wallet key and address); rows read here are
 * for display, never for decisions.
 */
const DISPLAY_CACHE_MS = 5_000;
const MAX_ROWS = 1_000;

interface Cached<T> {
  row: T;
  expiresAt: number;
}

interface DisplayCache {
  sources: Map<string, Cached<PaymentSource>>;
  wallets: Map<string, Cached<HotWallet>>;
}

const caches = new WeakMap<Db, DisplayCache>();

async function cachedById<T extends { id: string }>(rows: Map<string, Cached<T>>, ids: string[], read: (missing: string[]) => Promise<T[]>): Promise<T[]> {
  const now = Date.now();
  const missing = ids.filter((id) => (rows.get(id)?.expiresAt ?? 0) <= now);
  if (missing.length > 0) {
    if (rows.size >= MAX_ROWS) rows.clear();
    for (const row of await read(missing)) rows.set(row.id, { row, expiresAt: now + DISPLAY_CACHE_MS });
  }
  return ids.flatMap((id) => rows.get(id)?.row ?? []);
}

/** Payment sources and hot wallets of a page, by id, read at most once per DISPLAY_CACHE_MS. */
export async function displayRows(db: Db, sourceIds: string[], walletIds: string[]): Promise<[PaymentSource[], HotWallet[]]> {
  let cache = caches.get(db);
  if (!cache) {
    cache = { sources: new Map(), wallets: new Map() };
    caches.set(db, cache);
  }
  const { sources, wallets } = cache;
  return Promise.all([
    cachedById(sources, sourceIds, (missing) => db.paymentSource.findMany({ where: { id: { in: missing } } })),
    cachedById(wallets, walletIds, (missing) => db.hotWallet.findMany({ where: { id: { in: missing } } })),
  ]);
}
