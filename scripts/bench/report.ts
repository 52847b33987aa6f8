import type { BatchRow } from './batching-bench.js';
import type { HttpRow } from './http-bench.js';
import { describeMachine, type Machine } from './machine.js';
import type { MemoryResult } from './memory-bench.js';
import type { ConfirmationDelay, WatcherCalls } from './watcher-bench.js';

/** Largest batch bench:chain measured under every limit (inline escrow script, as the jobs build). */
export const BENCH_CHAIN_MAX: Record<string, number> = { Lock: 38, SubmitResult: 24 };

export interface Report {
  machine: Machine;
  settings: { connections: number; durationSec: number };
  http: HttpRow[];
  watcher?: { rows: WatcherCalls[]; sources: number };
  confirmation?: ConfirmationDelay;
  batching?: BatchRow[];
  memory?: MemoryResult;
}

const num = (value: number, digits = 0) => value.toFixed(digits);
const mark = (ok: boolean) => (ok ? '✓' : '✗');

export function renderReport(report: Report): string {
  const rows: string[][] = [];
  for (const row of report.http) {
    const failed = row.node.non2xx + row.node.errors;
    rows.push([
      `HTTP ${row.route}`,
      `${num(row.node.rps)} req/s, p50 ${row.node.p50} ms, p99 ${row.node.p99} ms${failed > 0 ? ` (${failed} non-2xx)` : ''}`,
      `bare ORM ${num(row.bare.rps)} req/s, p50 ${row.bare.p50} ms, p99 ${row.bare.p99} ms; node/bare **${num(row.ratio, 2)}** · bare SQL ${num(row.bareSql.rps)} req/s, p50 ${row.bareSql.p50} ms; node/bare SQL ${num(row.ratioSql, 2)}`,
      `≥ 0.5 ${mark(row.ratio >= 0.5)}`,
    ]);
  }
  if (report.watcher) {
    const perSource = report.watcher.sources || 1;
    for (const row of report.watcher.rows) {
      rows.push([`Watcher: provider calls per quiet cycle, ${row.openRequests.toLocaleString('en')} open requests`, `${row.calls} (${report.watcher.sources} payment source${perSource === 1 ? '' : 's'})`, Object.entries(row.routes).map(([route, n]) => `${route} ×${n}`).join(', '), `≤ 2 per source ${mark(row.calls <= 2 * perSource)}`]);
    }
  }
  if (report.confirmation) {
    const { delaysMs, intervalMs, longestCycleMs } = report.confirmation;
    const sorted = [...delaysMs].sort((a, b) => a - b);
    const max = sorted.at(-1) ?? 0;
    const within = delaysMs.filter((delay) => delay <= intervalMs).length;
    rows.push([
      `Watcher: lock's block → payment FundsLocked (${delaysMs.length} locks)`,
      `median ${num(sorted[Math.floor(sorted.length / 2)] ?? 0)} ms, max ${num(max)} ms`,
      `watch-chain on its timer, WATCHER_INTERVAL_MS ${intervalMs}; longest cycle ${num(longestCycleMs)} ms`,
      `≤ ${intervalMs} ms: ${within}/${delaysMs.length} ${mark(within === delaysMs.length)}${max <= intervalMs + longestCycleMs ? '; all ≤ interval + cycle' : ''}`,
    ]);
  }
  for (const row of report.batching ?? []) {
    const action = row.action.split(' ')[0] ?? '';
    const max = BENCH_CHAIN_MAX[action];
    const first = row.perTx[0] ?? 0;
    rows.push([`Batching: ${row.action}, ${row.requests} requests`, `${row.perTx.join(' + ')} per transaction`, `batchLimit ${row.limit}; bench:chain max ${max ?? '?'}`, `= batchLimit ${mark(first === Math.min(row.limit, row.requests))}`]);
  }
  if (report.memory) {
    const m = report.memory;
    rows.push(['Memory: RSS of `node --import tsx src/server.ts` (child process, /proc)', `idle ${num(m.idleMb)} MB; under load peak ${num(m.peakUnderLoadMb)} MB; 2 s after ${num(m.afterLoadMb)} MB`, m.loads.join(', '), '']);
  }
  const lines = [
    `Machine: ${describeMachine(report.machine)}. HTTP: autocannon ${report.settings.connections} connections × ${report.settings.durationSec} s per run (in a child process), LOG_LEVEL=warn, PostgreSQL 127.0.0.1:5432; bare = Fastify without plugins + one query (insert, or select of 100 rows) on the node's database client, same process and database — bare ORM through Prisma (the target's yardstick), bare SQL as plain SQL on the same pool; node and bare routes alternate in 3 rounds.`,
    '',
    '| Measure | Node | Reference | Target |',
    '|---|---|---|---|',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ];
  return lines.join('\n');
}
