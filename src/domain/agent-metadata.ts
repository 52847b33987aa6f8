import { z } from 'zod';

/**
 * Agent registration (POST /registry, field names as in Masumi's API) and its CIP-25 form (SPEC §6).
 * On chain every text longer than 64 UTF-8 bytes becomes a list of ≤ 64-byte chunks (a ledger rule),
 * amounts are decimal strings (exact in every JSON reader, and what Masumi writes), ADA is written as
 * "lovelace" (Masumi's reader wants a non-empty unit) and metadata_version is an integer.
 */
export class AgentMetadataError extends Error {
  override readonly name = 'AgentMetadataError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

export const METADATA_CHUNK_BYTES = 64;
/** Leaves room in a 16 KB transaction for inputs, outputs, the policy script and witnesses. */
export const MAX_METADATA_BYTES = 8_000;
/** Fits PostgreSQL BIGINT, where amounts are stored. */
export const MAX_AMOUNT = 9_223_372_036_854_775_807n;
const LOVELACE_ON_CHAIN = 'lovelace';

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

const Text = (max: number) => z.string().max(max, `at most ${max} characters`);
const RequiredText = (max: number) => Text(max).min(1, 'must not be empty');
const HttpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(250, 'at most 250 characters');

/** "" or "lovelace" is ADA (returned as ""); anything else is a 56-hex policy id + a hex asset name of ≤ 32 bytes. */
export const AssetUnit = z
  .string()
  .transform((unit) => (unit === LOVELACE_ON_CHAIN ? '' : unit.toLowerCase()))
  .refine((unit) => unit === '' || /^[0-9a-f]{56}(?:[0-9a-f]{2}){0,32}$/.test(unit), {
    error: 'must be "" or "lovelace" for ADA, or a 56-hex policy id followed by an even-length hex asset name of at most 64 characters',
  });

/** A decimal string of base units, 1 ≤ amount ≤ 2^63 − 1. */
export const PositiveAmount = z
  .string()
  .regex(/^[1-9][0-9]{0,18}$/, 'must be a positive integer as a decimal string')
  .transform((amount) => BigInt(amount))
  .refine((amount) => amount <= MAX_AMOUNT, { error: `must be at most ${MAX_AMOUNT}` });

const Price = z.object({ unit: AssetUnit, amount: PositiveAmount });

export const AgentPricing = z.discriminatedUnion('pricingType', [
  z.object({
    pricingType: z.literal('Fixed'),
    Pricing: z
      .array(Price)
      .min(1, 'Fixed pricing needs at least one price')
      .max(5, 'at most 5 prices')
      .refine((prices) => new Set(prices.map((price) => price.unit)).size === prices.length, { error: 'each unit may appear once' }),
  }),
  z.object({ pricingType: z.literal('Free') }),
]);

/** The agent fields of POST /registry; the route adds network and sellingWalletVkey. */
export const AgentRegistrationFields = z.object({
  name: RequiredText(250),
  description: Text(250),
  apiBaseUrl: HttpUrl,
  Capability: z.object({ name: RequiredText(250), version: RequiredText(250) }),
  Author: z.object({
    name: RequiredText(250),
    contactEmail: Text(250).optional(),
    contactOther: Text(250).optional(),
    organization: Text(250).optional(),
  }),
  Legal: z.object({ privacyPolicy: Text(250).optional(), terms: Text(250).optional(), other: Text(250).optional() }).optional(),
  // Tags are never chunked: Masumi's reader expects each tag as one string.
  Tags: z
    .array(RequiredText(63).refine((tag) => utf8Bytes(tag) <= METADATA_CHUNK_BYTES, { error: `at most ${METADATA_CHUNK_BYTES} UTF-8 bytes` }))
    .min(1, 'at least one tag')
    .max(15, 'at most 15 tags'),
  ExampleOutputs: z
    .array(z.object({ name: RequiredText(60), url: HttpUrl, mimeType: RequiredText(60).regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a MIME type') }))
    .max(25, 'at most 25 example outputs')
    .default([]),
  AgentPricing,
  image: Text(250).default(''),
  metadataVersion: z.literal(1, 'only metadata version 1 is supported').default(1),
});

export type AgentRegistration = z.output<typeof AgentRegistrationFields>;
export type AgentPricingValue = z.output<typeof AgentPricing>;

/** What an agent's on-chain metadata says, as read back by parseCip25Metadata. */
export type AgentMetadata = Omit<AgentRegistration, 'Capability' | 'Author' | 'description'> & {
  description?: string;
  Capability?: AgentRegistration['Capability'];
  Author?: Partial<AgentRegistration['Author']>;
};

export type MetadataValue = string | number | MetadataValue[] | { [key: string]: MetadataValue };

/** Splits text into chunks of at most 64 UTF-8 bytes without cutting a character; short text stays a string. */
export function chunkText(text: string): string | string[] {
  if (utf8Bytes(text) <= METADATA_CHUNK_BYTES) return text;
  const chunks: string[] = [];
  let current = '';
  for (const character of text) {
    if (utf8Bytes(current) + utf8Bytes(character) > METADATA_CHUNK_BYTES) {
      chunks.push(current);
      current = '';
    }
    current += character;
  }
  chunks.push(current);
  return chunks;
}

function withoutUndefined(entries: Record<string, MetadataValue | undefined>): { [key: string]: MetadataValue } {
  return Object.fromEntries(Object.entries(entries).filter((entry): entry is [string, MetadataValue] => entry[1] !== undefined));
}

const optionalChunk = (text: string | undefined): string | string[] | undefined => (text === undefined ? undefined : chunkText(text));

function pricingMetadata(pricing: AgentPricingValue): { [key: string]: MetadataValue } {
  if (pricing.pricingType === 'Free') return { pricingType: 'Free' };
  return {
    pricingType: 'Fixed',
    fixedPricing: pricing.Pricing.map((price) => ({
      unit: chunkText(price.unit === '' ? LOVELACE_ON_CHAIN : price.unit),
      amount: price.amount.toString(),
    })),
  };
}

// The ledger rejects texts over 64 bytes, floats, booleans and null; Mesh reports that only as a
// misleading script-evaluation failure, so check the whole tree before a transaction is built.
function assertLedgerSafe(value: MetadataValue, path: string): void {
  if (typeof value === 'string') {
    if (utf8Bytes(value) > METADATA_CHUNK_BYTES) throw new AgentMetadataError(path, `is longer than ${METADATA_CHUNK_BYTES} bytes`);
  } else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new AgentMetadataError(path, 'must be an integer');
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => assertLedgerSafe(item, `${path}[${index}]`));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      assertLedgerSafe(key, `${path} key`);
      assertLedgerSafe(item, `${path}.${key}`);
    }
  } else {
    throw new AgentMetadataError(path, `${String(value)} cannot be stored in transaction metadata`);
  }
}

/** The CIP-25 metadata of the agent NFT (what goes under 721 → policy id → asset name). */
export function toCip25Metadata(request: AgentRegistration): { [key: string]: MetadataValue } {
  const legal = request.Legal
    ? withoutUndefined({
        privacy_policy: optionalChunk(request.Legal.privacyPolicy),
        terms: optionalChunk(request.Legal.terms),
        other: optionalChunk(request.Legal.other),
      })
    : undefined;
  const metadata = withoutUndefined({
    name: chunkText(request.name),
    description: chunkText(request.description),
    api_base_url: chunkText(request.apiBaseUrl),
    capability: { name: chunkText(request.Capability.name), version: chunkText(request.Capability.version) },
    author: withoutUndefined({
      name: chunkText(request.Author.name),
      contact_email: optionalChunk(request.Author.contactEmail),
      contact_other: optionalChunk(request.Author.contactOther),
      organization: optionalChunk(request.Author.organization),
    }),
    legal: legal && Object.keys(legal).length > 0 ? legal : undefined,
    tags: request.Tags,
    example_output: request.ExampleOutputs.map((example) => ({
      name: chunkText(example.name),
      url: chunkText(example.url),
      mime_type: chunkText(example.mimeType),
    })),
    agentPricing: pricingMetadata(request.AgentPricing),
    image: chunkText(request.image),
    metadata_version: request.metadataVersion,
  });
  assertLedgerSafe(metadata, 'metadata');
  const size = utf8Bytes(JSON.stringify(metadata));
  if (size > MAX_METADATA_BYTES) {
    throw new AgentMetadataError('metadata', `is ${size} bytes; at most ${MAX_METADATA_BYTES} fit in a registration transaction`);
  }
  return metadata;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A metadata text: a string, or a list of chunks to join. Anything else is absent. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length > 0 && value.every((chunk) => typeof chunk === 'string')) return value.join('');
  return undefined;
}

