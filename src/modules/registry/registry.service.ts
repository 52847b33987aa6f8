import type { z } from 'zod';
import { AgentMetadataError, type AgentRegistration, parseCip25Metadata, toCip25Metadata } from '../../domain/agent-metadata.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Network, RegistrationState } from '../../generated/prisma/enums.js';
import { pageArgs, type PageInput } from '../../http/pagination.js';
import type { AuthenticatedKey } from '../../plugins/auth.js';
import { resolveAgent } from './agent-lookup.js';
import { type RegistryRow, storedRegistration, toWalletAgentDto } from './registry.dto.js';
import type { RegistryFilterStatus } from './registry.schemas.js';

const withRelations = { wallet: true, paymentSource: true, currentTransaction: true } as const;

const STATES_BY_FILTER: Record<z.infer<typeof RegistryFilterStatus>, RegistrationState[]> = {
  Registered: ['RegistrationConfirmed'],
  Deregistered: ['DeregistrationConfirmed'],
  Pending: ['RegistrationRequested', 'RegistrationInitiated', 'DeregistrationRequested', 'DeregistrationInitiated'],
  Failed: ['RegistrationFailed', 'DeregistrationFailed'],
};

async function findSellingWallet(deps: Pick<AppDeps, 'db'>, network: Network, walletVkey: string, field: string) {
  const wallet = await deps.db.hotWallet.findFirst({
    where: { walletVkey, type: 'Selling', deletedAt: null, paymentSource: { network, deletedAt: null } },
    include: { paymentSource: true },
  });
  if (!wallet) throw new AppError('WALLET_NOT_FOUND', `${field}: no selling wallet ${walletVkey} on ${network}`);
  return wallet;
}

export async function requestRegistration(
  deps: Pick<AppDeps, 'db'>,
  caller: AuthenticatedKey,
  input: AgentRegistration & { network: Network; sellingWalletVkey: string },
): Promise<RegistryRow> {
  const { network, sellingWalletVkey, ...registration } = input;
  try {
    toCip25Metadata(registration);
  } catch (error) {
    if (error instanceof AgentMetadataError) throw new AppError('VALIDATION_ERROR', error.message);
    throw error;
  }
  const wallet = await findSellingWallet(deps, network, sellingWalletVkey, 'sellingWalletVkey');
  return deps.db.registryRequest.create({
    data: {
      paymentSourceId: wallet.paymentSourceId,
      walletId: wallet.id,
      requestedById: caller.id,
      state: 'RegistrationRequested',
      name: registration.name,
      description: registration.description,
      apiBaseUrl: registration.apiBaseUrl,
      details: storedRegistration(registration) as unknown as Prisma.InputJsonValue,
    },
    include: withRelations,
  });
}

function assertOwner(caller: AuthenticatedKey, row: { requestedById: string }, what: string): void {
  if (caller.permission !== 'Admin' && row.requestedById !== caller.id) throw new AppError('NOT_OWNER', `${what} was requested by another API key`);
}

export async function requestDeregistration(deps: Pick<AppDeps, 'db' | 'chains'>, caller: AuthenticatedKey, input: { agentIdentifier: string; network: Network }): Promise<RegistryRow> {
  const row = await deps.db.registryRequest.findFirst({
    where: { agentIdentifier: input.agentIdentifier, deletedAt: null, paymentSource: { network: input.network } },
    include: withRelations,
  });
  if (!row) throw new AppError('REGISTRY_REQUEST_NOT_FOUND', `agentIdentifier: this node registered no agent ${input.agentIdentifier} on ${input.network}`);
  assertOwner(caller, row, 'this agent');
  if (row.state !== 'RegistrationConfirmed' && row.state !== 'DeregistrationFailed') {
    throw new AppError('INVALID_STATE', `agentIdentifier: the agent cannot be deregistered in state ${row.state}`);
  }
  const agent = await resolveAgent(deps, input.network, input.agentIdentifier);
  const holder = await deps.db.hotWallet.findFirst({ where: { paymentSourceId: agent.source.id, walletVkey: agent.holderVkey, type: 'Selling', deletedAt: null } });
  if (!holder) throw new AppError('CONFLICT', `agentIdentifier: the NFT is held by ${agent.holderAddress}, not by one of this node's selling wallets`);
  return deps.db.registryRequest.update({
    where: { id: row.id },
    data: { state: 'DeregistrationRequested', walletId: holder.id, error: null },
    include: withRelations,
  });
}

export async function deleteRegistration(deps: Pick<AppDeps, 'db'>, id: string): Promise<RegistryRow> {
  const row = await deps.db.registryRequest.findFirst({ where: { id, deletedAt: null }, include: withRelations });
  if (!row) throw new AppError('REGISTRY_REQUEST_NOT_FOUND', `id: no registry record ${id}`);
  if (row.state !== 'RegistrationFailed' && row.state !== 'DeregistrationConfirmed') {
    throw new AppError('INVALID_STATE', `id: only failed or deregistered records can be deleted; this one is ${row.state}`);
  }
  return deps.db.registryRequest.update({ where: { id }, data: { deletedAt: new Date() }, include: withRelations });
}

export async function listRegistrations(
  deps: Pick<AppDeps, 'db'>,
  query: PageInput & { network: Network; filterStatus?: z.infer<typeof RegistryFilterStatus> | undefined; filterSmartContractAddress?: string | undefined },
): Promise<RegistryRow[]> {
  return deps.db.registryRequest.findMany({
    where: {
      deletedAt: null,
      paymentSource: { network: query.network, ...(query.filterSmartContractAddress ? { smartContractAddress: query.filterSmartContractAddress } : {}) },
      ...(query.filterStatus ? { state: { in: STATES_BY_FILTER[query.filterStatus] } } : {}),
    },
    ...pageArgs(query),
    include: withRelations,
  });
}

/** Agents (NFTs of the source's registry policy) that a selling wallet holds, with their metadata. */
export async function agentsOfWallet(deps: Pick<AppDeps, 'db' | 'chains'>, network: Network, walletVkey: string) {
  const wallet = await findSellingWallet(deps, network, walletVkey, 'walletVkey');
  const chain = deps.chains.forSource(wallet.paymentSource);
  const policyId = wallet.paymentSource.policyId;
  const units = new Set<string>();
  for (const utxo of await chain.utxos(wallet.walletAddress)) {
    for (const asset of utxo.output.amount) if (asset.unit.startsWith(policyId) && asset.unit.length > policyId.length) units.add(asset.unit);
  }
  const agents = [];
  for (const unit of units) {
    const asset = await chain.asset(unit);
    try {
      agents.push(toWalletAgentDto(unit, policyId, parseCip25Metadata(asset?.onchainMetadata)));
    } catch (error) {
      if (!(error instanceof AgentMetadataError)) throw error;
    }
  }
  return agents;
}
