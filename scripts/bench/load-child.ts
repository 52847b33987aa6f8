/**
 * Runs one autocannon load in its own process, so the load generator never shares an event loop
 * with the server it measures. Reads a LoadSpec (JSON file named by argv[2]) and prints a
 * LoadResult as JSON on its last line.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { LoadResult, LoadSpec } from './load.js';

const spec = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as LoadSpec;

function bodySource(): (() => string) | undefined {
  const bodies = spec.body;
  if (bodies.kind === 'none') return undefined;
  if (bodies.kind === 'list') {
    const list = JSON.parse(readFileSync(bodies.file, 'utf8')) as unknown[];
    let next = 0;
    // Each body once; past the end they repeat and show up as non-2xx (duplicates).
    return () => JSON.stringify(list[next++ % list.length]);
  }
  // A fresh purchaser identifier and input hash per request, as distinct clients would send.
  const MINUTE = 60_000;
  return () =>
    JSON.stringify({
      network: 'Preprod',
      agentIdentifier: bodies.agentIdentifier,
      inputHash: randomBytes(32).toString('hex'),
      identifierFromPurchaser: randomBytes(10).toString('hex'),
      payByTime: new Date(bodies.chainNowMs + 60 * MINUTE).toISOString(),
      submitResultTime: new Date(bodies.chainNowMs + 120 * MINUTE).toISOString(),
      unlockTime: new Date(bodies.chainNowMs + 140 * MINUTE).toISOString(),
      externalDisputeUnlockTime: new Date(bodies.chainNowMs + 160 * MINUTE).toISOString(),
    });
}

const nextBody = bodySource();
const headers: Record<string, string> = { ...spec.headers, ...(nextBody ? { 'content-type': 'application/json' } : {}) };
const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.durationSec,
  timeout: 30,
  requests: [
    {
      method: spec.method,
      path: spec.path,
      headers,
      ...(nextBody ? { setupRequest: (request: autocannon.Request) => ({ ...request, body: nextBody() }) } : {}),
    },
  ],
});
const output: LoadResult = {
  rps: result.requests.total / (result.duration || spec.durationSec),
  p50: result.latency.p50,
  p99: result.latency.p99,
  total: result.requests.total,
  ok: result['2xx'],
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
};
process.stdout.write(`${JSON.stringify(output)}\n`);
