export interface FaultConfig {
  /** Fraction of non-admin requests to fail, 0–1. */
  readonly rate: number;
  /** Statuses to answer with, picked at random per failed request. */
  readonly statuses: readonly number[];
}

export interface StatsSnapshot {
  readonly total: number;
  readonly faulted: number;
  /** Keyed by `METHOD /route/:pattern`; unmatched paths count under `METHOD (unmatched)`. */
  readonly routes: Readonly<Record<string, number>>;
}

/** Counts provider calls per route, so benchmarks can tell how many requests a flow costs. */
export class RequestStats {
  private readonly counts = new Map<string, number>();
  private total = 0;
  private faulted = 0;

  record(key: string, faulted: boolean): void {
    this.total += 1;
    if (faulted) this.faulted += 1;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  snapshot(): StatsSnapshot {
    return { total: this.total, faulted: this.faulted, routes: Object.fromEntries(this.counts) };
  }

  reset(): void {
    this.counts.clear();
    this.total = 0;
    this.faulted = 0;
  }
}

/** Decides which requests fail; the random source is injectable so a test can make it deterministic. */
export class FaultInjector {
  private config: FaultConfig = { rate: 0, statuses: [500] };

  constructor(private readonly random: () => number = Math.random) {}

  configure(config: FaultConfig): void {
    if (!(config.rate >= 0 && config.rate <= 1)) throw new RangeError('rate must be between 0 and 1');
    if (config.rate > 0 && config.statuses.length === 0) throw new RangeError('statuses must not be empty');
    if (config.statuses.some((status) => !Number.isInteger(status) || status < 400 || status > 599)) {
      throw new RangeError('statuses must be HTTP error statuses (400–599)');
    }
    this.config = { rate: config.rate, statuses: [...config.statuses] };
  }

  current(): FaultConfig {
    return this.config;
  }

  /** The status to fail this request with, or undefined to serve it. */
  pick(): number | undefined {
    const { rate, statuses } = this.config;
    if (rate === 0 || this.random() >= rate) return undefined;
    return statuses[Math.floor(this.random() * statuses.length)] ?? statuses[0];
  }
}
