import { parseArgs } from 'node:util';
import { loadDevnetConfig } from '../config.js';
import { startDevnet } from './devnet.js';

const config = loadDevnetConfig();
// The chain stays in memory unless asked to persist it: `npm run devnet -- --state-dir <path>`.
const { values: args } = parseArgs({ options: { 'state-dir': { type: 'string' } } });
const stateDir = args['state-dir'];
const devnet = await startDevnet({
  port: config.port,
  host: config.host,
  blockIntervalMs: config.blockIntervalMs,
  logLevel: 'warn',
  ...(stateDir === undefined ? {} : { stateDir }),
});

// performance.now() counts from process start, so this includes loading Mesh and Scalus.
console.log(`devnet ready in ${Math.round(performance.now())} ms`);
console.log(`  Blockfrost URL (blockfrost-js customBackend, Mesh BlockfrostProvider): ${devnet.url}`);
console.log(`  admin routes: ${devnet.origin}/admin/… (topup, time/advance, rollback, faults, block, stats)`);
console.log(`  network id ${devnet.networkId}, slot 0 at ${new Date(devnet.slotConfig.zeroTime).toISOString()}, 1 s slots`);
console.log(`  blocks every ${config.blockIntervalMs} ms; faucet ${devnet.faucetAddress}`);
const restored = devnet.restored;
if (restored === undefined) console.log('  chain in memory only (--state-dir <path> keeps it across restarts)');
else {
  console.log(`  state in ${stateDir ?? ''}: tip at height ${restored.height}, ${restored.blocks} blocks replayed in ${restored.ms} ms`);
  if (restored.discardedBytes > 0) console.log(`  dropped a torn last journal line (${restored.discardedBytes} bytes)`);
}

const shutdown = (signal: string): void => {
  console.log(`devnet: ${signal}, closing`);
  devnet.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