function requiredText(record: Record<string, unknown>, key: string): string {
  const text = textOf(record[key]);
  if (text === undefined || text === '') throw new AgentMetadataError(key, 'is missing or not text');
  return text;
}

function parseAmount(value: unknown, field: string): bigint {
  const amount =
    typeof value === 'bigint' ? value
    : typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value)
    : typeof value === 'string' && /^[0-9]{1,19}$/.test(value) ? BigInt(value)
    : undefined;
  if (amount === undefined || amount <= 0n || amount > MAX_AMOUNT) {
    throw new AgentMetadataError(field, 'must be a positive integer (a safe number or a decimal string)');
  }
  return amount;
}

function parsePricing(value: unknown): AgentPricingValue {
  if (!isRecord(value)) throw new AgentMetadataError('agentPricing', 'is missing');
  const pricingType = textOf(value.pricingType);
  if (pricingType === 'Free') return { pricingType: 'Free' };
  if (pricingType !== 'Fixed') throw new AgentMetadataError('agentPricing.pricingType', `unsupported: ${String(pricingType)}`);
  const entries = value.fixedPricing;
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > 25) {
    throw new AgentMetadataError('agentPricing.fixedPricing', 'must list 1–25 prices');
  }
  const Pricing = entries.map((entry: unknown, index) => {
    const field = `agentPricing.fixedPricing[${index}]`;
    if (!isRecord(entry)) throw new AgentMetadataError(field, 'must be a map');
    const unit = AssetUnit.safeParse(textOf(entry.unit));
    if (!unit.success) throw new AgentMetadataError(`${field}.unit`, 'is not a valid unit');
    return { unit: unit.data, amount: parseAmount(entry.amount, `${field}.amount`) };
  });
  if (new Set(Pricing.map((price) => price.unit)).size !== Pricing.length) {
    throw new AgentMetadataError('agentPricing.fixedPricing', 'lists a unit twice');
  }
  return { pricingType: 'Fixed', Pricing };
}

