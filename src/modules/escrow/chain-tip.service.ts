import type { Chain, ChainTip } from '../../cardano/chain.js';

/**
 * How long request handlers reuse a chain tip. Their time checks (payByTime passed, deadlines) are
 * against block time, which already trails the clock by up to a block (~20 s on Cardano); one more
 * second of staleness changes nothing, and saves a provider call per request. Jobs read the tip afresh.
 */
export const TIP_CACHE_MS = 1_000;

const tips = new WeakMap<Chain, { tip: Promise<ChainTip>; fetchedAt: number }>();

/** The chain's tip, at most TIP_CACHE_MS old; concurrent callers share one provider call; a failure is not kept. */
export function recentTip(chain: Chain): Promise<ChainTip> {
  const now = Date.now();
  const cached = tips.get(chain);
  if (cached && now - cached.fetchedAt < TIP_CACHE_MS) return cached.tip;
  const entry = { tip: chain.tip(), fetchedAt: now };
  tips.set(chain, entry);
  entry.tip.catch(() => tips.get(chain) === entry && tips.delete(chain));
  return entry.tip;
}
