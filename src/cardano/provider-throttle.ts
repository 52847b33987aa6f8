/** A token bucket: `burst` requests at once, refilled at `perSecond`. */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

/** Blockfrost's published limit, per client IP: 10 requests a second, bursts of 500 that refill at that rate. */
export const BLOCKFROST_RATE_LIMIT: RateLimit = Object.freeze({ perSecond: 10, burst: 500 });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Paces every HTTP request to one provider. Callers are served in arrival order; a 429 from the
 * provider empties the bucket and pauses it, so the whole node slows down, not just the caller.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;
  private pausedUntil = 0;
  private line: Promise<void> = Promise.resolve();

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = limit.burst;
    this.refilledAt = now();
  }

  /** Resolves when this request may be sent. */
  take(): Promise<void> {
    const turn = this.line.then(() => this.waitForToken());
    this.line = turn;
    return turn;
  }

  /** The provider said "too many requests": nobody sends for `ms`, and no burst follows. */
  pause(ms: number): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /** Nothing accrues while paused. */
  private refill(): void {
    const now = this.now();
    const from = Math.max(this.refilledAt, Math.min(this.pausedUntil, now));
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - from) / 1000) * this.limit.perSecond);
    this.refilledAt = now;
  }

  private async waitForToken(): Promise<void> {
    for (;;) {
      this.refill();
      const paused = this.pausedUntil - this.now();
      const empty = this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.limit.perSecond) * 1000;
      const wait = Math.max(paused, empty);
      if (wait <= 0) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(wait));
    }
  }
}

export interface Backoff {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  readonly baseMs: number;
  readonly capMs: number;
}

/** Five attempts over about 1.5–3 s: a provider hiccup does not fail a job run or an API call. */
export const READ_BACKOFF: Backoff = Object.freeze({ attempts: 5, baseMs: 200, capMs: 5_000 });

/** Exponential with "equal jitter": half of the step is fixed, half random, so clients spread out but never hammer. */
export function backoffDelayMs(backoff: Backoff, retry: number, random: () => number = Math.random): number {
  const step = Math.min(backoff.capMs, backoff.baseMs * 2 ** retry);
  return step / 2 + random() * (step / 2);
}

/** Statuses after which the provider did not serve the request and a read may be asked again. */
const TRANSIENT_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504, 520, 521, 522, 524]);
/** Network failures of a read: the read may be repeated. */
const TRANSIENT_CODES = new Set(['ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EPROTO', 'ERR_GOT_REQUEST_ERROR']);

export interface ProviderFailure {
  /** HTTP status from the provider, if it answered. */
  readonly status: number | undefined;
  /** Network error code, if it did not. */
  readonly code: string | undefined;
}

export const isTransientForRead = (failure: ProviderFailure): boolean =>
  (failure.status !== undefined && TRANSIENT_STATUSES.has(failure.status)) || (failure.code !== undefined && TRANSIENT_CODES.has(failure.code));

/**
 * A submission is repeated only when the provider certainly did not take it: a 429 (refused before
 * processing) or a connection that was never made. Anything else is left to the transaction
 * monitor, which resubmits the same signed bytes.
 */
export const isRefusedBeforeProcessing = (failure: ProviderFailure): boolean => failure.status === 429 || failure.code === 'ECONNREFUSED';

/** Runs `call` under the bucket, repeating it after `retryable` failures with backoff; a 429 pauses the bucket. */
export async function withBackoff<T>(
  bucket: TokenBucket | undefined,
  backoff: Backoff,
  failureOf: (error: unknown) => ProviderFailure,
  retryable: (failure: ProviderFailure) => boolean,
  call: () => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const failure = failureOf(error);
      if (attempt + 1 >= backoff.attempts || !retryable(failure)) throw error;
      const delay = backoffDelayMs(backoff, attempt);
      if (failure.status === 429) bucket?.pause(delay);
      await sleep(delay);
    }
  }
}
