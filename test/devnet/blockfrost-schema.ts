import { getSchemaForEndpoint } from '@blockfrost/openapi';
import { Ajv, type ValidateFunction } from 'ajv';
import { expect } from 'vitest';

// The options @blockfrost/openapi's own validateSchema uses; its descriptive `format`s are not validators.
const ajv = new Ajv({ strict: false, logger: false });

/**
 * OpenAPI's `nullable` without a `type` (e.g. /scripts/{hash}/json's `json`) means "any value";
 * ajv refuses to compile it, so such a schema is read as having no constraint.
 */
function compilable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(compilable);
  if (typeof schema !== 'object' || schema === null) return schema;
  const entries = Object.entries(schema).map(([key, value]) => [key, compilable(value)] as const);
  const node = Object.fromEntries(entries) as Record<string, unknown>;
  if (node['nullable'] !== undefined && node['type'] === undefined) delete node['nullable'];
  return node;
}
const compiled = new Map<string, ValidateFunction>();

function validatorFor(endpoint: string, status: string): ValidateFunction {
  const key = `${endpoint} ${status}`;
  let validate = compiled.get(key);
  if (!validate) {
    const schema: unknown = getSchemaForEndpoint(endpoint).response[status];
    if (!schema) throw new Error(`Blockfrost publishes no ${status} schema for ${endpoint}`);
    validate = ajv.compile(compilable(schema) as object);
    compiled.set(key, validate);
  }
  return validate;
}

/** Asserts that `body` is what Blockfrost's published OpenAPI schema allows for `endpoint` (its path template). */
export function expectBlockfrostShape(endpoint: string, body: unknown, status = '200'): void {
  const validate = validatorFor(endpoint, status);
  const valid = validate(body);
  expect(valid, `${endpoint} ${status}: ${JSON.stringify(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`).toBe(true);
}