function parseMetadataVersion(value: unknown): number {
  if (value === undefined) return 1;
  const version = typeof value === 'number' ? value : Number(textOf(value));
  if (version !== 1) throw new AgentMetadataError('metadata_version', `unsupported: ${JSON.stringify(value)}`);
  return version;
}

function optionalFields<K extends string>(value: unknown, keys: Record<K, string>): Partial<Record<K, string>> | undefined {
  if (!isRecord(value)) return undefined;
  const entries = Object.entries<string>(keys)
    .map(([name, key]) => [name, textOf(value[key])] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as Partial<Record<K, string>>) : undefined;
}

/**
 * Reads an agent's CIP-25 metadata as found on chain (Blockfrost's onchain_metadata or the 721 entry).
 * Lenient about descriptive fields other registrants may have left out or malformed (they are dropped),
 * strict about what a payment depends on: name, api_base_url and the pricing.
 */
export function parseCip25Metadata(json: unknown): AgentMetadata {
  if (!isRecord(json)) throw new AgentMetadataError('metadata', 'must be a map');
  const capability = optionalFields(json.capability, { name: 'name', version: 'version' });
  const exampleOutputs = Array.isArray(json.example_output) ? json.example_output : [];
  const result: AgentMetadata = {
    name: requiredText(json, 'name'),
    apiBaseUrl: requiredText(json, 'api_base_url'),
    Tags: Array.isArray(json.tags) ? json.tags.map(textOf).filter((tag): tag is string => tag !== undefined && tag !== '') : [],
    ExampleOutputs: exampleOutputs.flatMap((example: unknown) => {
      const parsed = optionalFields(example, { name: 'name', url: 'url', mimeType: 'mime_type' });
      return parsed?.name !== undefined && parsed.url !== undefined && parsed.mimeType !== undefined
        ? [{ name: parsed.name, url: parsed.url, mimeType: parsed.mimeType }]
        : [];
    }),
    AgentPricing: parsePricing(json.agentPricing),
    image: textOf(json.image) ?? '',
    metadataVersion: parseMetadataVersion(json.metadata_version) as 1,
  };
  const description = textOf(json.description);
  if (description !== undefined) result.description = description;
  if (capability?.name !== undefined && capability.version !== undefined) {
    result.Capability = { name: capability.name, version: capability.version };
  }
  const author = optionalFields(json.author, { name: 'name', contactEmail: 'contact_email', contactOther: 'contact_other', organization: 'organization' });
  if (author) result.Author = author;
  const legal = optionalFields(json.legal, { privacyPolicy: 'privacy_policy', terms: 'terms', other: 'other' });
  if (legal) result.Legal = legal;
  return result;
}
