import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type BodySpec =
  | { kind: 'none' }
  | { kind: 'list'; file: string }
  | { kind: 'payment'; agentIdentifier: string; chainNowMs: number };

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  connections: number;
  durationSec: number;
  body: BodySpec;
}

export interface LoadResult {
  /** completed requests per second over the run */
  rps: number;
  p50: number;
  p99: number;
  total: number;
  ok: number;
  non2xx: number;
  errors: number;
}

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-child.ts');

/** One autocannon run in a child process (the same settings for the node and the bare route). */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'apn-load-'));
  try {
    const file = path.join(dir, 'spec.json');
    await writeFile(file, JSON.stringify(spec));
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    const last = output.trim().split('\n').at(-1) ?? '';
    if (code !== 0 || !last.startsWith('{')) throw new Error(`load child failed (exit ${code}): ${output.slice(-500)}`);
    return JSON.parse(last) as LoadResult;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes bodies to a file a load child reads (each is sent once). */
export async function writeBodies(dir: string, name: string, bodies: unknown[]): Promise<string> {
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(bodies));
  return file;
}
