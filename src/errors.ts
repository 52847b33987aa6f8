/** Every error the API can answer with, and the one HTTP status each maps to. */
const STATUS_BY_CODE = {
  VALIDATION_ERROR: 400,
  INVALID_JSON: 400,
  INSUFFICIENT_CREDITS: 400,
  INVALID_BLOCKCHAIN_IDENTIFIER: 400,
  WALLET_NOT_FOUND: 400,
  WEBHOOK_URL_NOT_ALLOWED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_OWNER: 403,
  NETWORK_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  API_KEY_NOT_FOUND: 404,
  PAYMENT_NOT_FOUND: 404,
  PURCHASE_NOT_FOUND: 404,
  PAYMENT_SOURCE_NOT_FOUND: 404,
  AGENT_NOT_FOUND: 404,
  REGISTRY_REQUEST_NOT_FOUND: 404,
  WEBHOOK_NOT_FOUND: 404,
  WEBHOOK_DELIVERY_NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  STALE_UPDATE: 409,
  DUPLICATE_PURCHASE: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  CHAIN_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof STATUS_BY_CODE;

export interface AppErrorOptions {
  /** Put under `error.details`. */
  details?: unknown;
  /** Put beside `error` at the top of the body, where Masumi clients look for it (e.g. `id`, `object` on 409). */
  topLevel?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: unknown;
  readonly topLevel: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.statusCode = STATUS_BY_CODE[code];
    this.details = options.details;
    this.topLevel = options.topLevel;
  }
}

export function statusOf(code: ErrorCode): number {
  return STATUS_BY_CODE[code];
}
