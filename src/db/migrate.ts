import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Applies pending migrations with `prisma migrate deploy`. It must run as an asynchronous child:
 * with the embedded database this process serves the socket the CLI talks to.
 */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
  const child = spawn(process.execPath, ['--require', path.join(projectRoot, 'prisma/cli/unref-timers.cjs'), prismaCli, 'migrate', 'deploy'], {
    cwd: projectRoot,
    env: { DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`database migration failed (exit ${code}): ${output.trim().split('\n').slice(-5).join(' | ')}`);
}
