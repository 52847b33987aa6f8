import { randomUUID } from 'node:crypto';

export interface ApiResponse {
  status: number;
  body: any;
  raw: string;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Every response a test saw, for the secret scan. */
export class ResponseLog {
  readonly entries: { method: Method; path: string; status: number; raw: string }[] = [];
}

/**
 * The node's public API over real HTTP. POSTs carry an Idempotency-Key, so a retry after a 503 or a
 * lost answer is safe, as a careful client would do it.
 */
export class HttpApi {
  constructor(
    private readonly base: () => string,
    private readonly token: string,
    private readonly responses?: ResponseLog,
  ) {}

  async call(method: Method, path: string, payload?: unknown, options: { token?: string; idempotencyKey?: string } = {}): Promise<ApiResponse> {
    const isQuery = method === 'GET';
    const query = isQuery && payload ? `?${new URLSearchParams(payload as Record<string, string>).toString()}` : '';
    const headers: Record<string, string> = { token: options.token ?? this.token };
    if (!isQuery && payload !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    const response = await fetch(`${this.base()}/api/v1${path}${query}`, { method, headers, ...(isQuery || payload === undefined ? {} : { body: JSON.stringify(payload) }) });
    const raw = await response.text();
    this.responses?.entries.push({ method, path, status: response.status, raw });
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    return { status: response.status, body, raw };
  }

  /** Retries 503 (provider down) and connection failures with one Idempotency-Key; any other answer is returned. */
  async retrying(method: Method, path: string, payload?: unknown, timeoutMs = 60_000): Promise<ApiResponse> {
    const idempotencyKey = method === 'GET' ? undefined : randomUUID();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const response = await this.call(method, path, payload, idempotencyKey ? { idempotencyKey } : {});
        if (response.status !== 503 || Date.now() > deadline) return response;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** A call that must succeed (after retries): its `data`. */
  async ok(method: Method, path: string, payload?: unknown): Promise<any> {
    const response = await this.retrying(method, path, payload);
    if (response.status !== 200) throw new Error(`${method} ${path}: ${response.status} ${response.raw.slice(0, 2000)}`);
    return response.body.data;
  }
}
