import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../src/devnet/index.js';
import { Registry } from '../../src/metrics/prometheus.js';
import { createFundedSource, type DevnetNode, startDevnetNode, startTestDevnet } from '../helpers/devnet-node.js';
import { createTestApp } from '../helpers/test-app.js';
import { lovelaceAt } from '../e2e/two-nodes.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|\+Inf|-Inf|NaN))$/;

/** Parses Prometheus text format strictly: every line is a comment with HELP/TYPE or a well-formed sample. */
function parse(text: string): { samples: Sample[]; types: Map<string, string> } {
  expect(text.endsWith('\n')).toBe(true);
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  const helps = new Set<string>();
  for (const line of text.trimEnd().split('\n')) {
    const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (comment) {
      if (comment[1] === 'TYPE') types.set(comment[2]!, comment[3]!);
      else helps.add(comment[2]!);
      continue;
    }
    const match = SAMPLE_LINE.exec(line);
    expect(match, `malformed line: ${line}`).not.toBeNull();
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match![2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
    samples.push({ name: match![1]!, labels, value: match![3] === '+Inf' ? Infinity : Number(match![3]) });
  }
  for (const name of types.keys()) expect(helps.has(name), `HELP for ${name}`).toBe(true);
  for (const sample of samples) {
    const family = sample.name.replace(/_(bucket|sum|count)$/, '');
    expect(types.has(sample.name) || types.get(family) === 'histogram', `TYPE for ${sample.name}`).toBe(true);
  }
  return { samples, types };
}

function find(samples: Sample[], name: string, labels: Record<string, string> = {}): Sample[] {
  return samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
}

let devnet: Devnet;
let node: DevnetNode;
let source: { id: string };
let wallets: { seller: { address: string; vkey: string }; buyer: { address: string; vkey: string } };
let reader: string;

beforeAll(async () => {
  devnet = await startTestDevnet();
  node = await startDevnetNode(devnet);
  ({ source, wallets } = await createFundedSource(node, devnet, 3_000_000_000n));
  reader = (await node.createKey('Read')).token;
});
afterAll(async () => {
  await node?.close();
  await devnet?.close();
});

async function scrape(token: string | undefined = reader) {
  const response = await node.app.inject({ method: 'GET', url: '/metrics', headers: token ? { token } : {} });
  return response;
}

describe('GET /metrics', () => {
  it('needs a Read key unless METRICS_PUBLIC=true', async () => {
    expect((await scrape('')).statusCode).toBe(401);
    const open = await createTestApp({ METRICS_PUBLIC: 'true' });
    try {
      const response = await open.app.inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(200);
      parse(response.body);
    } finally {
      await open.close();
    }
  });

  it('serves valid Prometheus text with requests, jobs, chain lag, wallet balances and pending transactions', async () => {
    await node.runJobs('watch-chain', 'deliver-webhooks');
    await node.api('GET', '/health');
    await node.api('POST', '/webhooks/deliveries/some-delivery-id/redeliver', {});
    await node.app.inject({ method: 'GET', url: '/no/such/route' });
    await node.db.chainTransaction.create({ data: { txHash: randomBytes(32).toString('hex'), kind: 'FundsLocking', paymentSourceId: source.id, validUntil: BigInt(Date.now() + 600_000) } });

    const response = await scrape();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const { samples, types } = parse(response.body);

    expect(find(samples, 'payment_node_http_requests_total', { method: 'GET', route: '/api/v1/health', status: '200' })[0]?.value).toBeGreaterThanOrEqual(1);
    expect(find(samples, 'payment_node_http_requests_total', { method: 'POST', route: '/api/v1/webhooks/deliveries/:id/redeliver', status: '404' })).toHaveLength(1);
    expect(find(samples, 'payment_node_http_requests_total', { route: 'unmatched', status: '404' })).toHaveLength(1);
    expect(response.body, 'route patterns, never raw URLs').not.toContain('some-delivery-id');
    expect(types.get('payment_node_http_request_duration_seconds')).toBe('histogram');
    const buckets = find(samples, 'payment_node_http_request_duration_seconds_bucket', { method: 'GET', route: '/api/v1/health' });
    expect(buckets.map((b) => b.value)).toEqual([...buckets.map((b) => b.value)].sort((a, b) => a - b));
    expect(buckets.at(-1)).toMatchObject({ labels: { le: '+Inf' } });
    expect(buckets.at(-1)!.value).toBe(find(samples, 'payment_node_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/health' })[0]!.value);

    expect(find(samples, 'payment_node_job_runs_total', { job: 'watch-chain', outcome: 'ok' })[0]?.value).toBe(1);
    expect(find(samples, 'payment_node_job_duration_seconds_count', { job: 'deliver-webhooks', outcome: 'ok' })[0]?.value).toBe(1);

    const bySource = { payment_source: source.id, network: 'Preprod' };
    const tip = find(samples, 'payment_node_chain_tip_height', bySource)[0]!.value;
    const synced = find(samples, 'payment_node_chain_synced_block_height', bySource)[0]!.value;
    expect(tip).toBeGreaterThan(0);
    expect(find(samples, 'payment_node_chain_sync_lag_blocks', bySource)[0]!.value).toBe(tip - synced);
    expect(find(samples, 'payment_node_chain_sync_age_seconds', bySource)[0]!.value).toBeGreaterThanOrEqual(0);
    expect(find(samples, 'payment_node_chain_up', bySource)[0]!.value).toBe(1);

    const selling = find(samples, 'payment_node_wallet_balance_lovelace', { ...bySource, wallet_type: 'Selling', wallet_vkey: wallets.seller.vkey })[0]!;
    expect(BigInt(selling.value)).toBe(await lovelaceAt(devnet, wallets.seller.address));
    expect(find(samples, 'payment_node_wallet_balance_lovelace', { ...bySource, wallet_type: 'Purchasing', wallet_vkey: wallets.buyer.vkey })[0]!.value).toBe(3_000_000_000);

    expect(find(samples, 'payment_node_pending_transactions', { payment_source: source.id })[0]?.value).toBe(1);
    expect(find(samples, 'payment_node_webhook_deliveries_pending')[0]?.value).toBe(0);
  });

  it('chain reads are cached: frequent scrapes cost the provider nothing more', async () => {
    await scrape();
    const before = devnet.stats().total;
    for (let i = 0; i < 5; i++) expect((await scrape()).statusCode).toBe(200);
    expect(devnet.stats().total).toBe(before);
  });
});

describe('the text format helper', () => {
  it('escapes label values and renders histograms cumulatively', () => {
    const registry = new Registry();
    registry.counter('c_total', 'a "counter"\nwith help', ['path']).inc({ path: 'a"b\\c\nd' }, 2);
    const histogram = registry.histogram('h_seconds', 'h', ['job'], [0.1, 1]);
    histogram.observe({ job: 'x' }, 0.05);
    histogram.observe({ job: 'x' }, 0.5);
    histogram.observe({ job: 'x' }, 5);
    const text = registry.render();
    expect(text).toContain('c_total{path="a\\"b\\\\c\\nd"} 2');
    expect(text).toContain('h_seconds_bucket{job="x",le="0.1"} 1\nh_seconds_bucket{job="x",le="1"} 2\nh_seconds_bucket{job="x",le="+Inf"} 3\nh_seconds_sum{job="x"} 5.55\nh_seconds_count{job="x"} 3');
    parse(text);
    expect(() => registry.counter('c_total', 'again')).toThrow(/twice/);
  });
});
