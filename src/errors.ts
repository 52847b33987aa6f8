/** Every error the API can answer with, and the one HTTP status each maps to. */
const STATUS_BY_CODE = {
  VALIDATION_ERROR: 400,
  INVALID_JSON: 400,
  INSUFFICIENT_CREDITS: 400,
  INVALID_BLOCKCHAIN_IDENTIFIER: 400,
  AGENT_NOT_FOUND: 400,
  WALLET_NOT_FOUND: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NETWORK_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  API_KEY_NOT_FOUND: 404,
  PAYMENT_NOT_FOUND: 404,
  PURCHASE_NOT_FOUND: 404,
  PAYMENT_SOURCE_NOT_FOUND: 404,
  REGISTRY_REQUEST_NOT_FOUND: 404,
  WEBHOOK_NOT_FOUND: 404,
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

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.statusCode = STATUS_BY_CODE[code];
    this.details = details;
  }
}

export function statusOf(code: ErrorCode): number {
  return STATUS_BY_CODE[code];
}
