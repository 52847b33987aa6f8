import { paymentKeyHashOf } from '../../cardano/wallet-keys.js';
import { type AgentMetadata, AgentMetadataError, parseCip25Metadata } from '../../domain/agent-metadata.js';
import type { ChainRegistry } from '../../chain/chain-registry.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { PaymentSource } from '../../generated/prisma/client.js';
import type { Network } from '../../generated/prisma/enums.js';

export interface ResolvedAgent {
  agentIdentifier: string;
  policyId: string;
  assetName: string;
  source: PaymentSource;
  holderAddress: string;
  holderVkey: string;
  metadata: AgentMetadata;
}

const POLICY_HEX = 56;

/**
 * Finds an agent on chain: the payment source whose registry policy minted it, the one address
 * that holds the NFT, and its metadata. A provider fault is an error, never "not found".
 */
export async function resolveAgent(deps: Pick<AppDeps, 'db' | 'chains'>, network: Network, agentIdentifier: string): Promise<ResolvedAgent> {
  const policyId = agentIdentifier.slice(0, POLICY_HEX);
  const assetName = agentIdentifier.slice(POLICY_HEX);
  const source = await deps.db.paymentSource.findFirst({ where: { network, policyId, deletedAt: null } });
  if (!source) throw new AppError('AGENT_NOT_FOUND', `agentIdentifier: no payment source on ${network} uses registry policy ${policyId}`);
  const chain = deps.chains.forSource(source);
  const asset = await chain.asset(agentIdentifier);
  if (!asset || asset.quantity === 0n) throw new AppError('AGENT_NOT_FOUND', `agentIdentifier: agent ${agentIdentifier} is not registered on ${network}`);
  const holders = (await chain.assetHolders(agentIdentifier)).filter((holder) => holder.quantity > 0n);
  if (holders.length !== 1 || !holders[0]) throw new AppError('AGENT_NOT_FOUND', `agentIdentifier: agent ${agentIdentifier} has no single holder`);
  let holderVkey: string;
  try {
    holderVkey = paymentKeyHashOf(holders[0].address);
  } catch {
    throw new AppError('AGENT_NOT_FOUND', `agentIdentifier: agent ${agentIdentifier} is held by a script, not a seller wallet`);
  }
  let metadata: AgentMetadata;
  try {
    metadata = parseCip25Metadata(asset.onchainMetadata);
  } catch (error) {
    if (error instanceof AgentMetadataError) throw new AppError('AGENT_NOT_FOUND', `agentIdentifier: the agent's on-chain metadata is not valid (${error.message})`);
    throw error;
  }
  return { agentIdentifier, policyId, assetName, source, holderAddress: holders[0].address, holderVkey, metadata };
}

/**
 * How long a successful resolution is reused by the payment and purchase routes: resolving costs a
 * database read and two provider calls, per request. An agent that changes hands or is burnt is
 * seen after at most this long there (the lock itself is checked against the chain by the watcher).
 */
export const AGENT_CACHE_MS = 5_000;
const MAX_CACHED_AGENTS = 1_000;

interface CachedAgent {
  agent: Promise<ResolvedAgent>;
  expiresAt: number;
}

// One cache per node (per chain registry), so nodes sharing a process never see each other's rows.
const agentCaches = new WeakMap<ChainRegistry, Map<string, CachedAgent>>();

/** resolveAgent, reused for AGENT_CACHE_MS; concurrent lookups of one agent share one resolution; failures are not kept. */
export function resolveAgentCached(deps: Pick<AppDeps, 'db' | 'chains'>, network: Network, agentIdentifier: string): Promise<ResolvedAgent> {
  let cache = agentCaches.get(deps.chains);
  if (!cache) {
    cache = new Map();
    agentCaches.set(deps.chains, cache);
  }
  const key = `${network}:${agentIdentifier}`;
  const now = Date.now();
  const cached = cache.get(key);
  if (cached && cached.expiresAt > now) return cached.agent;
  if (cache.size >= MAX_CACHED_AGENTS) cache.clear();
  const entry: CachedAgent = { agent: resolveAgent(deps, network, agentIdentifier), expiresAt: now + AGENT_CACHE_MS };
  cache.set(key, entry);
  const owner = cache;
  entry.agent.catch(() => owner.get(key) === entry && owner.delete(key));
  return entry.agent;
}
