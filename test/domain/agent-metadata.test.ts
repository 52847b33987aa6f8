import { describe, expect, it } from 'vitest';
import {
  AgentMetadataError,
  AgentRegistrationFields,
  chunkText,
  METADATA_CHUNK_BYTES,
  parseCip25Metadata,
  toCip25Metadata,
} from '../../src/domain/agent-metadata.js';

const policy = 'c0ffee'.repeat(9) + 'c0';
const tokenUnit = policy + '55534458'.repeat(8); // a 32-byte asset name: 120 hex characters, chunked on chain

const request = {
  name: 'Summariser',
  description: 'Summarises long documents — Grüße aus Köln 🚀, with straddling multi-byte text: ' + 'é'.repeat(40) + '🚀'.repeat(20),
  apiBaseUrl: 'https://agents.example.com/summariser/v1/' + 'x'.repeat(60),
  Capability: { name: 'gpt-like', version: '1.0.0' },
  Author: { name: 'Ada', contactEmail: 'ada@example.com', organization: 'Example Org' },
  Legal: { privacyPolicy: 'https://example.com/privacy', terms: 'https://example.com/terms' },
  Tags: ['summaries', 'nlp', '日本語'],
  ExampleOutputs: [{ name: 'sample', url: 'https://example.com/sample.txt', mimeType: 'text/plain' }],
  AgentPricing: {
    pricingType: 'Fixed',
    Pricing: [
      { unit: 'lovelace', amount: '5000000' },
      { unit: tokenUnit.toUpperCase(), amount: '9223372036854775807' },
    ],
  },
  image: 'ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi',
};

