import fc from 'fast-check';
import { arbitraryFor, type OpenApiDocument, type Schema, type SeedPool } from './openapi-arbitrary.js';

export const KEY_LEVELS = ['None', 'Unknown', 'Revoked', 'Read', 'ReadAndPay', 'Admin', 'PreprodOnly', 'MainnetOnly', 'UsageLimited'] as const;
export type KeyLevel = (typeof KEY_LEVELS)[number];

export interface FuzzRequest {
  query?: Record<string, unknown> | undefined;
  body?: unknown;
}

export interface FuzzCase {
  /** `METHOD /api/v1/path/{param}` as in the OpenAPI document. */
  route: string;
  method: string;
  url: string;
  keyLevel: KeyLevel;
  query?: Record<string, string | string[]>;
  body?: unknown;
  /** Sent as is (not JSON-encoded): junk bodies. */
  rawBody?: string;
  contentType?: string;
  idempotencyKey?: string;
}

const JUNK_BODIES = [
  '',
  '{',
  'null',
  '[]',
  '"text"',
  '12345678901234567890123456789',
  '1e400',
  '{"__proto__":{"permission":"Admin","isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  `${'['.repeat(2000)}${']'.repeat(2000)}`,
  `{"a":"${'x'.repeat(300_000)}"}`,
  '{"network":"Preprod","network":"Mainnet"}',
  '\u0000\u0001\u0002',
  '{"id":"\\ud800"}',
];

const CONTENT_TYPES = ['application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'application/cbor'];

const jsonish = fc.jsonValue({ maxDepth: 3 });
const hugeString = fc.constantFrom('x'.repeat(10_000), '9'.repeat(400), '-1', '0x10', ' ', '\u202e\u0000', '../../etc/passwd', "' OR 1=1 --", '${7*7}', '<script>', 'NaN', 'Infinity');

/** Changes a valid request a little: drops, adds, retypes or blows up one field. */
function mutated(template: FuzzRequest): fc.Arbitrary<FuzzRequest> {
  const target = template.body && typeof template.body === 'object' && !Array.isArray(template.body) ? 'body' : 'query';
  const fields = Object.keys((template[target] ?? {}));
  const edit = fc.record({ kind: fc.constantFrom('keep', 'drop', 'unknown', 'retype', 'huge', 'null'), field: fc.nat(), value: fc.oneof(jsonish, hugeString) });
  return fc.array(edit, { minLength: 0, maxLength: 2 }).map((edits) => {
    const copy = structuredClone(template);
    const object = { ...((copy[target] ?? {}) as Record<string, unknown>) };
    for (const { kind, field, value } of edits) {
      const name = fields.length > 0 ? fields[field % fields.length]! : 'x';
      if (kind === 'drop') delete object[name];
      else if (kind === 'unknown') object[`extra_${field % 7}`] = value;
      else if (kind === 'retype') object[name] = value;
      else if (kind === 'huge') object[name] = typeof value === 'string' ? value : 'x'.repeat(10_000);
      else if (kind === 'null') object[name] = null;
    }
    return { ...copy, [target]: object };
  });
}

function junk(method: string): fc.Arbitrary<FuzzRequest & { rawBody?: string; contentType?: string }> {
  const query = fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('limit', 'cursorId', 'network', 'id', 'includeSecret', '__proto__')), fc.oneof(fc.string({ maxLength: 40 }), hugeString, fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 })), { maxKeys: 4 });
  if (method === 'GET' || method === 'DELETE') return fc.record({ query }, { requiredKeys: [] });
  return fc.oneof(
    fc.record({ rawBody: fc.oneof(fc.constantFrom(...JUNK_BODIES), fc.string({ maxLength: 200 }), fc.json().map((json) => json.slice(0, Math.max(1, json.length - 1)))), contentType: fc.constantFrom(...CONTENT_TYPES) }),
    fc.record({ body: jsonish }),
    fc.record({ query, body: fc.dictionary(fc.string({ maxLength: 16 }), jsonish, { maxKeys: 5 }) }),
  );
}

const stringify = (value: unknown): string | string[] => (Array.isArray(value) ? value.map((item) => String(item)) : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));

/**
 * `total` requests spread evenly over the document's routes: from the schemas (with seeded values),
 * from valid templates with small mutations, and junk; each with a random key level, sometimes an
 * Idempotency-Key (valid or not) and a trailing slash. Deterministic for a seed.
 */
export function fuzzCases(doc: OpenApiDocument, seeds: SeedPool, templates: Record<string, FuzzRequest[]>, total: number, seed: number): FuzzCase[] {
  const routes = Object.entries(doc.paths).flatMap(([path, operations]) => Object.entries(operations).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })));
  const perRoute = Math.ceil(total / routes.length);
  const cases: FuzzCase[] = [];
  routes.forEach(({ path, method, operation }, index) => {
    const route = `${method} ${path}`;
    const parameters = operation.parameters ?? [];
    const queryShape: Record<string, fc.Arbitrary<unknown>> = {};
    const required: string[] = [];
    for (const parameter of parameters.filter((p) => p.in === 'query')) {
      queryShape[parameter.name] = arbitraryFor(doc, parameter.schema, seeds, parameter.name);
      if (parameter.required) required.push(parameter.name);
    }
    const bodySchema: Schema | undefined = operation.requestBody?.content?.['application/json']?.schema;
    const fromSchema = fc.record({
      query: fc.record(queryShape, { requiredKeys: required }),
      body: bodySchema ? arbitraryFor(doc, bodySchema, seeds) : fc.constant(undefined),
    });
    const known = templates[route.replace(/\{(\w+)\}/g, ':$1')] ?? [];
    const request = fc.oneof(
      { weight: 4, arbitrary: fromSchema.map((r): FuzzRequest => ({ ...r })) },
      { weight: known.length > 0 ? 3 : 0, arbitrary: known.length > 0 ? fc.constantFrom(...known).chain(mutated) : fc.constant({}) },
      { weight: 2, arbitrary: junk(method) },
    );
    const pathParam = fc.oneof(fc.constantFrom(...((seeds.id ?? ['x']) as string[])), fc.string({ minLength: 1, maxLength: 30 }));
    const arbitrary = fc.record({
      keyLevel: fc.constantFrom(...KEY_LEVELS),
      request,
      param: pathParam,
      slash: fc.boolean(),
      idempotencyKey: fc.option(fc.oneof(fc.uuid(), fc.string({ maxLength: 300 })), { freq: 3, nil: undefined }),
    });
    for (const sample of fc.sample(arbitrary, { numRuns: perRoute, seed: seed + index })) {
      const filled = path.replace(/\{\w+\}/g, encodeURIComponent(sample.param));
      const c: FuzzCase = { route, method, url: sample.slash ? `${filled}/` : filled, keyLevel: sample.keyLevel };
      const r = sample.request as FuzzCase & FuzzRequest;
      if (r.query) c.query = Object.fromEntries(Object.entries(r.query).filter(([, value]) => value !== undefined).map(([key, value]) => [key, stringify(value)]));
      if (method !== 'GET' && r.body !== undefined) c.body = r.body;
      if (r.rawBody !== undefined) c.rawBody = r.rawBody;
      if (r.contentType !== undefined) c.contentType = r.contentType;
      if (sample.idempotencyKey !== undefined && method === 'POST') c.idempotencyKey = sample.idempotencyKey;
      cases.push(c);
    }
  });
  return cases.slice(0, Math.max(total, routes.length));
}
