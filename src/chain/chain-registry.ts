import { createBlockfrostChain } from '../cardano/blockfrost-chain.js';
import type { Chain } from '../cardano/chain.js';
import { ProviderConfig } from '../cardano/provider-config.js';
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

export function createChainRegistry(secretBox: SecretBox, devnetUrl: string | undefined): ChainRegistry {
  const cache = new Map<string, { envelope: string; chain: Chain }>();
  return {
    devnetUrl,
    forSource(source) {
      const cached = cache.get(source.id);
      if (cached?.envelope === source.encryptedProviderConfig) return cached.chain;
      const provider = ProviderConfig.parse(JSON.parse(secretBox.decrypt(source.encryptedProviderConfig)));
      const chain = createBlockfrostChain(provider, networkIdOf(source.network), devnetUrl);
      cache.set(source.id, { envelope: source.encryptedProviderConfig, chain });
      return chain;
    },
  };
}
