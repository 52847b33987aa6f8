import { loadDevnetConfig } from '../config.js';
import { startDevnet } from './devnet.js';

const config = loadDevnetConfig();
const devnet = await startDevnet({ port: config.port, host: config.host, blockIntervalMs: config.blockIntervalMs, logLevel: 'warn' });

// performance.now() counts from process start, so this includes loading Mesh and Scalus.
console.log(`devnet ready in ${Math.round(performance.now())} ms`);
console.log(`  Blockfrost URL (blockfrost-js customBackend, Mesh BlockfrostProvider): ${devnet.url}`);
console.log(`  admin routes: ${devnet.origin}/admin/… (topup, time/advance, rollback, faults, block, stats)`);
console.log(`  network id ${devnet.networkId}, slot 0 at ${new Date(devnet.slotConfig.zeroTime).toISOString()}, 1 s slots`);
console.log(`  blocks every ${config.blockIntervalMs} ms; faucet ${devnet.faucetAddress}`);

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
