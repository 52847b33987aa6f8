/**
 * npm run bench [-- --duration 10 --connections 10 --warmup 3 --only http,watcher,batching,memory --out bench-results.md]
 *
 * Prints one table: HTTP throughput and latency of the node next to bare Fastify routes (same
 * process, same database, same Prisma client), provider calls of a quiet watcher cycle, the delay
 * from a lock's block to the state change, batch sizes the jobs achieve, and the node's RSS.
 * Writes the same table as markdown to --out. Each run uses fresh databases and drops them.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startDevnet } from '../../src/devnet/index.js';
import { type BatchRow, benchBatching } from './batching-bench.js';
import { startBenchNode } from './bench-node.js';
import { createBenchDatabase } from './database.js';
import { benchHttp, type HttpRow } from './http-bench.js';
import { machine } from './machine.js';
import { benchMemory, type MemoryResult } from './memory-bench.js';
import { renderReport, type Report } from './report.js';
import { benchConfirmationDelay, benchWatcherCalls } from './watcher-bench.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    samples: { type: 'string', default: '8' },
    only: { type: 'string', default: 'watcher,batching,http,memory' },
    out: { type: 'string', default: 'bench-results.md' },
  },
});
const durationSec = Number(args.duration);
const connections = Number(args.connections);
const warmupSec = Number(args.warmup);
const parts = new Set(args.only.split(','));
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

const database = await createBenchDatabase();
const devnet = await startDevnet({ port: 0, blockIntervalMs: 200 });
let http: HttpRow[] = [];
const extra: Pick<Report, 'watcher' | 'confirmation'> & { batching?: BatchRow[]; memory?: MemoryResult } = {};
try {
  log('starting the node, funding wallets, registering an agent…');
  const node = await startBenchNode(devnet, database.url, { WATCHER_INTERVAL_MS: '2000' });
  try {
    // Chain parts first: the HTTP part leaves thousands of purchases waiting for the lock job.
    if (parts.has('watcher')) {
      log('watcher: quiet cycles with 0, 1,000 and 10,000 open requests…');
      extra.watcher = await benchWatcherCalls(node, devnet);
      log(`watcher: confirmation delay over ${args.samples} locks…`);
      extra.confirmation = await benchConfirmationDelay(node, devnet, Number(args.samples));
    }
    if (parts.has('batching')) {
      log('batching: 40 purchases locked, 40 results submitted…');
      extra.batching = await benchBatching(node, devnet);
    }
    if (parts.has('http')) http = await benchHttp(node, devnet, { connections, durationSec, warmupSec, log });
  } finally {
    await node.close();
  }
  if (parts.has('memory')) {
    log('memory: the real server in a child process…');
    extra.memory = await benchMemory(devnet, { connections, durationSec, log });
  }
} finally {
  await devnet.close();
  await database.drop();
}
const report = renderReport({ machine: machine(), settings: { connections, durationSec }, http, ...extra });
process.stdout.write(`${report}\n`);
await writeFile(args.out, `${report}\n`);
