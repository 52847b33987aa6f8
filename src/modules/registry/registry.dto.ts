import type { z } from 'zod';
import type { AgentMetadata, AgentRegistration } from '../../domain/agent-metadata.js';
import type { ChainTransaction, HotWallet, PaymentSource, RegistryRequest } from '../../generated/prisma/client.js';
import type { PaymentInformationDto, RegistryEntryDto, WalletAgentDto } from './registry.schemas.js';
import type { ResolvedAgent } from './agent-lookup.js';

/** The registration as stored in RegistryRequest.details: JSON-safe (amounts as strings). */
export interface StoredRegistration extends Omit<AgentRegistration, 'AgentPricing'> {
  AgentPricing: { pricingType: 'Fixed'; Pricing: { unit: string; amount: string }[] } | { pricingType: 'Free' };
}

type Pricing = AgentRegistration['AgentPricing'] | StoredRegistration['AgentPricing'];

export function pricingDto(pricing: Pricing): StoredRegistration['AgentPricing'] {
  return pricing.pricingType === 'Free'
    ? { pricingType: 'Free' }
    : { pricingType: 'Fixed', Pricing: pricing.Pricing.map(({ unit, amount }) => ({ unit, amount: amount.toString() })) };
}

export function storedRegistration(registration: AgentRegistration): StoredRegistration {
  return { ...registration, AgentPricing: pricingDto(registration.AgentPricing) };
}

type AgentFields = Pick<AgentMetadata, 'name' | 'apiBaseUrl' | 'Tags' | 'ExampleOutputs' | 'image'> & {
  description?: string | undefined;
  Capability?: { name: string; version: string } | undefined;
  Author?: Partial<AgentRegistration['Author']> | undefined;
  Legal?: AgentRegistration['Legal'];
  AgentPricing: Pricing;
};

function agentFieldsDto(fields: AgentFields) {
  return {
    name: fields.name,
    description: fields.description ?? null,
    apiBaseUrl: fields.apiBaseUrl,
    Capability: { name: fields.Capability?.name ?? null, version: fields.Capability?.version ?? null },
    Author: {
      name: fields.Author?.name ?? null,
      contactEmail: fields.Author?.contactEmail ?? null,
      contactOther: fields.Author?.contactOther ?? null,
      organization: fields.Author?.organization ?? null,
    },
    Legal: { privacyPolicy: fields.Legal?.privacyPolicy ?? null, terms: fields.Legal?.terms ?? null, other: fields.Legal?.other ?? null },
    Tags: fields.Tags,
    ExampleOutputs: fields.ExampleOutputs,
    AgentPricing: pricingDto(fields.AgentPricing),
    image: fields.image,
  };
}

export type RegistryRow = RegistryRequest & { wallet: HotWallet; paymentSource: PaymentSource; currentTransaction: ChainTransaction | null };

export function toRegistryEntryDto(row: RegistryRow): z.infer<typeof RegistryEntryDto> {
  const details = row.details as unknown as StoredRegistration;
  const tx = row.currentTransaction;
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    network: row.paymentSource.network,
    state: row.state,
    error: row.error,
    agentIdentifier: row.agentIdentifier,
    ...agentFieldsDto(details),
    SmartContractWallet: { walletVkey: row.wallet.walletVkey, walletAddress: row.wallet.walletAddress },
    CurrentTransaction: tx ? { txHash: tx.txHash, status: tx.status, confirmations: tx.confirmations, blockHeight: tx.blockHeight } : null,
  };
}

export function toWalletAgentDto(agentIdentifier: string, policyId: string, metadata: AgentMetadata): z.infer<typeof WalletAgentDto> {
  return { policyId, assetName: agentIdentifier.slice(policyId.length), agentIdentifier, Metadata: { ...agentFieldsDto(metadata), metadataVersion: metadata.metadataVersion } };
}

export function toPaymentInformationDto(agent: ResolvedAgent): z.infer<typeof PaymentInformationDto> {
  return {
    agentIdentifier: agent.agentIdentifier,
    network: agent.source.network,
    sellerVkey: agent.holderVkey,
    sellerAddress: agent.holderAddress,
    smartContractAddress: agent.source.smartContractAddress,
    policyId: agent.policyId,
    ...agentFieldsDto(agent.metadata),
    metadataVersion: agent.metadata.metadataVersion,
  };
}