function issuePaths(body: unknown): string[] {
  const result = AgentRegistrationFields.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

function metadataError(run: () => unknown): AgentMetadataError {
  try {
    run();
  } catch (error) {
    if (error instanceof AgentMetadataError) return error;
    throw error;
  }
  throw new Error('expected an AgentMetadataError');
}

describe('registration request schema', () => {
  it('parses a full request, normalising units and amounts', () => {
    const parsed = AgentRegistrationFields.parse(request);
    expect(parsed.AgentPricing).toEqual({
      pricingType: 'Fixed',
      Pricing: [
        { unit: '', amount: 5_000_000n },
        { unit: tokenUnit, amount: 9_223_372_036_854_775_807n },
      ],
    });
    expect(parsed.metadataVersion).toBe(1);
  });

  it('fills defaults for optional fields Masumi clients may omit', () => {
    const { Legal: _legal, ExampleOutputs: _examples, image: _image, ...minimal } = request;
    const parsed = AgentRegistrationFields.parse({ ...minimal, AgentPricing: { pricingType: 'Free' } });
    expect(parsed).toMatchObject({ ExampleOutputs: [], image: '', metadataVersion: 1, AgentPricing: { pricingType: 'Free' } });
    expect(parsed.Legal).toBeUndefined();
  });

  const fixed = (Pricing: unknown) => ({ ...request, AgentPricing: { pricingType: 'Fixed', Pricing } });
  it.each([
    ['name', { ...request, name: '' }],
    ['name', { ...request, name: 'n'.repeat(251) }],
    ['description', { ...request, description: undefined }],
    ['apiBaseUrl', { ...request, apiBaseUrl: 'not a url' }],
    ['apiBaseUrl', { ...request, apiBaseUrl: 'ftp://example.com' }],
    ['Capability', { ...request, Capability: undefined }],
    ['Capability.version', { ...request, Capability: { name: 'x', version: '' } }],
    ['Author.name', { ...request, Author: {} }],
    ['Author.contactEmail', { ...request, Author: { name: 'a', contactEmail: 'e'.repeat(251) } }],
    ['Legal.terms', { ...request, Legal: { terms: 7 } }],
    ['Tags', { ...request, Tags: [] }],
    ['Tags', { ...request, Tags: Array.from({ length: 16 }, (_, index) => `t${index}`) }],
    ['Tags.0', { ...request, Tags: ['t'.repeat(64)] }],
    ['Tags.0', { ...request, Tags: ['🚀'.repeat(17)] }],
    ['ExampleOutputs.0.mimeType', { ...request, ExampleOutputs: [{ name: 'a', url: 'https://e.com', mimeType: 'text' }] }],
    ['ExampleOutputs', { ...request, ExampleOutputs: Array.from({ length: 26 }, () => request.ExampleOutputs[0]) }],
    ['AgentPricing.pricingType', { ...request, AgentPricing: { pricingType: 'Dynamic' } }],
    ['AgentPricing.Pricing', fixed([])],
    ['AgentPricing.Pricing', fixed(Array.from({ length: 6 }, (_, index) => ({ unit: policy + `0${index}`, amount: '1' })))],
    ['AgentPricing.Pricing', fixed([{ unit: '', amount: '1' }, { unit: 'lovelace', amount: '2' }])],
    ['AgentPricing.Pricing.0.amount', fixed([{ unit: '', amount: '0' }])],
    ['AgentPricing.Pricing.0.amount', fixed([{ unit: '', amount: '-1' }])],
    ['AgentPricing.Pricing.0.amount', fixed([{ unit: '', amount: '1.5' }])],
    ['AgentPricing.Pricing.0.amount', fixed([{ unit: '', amount: '01' }])],
    ['AgentPricing.Pricing.0.amount', fixed([{ unit: '', amount: ' 1' }])],
    ['AgentPricing.Pricing.0.amount', fixed([{ unit: '', amount: 5 }])],
    ['AgentPricing.Pricing.0.amount', fixed([{ unit: '', amount: '9223372036854775808' }])],
    ['AgentPricing.Pricing.0.unit', fixed([{ unit: policy.slice(2), amount: '1' }])],
    ['AgentPricing.Pricing.0.unit', fixed([{ unit: policy + 'abc', amount: '1' }])],
    ['AgentPricing.Pricing.0.unit', fixed([{ unit: policy + 'ab'.repeat(33), amount: '1' }])],
    ['AgentPricing.Pricing.0.unit', fixed([{ unit: 'ADA', amount: '1' }])],
    ['metadataVersion', { ...request, metadataVersion: 2 }],
  ])('names %s', (path, body) => {
    expect(issuePaths(body)).toContain(path);
  });

  it('accepts a policy id alone as a unit (empty asset name) and a 64-hex asset name', () => {
    expect(issuePaths(fixed([{ unit: policy, amount: '1' }, { unit: policy + 'ab'.repeat(32), amount: '1' }]))).toEqual([]);
  });
});

describe('chunkText', () => {
  it.each([
    ['empty', ''],
    ['64 ASCII bytes', 'a'.repeat(64)],
  ])('keeps %s as one string', (_label, text) => {
    expect(chunkText(text)).toBe(text);
  });

  it.each([
    ['65 ASCII bytes', 'a'.repeat(65), ['a'.repeat(64), 'a']],
    ['a 2-byte character straddling byte 64', 'a'.repeat(63) + 'é' + 'b', ['a'.repeat(63), 'éb']],
    ['a 3-byte character straddling byte 64', 'a'.repeat(62) + '€', ['a'.repeat(62), '€']],
    ['an emoji straddling byte 64', 'a'.repeat(62) + '🚀z', ['a'.repeat(62), '🚀z']],
    ['an emoji ending exactly at byte 64', 'a'.repeat(60) + '🚀z', ['a'.repeat(60) + '🚀', 'z']],
  ])('splits %s on a character boundary', (_label, text, chunks) => {
    expect(chunkText(text)).toEqual(chunks);
  });

  it('never exceeds 64 bytes, never cuts a character, and joins back to the text', () => {
    const samples = ['🚀'.repeat(50), 'é€🚀a'.repeat(30), '👩‍👩‍👧‍👦'.repeat(10), 'x'.repeat(1000), 'ü'.repeat(33)];
    for (const text of samples) {
      const chunks = chunkText(text);
      const list = Array.isArray(chunks) ? chunks : [chunks];
      expect(list.join('')).toBe(text);
      for (const chunk of list) {
        expect(Buffer.byteLength(chunk)).toBeLessThanOrEqual(METADATA_CHUNK_BYTES);
        expect(chunk.length).toBeGreaterThan(0);
        expect(Buffer.from(chunk, 'utf8').toString('utf8')).toBe(chunk);
      }
    }
  });
});

describe('CIP-25 metadata', () => {
  const registration = AgentRegistrationFields.parse(request);

  it('uses the on-chain keys of SPEC §6 and chunks long texts', () => {
    const metadata = toCip25Metadata(registration);
    expect(Object.keys(metadata).sort()).toEqual(
      ['agentPricing', 'api_base_url', 'author', 'capability', 'description', 'example_output', 'image', 'legal', 'metadata_version', 'name', 'tags'].sort(),
    );
    expect(metadata).toMatchObject({
      name: 'Summariser',
      capability: { name: 'gpt-like', version: '1.0.0' },
      author: { name: 'Ada', contact_email: 'ada@example.com', organization: 'Example Org' },
      legal: { privacy_policy: 'https://example.com/privacy', terms: 'https://example.com/terms' },
      tags: ['summaries', 'nlp', '日本語'],
      example_output: [{ name: 'sample', url: 'https://example.com/sample.txt', mime_type: 'text/plain' }],
      agentPricing: {
        pricingType: 'Fixed',
        fixedPricing: [
          { unit: 'lovelace', amount: '5000000' },
          { unit: [tokenUnit.slice(0, 64), tokenUnit.slice(64)], amount: '9223372036854775807' },
        ],
      },
      metadata_version: 1,
    });
    expect(Array.isArray(metadata.description)).toBe(true);
    expect(Array.isArray(metadata.api_base_url)).toBe(true);
    expect(metadata.image).toEqual([request.image.slice(0, 64), request.image.slice(64)]);
  });

  it('holds only ledger-safe values: texts ≤ 64 bytes and integers', () => {
    const json = JSON.stringify(toCip25Metadata(registration));
    expect(json).not.toMatch(/null|true|false/);
    const walk = (value: unknown): void => {
      if (typeof value === 'string') expect(Buffer.byteLength(value)).toBeLessThanOrEqual(64);
      else if (typeof value === 'number') expect(Number.isSafeInteger(value)).toBe(true);
      else if (Array.isArray(value)) value.forEach(walk);
      else if (typeof value === 'object' && value !== null) Object.entries(value).forEach(([key, item]) => (walk(key), walk(item)));
      else throw new Error(`unexpected ${String(value)}`);
    };
    walk(JSON.parse(json));
  });

  it('omits absent optional fields instead of writing null', () => {
    const metadata = toCip25Metadata(
      AgentRegistrationFields.parse({ ...request, Legal: undefined, Author: { name: 'Ada' }, AgentPricing: { pricingType: 'Free' } }),
    );
    expect(metadata.legal).toBeUndefined();
    expect(metadata.author).toEqual({ name: 'Ada' });
    expect(metadata.agentPricing).toEqual({ pricingType: 'Free' });
  });

  it('refuses metadata too large for a registration transaction', () => {
    const huge = AgentRegistrationFields.parse({
      ...request,
      ExampleOutputs: Array.from({ length: 25 }, (_, index) => ({
        name: '🚀'.repeat(30),
        url: `https://example.com/${index}/${'é'.repeat(200)}`,
        mimeType: 'text/plain',
      })),
    });
    expect(metadataError(() => toCip25Metadata(huge)).field).toBe('metadata');
  });

  it.each([
    ['a fixed price', registration],
    ['free pricing and no optional fields', AgentRegistrationFields.parse({ ...request, Legal: undefined, ExampleOutputs: [], image: undefined, Author: { name: 'A' }, AgentPricing: { pricingType: 'Free' } })],
    ['texts of multi-byte characters straddling every boundary', AgentRegistrationFields.parse({ ...request, name: 'ä' + '🚀'.repeat(62), description: 'é'.repeat(250), Author: { name: '€'.repeat(250), contactOther: 'x' + '👩‍👩‍👧‍👦'.repeat(22) } })],
  ])('round-trips %s through JSON and back', (_label, original) => {
    const onChain: unknown = JSON.parse(JSON.stringify(toCip25Metadata(original)));
    expect(parseCip25Metadata(onChain)).toEqual(original);
  });
});

describe('reading metadata other registrants put on chain', () => {
  const minimal = {
    name: 'Other agent',
    api_base_url: 'https://other.example.com',
    agentPricing: { pricingType: 'Fixed', fixedPricing: [{ unit: '', amount: 2_000_000 }] },
  };

  it('accepts the bare minimum and fills defaults', () => {
    expect(parseCip25Metadata(minimal)).toEqual({
      name: 'Other agent',
      apiBaseUrl: 'https://other.example.com',
      Tags: [],
      ExampleOutputs: [],
      AgentPricing: { pricingType: 'Fixed', Pricing: [{ unit: '', amount: 2_000_000n }] },
      image: '',
      metadataVersion: 1,
    });
  });

  it('drops malformed descriptive fields instead of failing', () => {
    const parsed = parseCip25Metadata({
      ...minimal,
      description: 5,
      capability: { name: 'only a name' },
      author: 'not a map',
      legal: { terms: ['https://example.com/', 'terms'], other: null },
      tags: ['ok', 1, '', ['split ', 'tag']],
      example_output: [{ name: 'incomplete' }, { name: 'ok', url: 'https://e.com', mime_type: 'text/plain' }],
      image: ['ipfs://', 'abc'],
      metadata_version: '1',
    });
    expect(parsed).toMatchObject({
      Tags: ['ok', 'split tag'],
      Legal: { terms: 'https://example.com/terms' },
      ExampleOutputs: [{ name: 'ok', url: 'https://e.com', mimeType: 'text/plain' }],
      image: 'ipfs://abc',
    });
    expect(parsed.description).toBeUndefined();
    expect(parsed.Capability).toBeUndefined();
    expect(parsed.Author).toBeUndefined();
  });

  it('reads amounts written as decimal strings and units written in chunks', () => {
    const parsed = parseCip25Metadata({
      ...minimal,
      agentPricing: { pricingType: ['Fi', 'xed'], fixedPricing: [{ unit: [tokenUnit.slice(0, 64), tokenUnit.slice(64)], amount: '123' }] },
    });
    expect(parsed.AgentPricing).toEqual({ pricingType: 'Fixed', Pricing: [{ unit: tokenUnit, amount: 123n }] });
  });

  const priced = (fixedPricing: unknown) => ({ ...minimal, agentPricing: { pricingType: 'Fixed', fixedPricing } });
  it.each([
    ['metadata', 'not a map'],
    ['metadata', null],
    ['name', { ...minimal, name: undefined }],
    ['name', { ...minimal, name: '' }],
    ['api_base_url', { ...minimal, api_base_url: 42 }],
    ['agentPricing', { ...minimal, agentPricing: undefined }],
    ['agentPricing.pricingType', { ...minimal, agentPricing: { pricingType: 'Dynamic' } }],
    ['agentPricing.fixedPricing', priced([])],
    ['agentPricing.fixedPricing', priced('5 ADA')],
    ['agentPricing.fixedPricing[0]', priced(['x'])],
    ['agentPricing.fixedPricing[0].amount', priced([{ unit: '', amount: 0 }])],
    ['agentPricing.fixedPricing[0].amount', priced([{ unit: '', amount: -5 }])],
    ['agentPricing.fixedPricing[0].amount', priced([{ unit: '', amount: 1.5 }])],
    ['agentPricing.fixedPricing[0].amount', priced([{ unit: '', amount: 2 ** 60 }])],
    ['agentPricing.fixedPricing[0].amount', priced([{ unit: '', amount: '1e6' }])],
    ['agentPricing.fixedPricing[0].amount', priced([{ unit: '', amount: '9223372036854775808' }])],
    ['agentPricing.fixedPricing[0].amount', priced([{ unit: '' }])],
    ['agentPricing.fixedPricing[0].unit', priced([{ unit: 'ada', amount: 1 }])],
    ['agentPricing.fixedPricing[0].unit', priced([{ amount: 1 }])],
    ['agentPricing.fixedPricing', priced([{ unit: '', amount: 1 }, { unit: 'lovelace', amount: 2 }])],
    ['metadata_version', { ...minimal, metadata_version: 2 }],
  ])('is strict about %s', (field, json) => {
    expect(metadataError(() => parseCip25Metadata(json)).field).toBe(field);
  });
});
