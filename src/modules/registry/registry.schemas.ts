import { z } from 'zod';
import { AgentRegistrationFields } from '../../domain/agent-metadata.js';
import { PageQuery } from '../../http/pagination.js';
import { Hex, Id, Network } from '../../http/wire-types.js';

export const AgentIdentifier = z
  .string()
  .min(57)
  .max(120)
  .regex(/^[0-9a-fA-F]+$/, 'must be hex: policy id (56) + asset name')
  .transform((value) => value.toLowerCase());

const Vkey = Hex(56).refine((value) => value.length === 56, 'must be a 56-hex payment key hash');

export const RegisterAgentBody = AgentRegistrationFields.extend({ network: Network, sellingWalletVkey: Vkey }).strict();
export const DeregisterAgentBody = z.strictObject({ agentIdentifier: AgentIdentifier, network: Network, smartContractAddress: z.string().max(250).optional() });
export const DeleteRegistryBody = z.strictObject({ id: Id });

export const RegistryFilterStatus = z.enum(['Registered', 'Deregistered', 'Pending', 'Failed']);
export const ListRegistryQuery = z.strictObject({
  network: Network,
  ...PageQuery,
  filterStatus: RegistryFilterStatus.optional(),
  filterSmartContractAddress: z.string().max(250).optional(),
});

export const WalletAgentsQuery = z.strictObject({
  network: Network,
  walletVkey: Vkey.optional(),
  walletVKey: Vkey.optional(),
  smartContractAddress: z.string().max(250).optional(),
});

export const PaymentInformationQuery = z.strictObject({ agentIdentifier: AgentIdentifier, network: Network });

const Amount = z.object({ unit: z.string(), amount: z.string() });
const Pricing = z.union([z.object({ pricingType: z.literal('Fixed'), Pricing: z.array(Amount) }), z.object({ pricingType: z.literal('Free') })]);

const AgentFieldsDto = {
  name: z.string(),
  description: z.string().nullable(),
  apiBaseUrl: z.string(),
  Capability: z.object({ name: z.string().nullable(), version: z.string().nullable() }),
  Author: z.object({ name: z.string().nullable(), contactEmail: z.string().nullable(), contactOther: z.string().nullable(), organization: z.string().nullable() }),
  Legal: z.object({ privacyPolicy: z.string().nullable(), terms: z.string().nullable(), other: z.string().nullable() }),
  Tags: z.array(z.string()),
  ExampleOutputs: z.array(z.object({ name: z.string(), url: z.string(), mimeType: z.string() })),
  AgentPricing: Pricing,
  image: z.string(),
};

export const RegistryEntryDto = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    network: Network,
    state: z.string(),
    error: z.string().nullable(),
    agentIdentifier: z.string().nullable(),
    ...AgentFieldsDto,
    SmartContractWallet: z.object({ walletVkey: z.string(), walletAddress: z.string() }),
    CurrentTransaction: z.object({ txHash: z.string(), status: z.string(), confirmations: z.number(), blockHeight: z.number().nullable() }).nullable(),
  })
  .meta({ id: 'RegistryEntry' });

export const WalletAgentDto = z.object({
  policyId: z.string(),
  assetName: z.string(),
  agentIdentifier: z.string(),
  Metadata: z.object({ ...AgentFieldsDto, metadataVersion: z.number() }),
});

export const PaymentInformationDto = z
  .object({
    agentIdentifier: z.string(),
    network: Network,
    sellerVkey: z.string(),
    sellerAddress: z.string(),
    smartContractAddress: z.string(),
    policyId: z.string(),
    ...AgentFieldsDto,
    metadataVersion: z.number(),
  })
  .meta({ id: 'PaymentInformation' });
