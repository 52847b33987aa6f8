import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../../src/net/free-port.js';
import { waitForHttp } from '../../helpers/node-process.js';

/** Secrets every node of a test shares: nodes on one database must decrypt the same wallets. */
export const NODE_ADMIN_KEY = 'resilience-admin-key-0123456789abcdef';
export const NODE_ENCRYPTION_KEY = 'resilience-encryption-key-0123456789abcdefghij';

export interface NodeExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** `src/server.ts` in a child process, as `npm start` runs it; its log is kept (and written under test-artifacts). */
export interface NodeProc {
  readonly name: string;
  readonly port: number;
  readonly base: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  readonly exited: Promise<NodeExit>;
  log(): string;
  isRunning(): boolean;
  /** SIGTERM, as an operator stops it. */
  stop(): Promise<NodeExit>;
  /** SIGKILL from outside. */
  kill(): Promise<NodeExit>;
}

export interface NodeEnv {
  databaseUrl: string;
  devnetUrl: string;
  env?: Record<string, string>;
}

const ARTIFACTS = path.resolve('test-artifacts/resilience');

/** Starts a node on a PostgreSQL database and a running devnet, with 1 s job and watcher intervals; resolves once /health answers. */
export async function startNodeProcess(name: string, options: NodeEnv): Promise<NodeProc> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), `apn-${name}-`));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: options.databaseUrl,
    DEVNET_URL: options.devnetUrl,
    ADMIN_KEY: NODE_ADMIN_KEY,
    ENCRYPTION_KEY: NODE_ENCRYPTION_KEY,
    JOB_INTERVAL_MS: '1000',
    WATCHER_INTERVAL_MS: '1000',
    BLOCK_CONFIRMATIONS_THRESHOLD: '1',
    LOG_LEVEL: 'info',
    ...options.env,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const logFile = path.join(ARTIFACTS, `${name}.log`);
  void exited.then(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    await writeFile(logFile, output);
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  const proc: NodeProc = {
    name,
    port,
    base: `http://127.0.0.1:${port}`,
    dataDir,
    child,
    exited,
    log: () => output,
    isRunning: running,
    async stop() {
      if (running()) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (running()) child.kill('SIGKILL');
      return exited;
    },
  };
  try {
    await waitForHttp(`${proc.base}/api/v1/health`, 120_000, () => !running());
  } catch (error) {
    await proc.kill();
    throw new Error(`node ${name} did not start: ${(error as Error).message}\n${output.slice(-3000)}`, { cause: error });
  }
  return proc;
}

/** Resolves with the exit once the process is gone, or fails after `timeoutMs` (the process is then killed). */
export async function awaitExit(proc: NodeProc, timeoutMs: number): Promise<NodeExit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`node ${proc.name} still runs after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([proc.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The node's pino lines as objects (anything else on its output is skipped). */
export function logRecords(output: string): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      records.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // a line cut by a kill
    }
  }
  return records;
}
