import { ChainClock, type DevnetSlotConfig } from './chain-clock.js';
import type { TxLocation } from './chain-index.js';
import { genesisFor, restoreChain, type RestoreReport } from './chain-restore.js';
import { DevnetControl, summarize, type BlockSummary, type RollbackResult } from './devnet-control.js';
import { Faucet } from './faucet.js';
import { API_PREFIX, buildDevnetServer, type DevnetLogLevel } from './http/devnet-server.js';
import { Ledger, type DroppedTx, type RollbackMode } from './ledger.js';
import type { FaultConfig, StatsSnapshot } from './request-stats.js';
import { DevnetStateDir } from './state-dir.js';

export interface DevnetOptions {
  /** 0 (the default) picks a free port, so parallel tests each get their own devnet. */
  readonly port?: number;
  readonly host?: string;
  /** Block interval of the timer; default 1000 ms. */
  readonly blockIntervalMs?: number;
  /** Start the block timer at once (default true); tests that forge blocks by hand pass false. */
  readonly autoBlocks?: boolean;
  /** POSIX ms of slot 0 (rounded down to a second); default: now. */
  readonly systemStartMs?: number;
  /** Lovelace the faucet holds at genesis; default 1 billion ADA. */
  readonly faucetLovelace?: bigint;
  /** Deepest rollback allowed (Blockfrost's /genesis `security_param`); default 2160. */
  readonly securityParam?: number;
  /** Server log level (pino); default silent. `info` logs every request, `warn` only failures. */
  readonly logLevel?: DevnetLogLevel;
  /**
   * Directory (created owner-only) that keeps the chain across restarts: the genesis with the
   * faucet's mnemonic, and a journal of every block, rollback and clock advance. Starting on an
   * existing one replays the journal: same blocks, hashes, UTxOs and faucet; chain time goes on from
   * where it was. The mempool is not kept. Without it the chain lives in memory only.
   * Once created, the directory's genesis wins: a different systemStartMs, faucetLovelace or securityParam is refused.
   */
  readonly stateDir?: string;
}

export interface Devnet {
  /** Blockfrost base URL, `http://127.0.0.1:<port>/api/v0`: give it to blockfrost-js `customBackend` and Mesh `BlockfrostProvider(url)`. */
  readonly url: string;
  /** `http://127.0.0.1:<port>`: the Blockfrost and admin routes also answer here, without the prefix. */
  readonly origin: string;
  readonly port: number;
  /** 0: testnet addresses (addr_test…), like Preprod. */
  readonly networkId: 0;
  /** Mesh's SlotConfig: slot 0 at `zeroTime`, 1 s slots. */
  readonly slotConfig: DevnetSlotConfig;
  readonly faucetAddress: string;
  /** What was replayed from `stateDir` at start (undefined without one). */
  readonly restored: RestoreReport | undefined;

  /** POST /admin/topup: a faucet transaction, confirmed by the next block. Returns its hash. */
  topup(address: string, lovelace: bigint): Promise<string>;
  /** POST /admin/time/advance. */
  advanceTime(ms: number): { nowMs: number; slot: number };
  /** POST /admin/rollback. */
  rollback(blocks: number, mode?: RollbackMode): RollbackResult;
  /** POST /admin/faults; rate 0 turns faults off. */
  setFaults(config: FaultConfig): void;
  /** POST /admin/drop-mempool: one transaction (and what depends on it), or all. */
  dropMempool(txHash?: string): DroppedTx[];
  /** POST /admin/block: forge a block now. */
  produceBlock(): BlockSummary;
  /** POST /admin/blocks/pause and /resume. */
  pauseBlocks(): void;
  resumeBlocks(): void;
  /** GET and POST /admin/stats[/reset]. */
  stats(): StatsSnapshot;
  resetStats(): void;
  /** POST /tx/submit without HTTP: validates and adds to the mempool; throws with the ledger's message. */
  submitTx(cbor: string | Uint8Array): string;
  /** Resolves when the transaction is in a block. */
  waitForTx(txHash: string, timeoutMs?: number): Promise<TxLocation>;
  mempool(): string[];
  tip(): BlockSummary;
  /** Chain time in POSIX ms (wall time plus every advance). */
  nowMs(): number;
  /** Whether the index's UTxO set equals the ledger's (GET /admin/consistency). */
  checkConsistency(): { ok: boolean; onlyInIndex: string[]; onlyInLedger: string[] };
  close(): Promise<void>;
}

export async function startDevnet(options: DevnetOptions = {}): Promise<Devnet> {
  const state = options.stateDir === undefined ? undefined : DevnetStateDir.open(options.stateDir);
  try {
    return await launch(options, state);
  } catch (error) {
    state?.close();
    throw error;
  }
}

async function launch(options: DevnetOptions, state: DevnetStateDir | undefined): Promise<Devnet> {
  const host = options.host ?? '127.0.0.1';
  const genesisParams = genesisFor(options, state?.genesis, () => Faucet.newMnemonic());
  const clock = new ChainClock(genesisParams.systemStartMs);
  const faucet = await Faucet.create(genesisParams.faucetMnemonic);
  const genesis = faucet.genesisTx(genesisParams.faucetLovelace, clock.slotConfig.zeroTime);
  const ledger = new Ledger(clock, genesis, genesisParams.securityParam);
  if (state && !state.genesis) state.writeGenesis(genesisParams);
  const restored = state ? restoreChain(state, ledger, clock) : undefined;
  const control = new DevnetControl(ledger, clock, faucet, options.blockIntervalMs ?? 1000, state);
  const server = buildDevnetServer(control, options.logLevel ?? 'silent');
  await server.listen({ port: options.port ?? 0, host });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const origin = `http://${host}:${port}`;
  if (options.autoBlocks ?? true) control.resumeBlocks();

  return {
    url: `${origin}${API_PREFIX}`,
    origin,
    port,
    networkId: 0,
    slotConfig: clock.slotConfig,
    faucetAddress: faucet.address,
    restored,
    topup: (target, lovelace) => control.topup(target, lovelace),
    advanceTime: (ms) => control.advanceTime(ms),
    rollback: (blocks, mode = 'mempool') => control.rollback(blocks, mode),
    setFaults: (config) => control.faults.configure(config),
    dropMempool: (txHash) => control.dropMempool(txHash),
    produceBlock: () => control.produceBlock(),
    pauseBlocks: () => control.pauseBlocks(),
    resumeBlocks: () => control.resumeBlocks(),
    stats: () => control.stats.snapshot(),
    resetStats: () => control.stats.reset(),
    submitTx: (cbor) => control.submit(typeof cbor === 'string' ? Buffer.from(cbor, 'hex') : cbor),
    waitForTx: (txHash, timeoutMs) => control.waitForTx(txHash, timeoutMs),
    mempool: () => ledger.mempoolTxs().map((tx) => tx.hash),
    tip: () => summarize(ledger.chain.tip()),
    nowMs: () => clock.nowMs(),
    checkConsistency: () => ledger.consistency(),
    close: async () => {
      control.close();
      await server.close();
      state?.close();
    },
  };
}
