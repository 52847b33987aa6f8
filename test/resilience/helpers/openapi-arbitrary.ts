import fc from 'fast-check';

/** The part of JSON Schema (as @fastify/swagger writes it from zod) the fuzzer understands. */
export interface Schema {
  type?: string | string[];
  $ref?: string;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  format?: string;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean; schema: Schema }[]; requestBody?: { content?: Record<string, { schema: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Known-good values per field name (ids, identifiers, keys of real rows), mixed into what the schema allows. */
export type SeedPool = Record<string, readonly unknown[]>;

const MAX_STRING = 300;

function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.split('/').at(-1) ?? '';
  const target = doc.components?.schemas?.[name];
  if (!target) throw new Error(`unresolved ${schema.$ref}`);
  return resolve(doc, target);
}

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const maxLength = Math.min(schema.maxLength ?? MAX_STRING, MAX_STRING);
  const minLength = Math.min(schema.minLength ?? 0, maxLength);
  if (schema.pattern) {
    return fc.stringMatching(new RegExp(schema.pattern)).map((value) => value.slice(0, Math.max(maxLength, 1)));
  }
  if (schema.format === 'uri' || schema.format === 'url') return fc.webUrl();
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
  const unit: fc.Arbitrary<string> = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...'abcdef0123456789 -_:./') }, { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) });
  return fc.string({ minLength, maxLength, unit });
}

/**
 * An arbitrary for values `schema` accepts (mostly: patterns and lengths are honoured as far as
 * fast-check can, so some values are near misses — also worth sending). Fields named in `seeds`
 * often take one of the seeded values instead, so requests reach the code behind validation.
 */
export function arbitraryFor(doc: OpenApiDocument, raw: Schema, seeds: SeedPool, field = ''): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  const seeded = seeds[field];
  const base = baseArbitrary(doc, schema, seeds);
  const withNull = schema.nullable ? fc.option(base, { nil: null, freq: 5 }) : base;
  return seeded && seeded.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...seeded) }, { weight: 2, arbitrary: withNull }) : withNull;
}

function baseArbitrary(doc: OpenApiDocument, schema: Schema, seeds: SeedPool): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((alternative) => arbitraryFor(doc, alternative, seeds)));
  if (schema.allOf) return arbitraryFor(doc, Object.assign({}, ...schema.allOf.map((part) => resolve(doc, part))) as Schema, seeds);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1e12, Number.MIN_SAFE_INTEGER), max: Math.min(schema.maximum ?? 1e15, Number.MAX_SAFE_INTEGER) });
    case 'number':
      return fc.double({ noNaN: true, min: schema.minimum ?? -1e15, max: schema.maximum ?? 1e15 });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items ? arbitraryFor(doc, schema.items, seeds) : fc.jsonValue(), {
        minLength: Math.min(schema.minItems ?? 0, 3),
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'object':
    case undefined: {
      if (!schema.properties) return fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
      const shape = Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, arbitraryFor(doc, property, seeds, name)]));
      return fc.record(shape, { requiredKeys: (schema.required ?? []).filter((name) => name in shape) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
