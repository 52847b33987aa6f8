import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/** Where in `value` a string (or a key) holds U+0000, e.g. `body.Amounts.0.unit`; undefined when none does. */
function nulAt(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (typeof value !== 'object' || value === null || depth > 64) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if (key.includes('\u0000')) return at;
    const found = nulAt(item, at, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * PostgreSQL cannot store U+0000 in text, and no field of this API needs it: a request carrying one
 * anywhere is bad input (400 naming the field), not a database error (500).
 */
export function rejectNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const field = nulAt(request.params, 'params') ?? nulAt(request.query, 'query') ?? nulAt(request.body, 'body');
    if (field) throw new AppError('VALIDATION_ERROR', `${field}: must not contain the NUL character (U+0000)`);
  });
}
