/**
 * A minimal Prometheus text-format (0.0.4) registry: counters, gauges and histograms with labels.
 * Small enough to own, so the node needs no metrics dependency.
 */

export type Labels = Readonly<Record<string, string>>;

function escapeLabel(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function labelText(names: readonly string[], values: readonly string[], extra?: [string, string]): string {
  const pairs = names.map((name, i) => `${name}="${escapeLabel(values[i] ?? '')}"`);
  if (extra) pairs.push(`${extra[0]}="${escapeLabel(extra[1])}"`);
  return pairs.length > 0 ? `{${pairs.join(',')}}` : '';
}

abstract class Metric<Cell> {
  protected readonly cells = new Map<string, { values: string[]; cell: Cell }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {}

  protected cellFor(labels: Labels, create: () => Cell): Cell {
    const values = this.labelNames.map((name) => labels[name] ?? '');
    const key = values.join('\u0000');
    let entry = this.cells.get(key);
    if (!entry) {
      entry = { values, cell: create() };
      this.cells.set(key, entry);
    }
    return entry.cell;
  }

  abstract readonly type: 'counter' | 'gauge' | 'histogram';
  protected abstract samples(values: string[], cell: Cell): string[];

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help.replaceAll('\\', '\\\\').replaceAll('\n', '\\n')}`, `# TYPE ${this.name} ${this.type}`];
    for (const { values, cell } of this.cells.values()) lines.push(...this.samples(values, cell));
    return lines.join('\n');
  }
}

export class Counter extends Metric<{ value: number }> {
  readonly type = 'counter';

  inc(labels: Labels = {}, by = 1): void {
    this.cellFor(labels, () => ({ value: 0 })).value += by;
  }

  protected samples(values: string[], cell: { value: number }): string[] {
    return [`${this.name}${labelText(this.labelNames, values)} ${formatNumber(cell.value)}`];
  }
}

/** Gauges here are filled at scrape time: `reset()` then `set()` for what exists now. */
export class Gauge extends Metric<{ value: number }> {
  readonly type = 'gauge';

  set(labels: Labels, value: number): void {
    this.cellFor(labels, () => ({ value: 0 })).value = value;
  }

  reset(): void {
    this.cells.clear();
  }

  protected samples(values: string[], cell: { value: number }): string[] {
    return [`${this.name}${labelText(this.labelNames, values)} ${formatNumber(cell.value)}`];
  }
}

interface HistogramCell {
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram extends Metric<HistogramCell> {
  readonly type = 'histogram';

  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly buckets: readonly number[],
  ) {
    super(name, help, labelNames);
  }

  observe(labels: Labels, value: number): void {
    const cell = this.cellFor(labels, () => ({ counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    this.buckets.forEach((bound, i) => {
      if (value <= bound) cell.counts[i] = (cell.counts[i] ?? 0) + 1;
    });
    cell.sum += value;
    cell.count += 1;
  }

  protected samples(values: string[], cell: HistogramCell): string[] {
    const lines = this.buckets.map((bound, i) => `${this.name}_bucket${labelText(this.labelNames, values, ['le', formatNumber(bound)])} ${cell.counts[i] ?? 0}`);
    lines.push(`${this.name}_bucket${labelText(this.labelNames, values, ['le', '+Inf'])} ${cell.count}`);
    lines.push(`${this.name}_sum${labelText(this.labelNames, values)} ${formatNumber(cell.sum)}`);
    lines.push(`${this.name}_count${labelText(this.labelNames, values)} ${cell.count}`);
    return lines;
  }
}

export class Registry {
  readonly #metrics: { readonly name: string; render(): string }[] = [];

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.#add(new Counter(name, help, labelNames));
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    return this.#add(new Gauge(name, help, labelNames));
  }

  histogram(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]): Histogram {
    return this.#add(new Histogram(name, help, labelNames, buckets));
  }

  render(): string {
    return `${this.#metrics.map((metric) => metric.render()).join('\n')}\n`;
  }

  #add<M extends { readonly name: string; render(): string }>(metric: M): M {
    if (this.#metrics.some((existing) => existing.name === metric.name)) throw new Error(`metric ${metric.name} registered twice`);
    this.#metrics.push(metric);
    return metric;
  }
}
