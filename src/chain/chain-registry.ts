import { createBlockfrostChain } from '../cardano/blockfrost-chain.js';
import type { Chain } from '../cardano/chain.js';
import { ProviderConfig } from '../cardano/provider-config.js';
import { BLOCKFROST_RATE_LIMIT, type RateLimit, TokenBucket } from '../cardano/provider-throttle.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Network } from '../generated/prisma/enums.js';

export interface SourceChainRef {
  id: string;
  network: Network;
  encryptedProviderConfig: string;
}

export interface ChainRegistry {
  /** The chain a payment source talks to (cached; a changed provider config gives a new client). */
  forSource(source: SourceChainRef): Chain;
  readonly devnetUrl: string | undefined;
}

export const networkIdOf = (network: Network): 0 | 1 => (network === 'Mainnet' ? 1 : 0);

function bucketOf(setting: RateLimit | 'off' | undefined, fallback: RateLimit | undefined): TokenBucket | null {
  const limit = setting === 'off' ? undefined : (setting ?? fallback);
  return limit ? new TokenBucket(limit) : null;
}

/**
 * `rateLimit` (PROVIDER_RATE_LIMIT) applies to every provider; unset, Blockfrost gets its published
 * limit and the devnet none. One bucket per provider for all sources: Blockfrost limits per client IP.
 */
export function createChainRegistry(secretBox: SecretBox, devnetUrl: string | undefined, rateLimit?: RateLimit | 'off'): ChainRegistry {
  const cache = new Map<string, { envelope: string; chain: Chain }>();
  const buckets = { devnet: bucketOf(rateLimit, undefined), blockfrost: bucketOf(rateLimit, BLOCKFROST_RATE_LIMIT) };
  return {
    devnetUrl,
    forSource(source) {
      const cached = cache.get(source.id);
      if (cached?.envelope === source.encryptedProviderConfig) return cached.chain;
      const provider = ProviderConfig.parse(JSON.parse(secretBox.decrypt(source.encryptedProviderConfig)));
      const chain = createBlockfrostChain(provider, networkIdOf(source.network), devnetUrl, { bucket: buckets[provider.kind] });
      cache.set(source.id, { envelope: source.encryptedProviderConfig, chain });
      return chain;
    },
  };
}
