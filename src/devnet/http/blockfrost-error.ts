import { STATUS_CODES } from 'node:http';

/** The `error` text Blockfrost puts next to each status it uses. */
const ERROR_NAMES: Record<number, string> = {
  400: 'Bad Request',
  402: 'Project Over Limit',
  403: 'Forbidden',
  404: 'Not Found',
  418: 'Requested Banned',
  425: 'Mempool Full',
  429: 'Project Over Limit',
  500: 'Internal Server Error',
};

const DEFAULT_MESSAGES: Record<number, string> = {
  404: 'The requested component has not been found.',
  418: 'You have been auto-banned for flooding too much.',
  425: 'Mempool is full, please try resubmitting again later.',
  429: 'Usage is over limit.',
  500: 'An unexpected response was received from the backend.',
};

export interface BlockfrostErrorBody {
  readonly status_code: number;
  readonly error: string;
  readonly message: string;
}

export function blockfrostErrorBody(status: number, message?: string): BlockfrostErrorBody {
  return {
    status_code: status,
    error: ERROR_NAMES[status] ?? STATUS_CODES[status] ?? 'Error',
    message: message ?? DEFAULT_MESSAGES[status] ?? STATUS_CODES[status] ?? 'Error',
  };
}

/** Thrown by handlers; the server's error handler writes it in Blockfrost's shape. */
export class BlockfrostError extends Error {
  constructor(
    readonly status: number,
    message?: string,
  ) {
    super(message ?? DEFAULT_MESSAGES[status] ?? STATUS_CODES[status] ?? 'Error');
  }
}

export function notFound(): BlockfrostError {
  return new BlockfrostError(404);
}

/** The looked-up resource, or Blockfrost's 404. */
export function orNotFound<T>(value: T | undefined): T {
  if (value === undefined) throw notFound();
  return value;
}

/** A path parameter by name ('' when absent, which no lookup matches). */
export function param(params: unknown, name: string): string {
  const value = (params as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

export function badRequest(message: string): BlockfrostError {
  return new BlockfrostError(400, message);
}
