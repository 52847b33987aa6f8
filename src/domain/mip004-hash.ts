import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';

export class Mip004InputError extends Error {
  override readonly name = 'Mip004InputError';
  constructor(readonly field: 'input' | 'output', message: string) {
    super(message);
  }
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// canonicalize() turns undefined, functions and symbols into the text "undefined"
// instead of failing: such an input would hash to a value no other implementation can reproduce.
function canonicalJson(input: unknown): string {
  const type = typeof input;
  if (input === undefined || type === 'function' || type === 'symbol' || type === 'bigint') {
    throw new Mip004InputError('input', `input must be a JSON value, got ${type}`);
  }
  try {
    return canonicalize(input);
  } catch (error) {
    throw new Mip004InputError('input', `input is not representable as RFC 8785 JSON: ${(error as Error).message}`);
  }
}

/** MIP-004 input hash: sha256_hex(identifierFromPurchaser + ";" + RFC 8785 canonical JSON of the input). */
export function createInputHash(identifierFromPurchaser: string, input: unknown): string {
  return sha256Hex(`${identifierFromPurchaser};${canonicalJson(input)}`);
}

/**
 * MIP-004 result hash: sha256_hex(identifierFromPurchaser + ";" + the output JSON-escaped without its quotes).
 * JSON.stringify escapes exactly what Python's json.dumps(ensure_ascii=False) escapes, which is what the
 * Masumi SDK uses, so non-ASCII characters stay literal UTF-8.
 */
export function createResultHash(identifierFromPurchaser: string, output: string): string {
  if (typeof output !== 'string') {
    throw new Mip004InputError('output', `output must be a string, got ${typeof output}`);
  }
  return sha256Hex(`${identifierFromPurchaser};${JSON.stringify(output).slice(1, -1)}`);
}
