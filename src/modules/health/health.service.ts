import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';

const DATABASE_TIMEOUT_MS = 2000;

async function pingDatabase(deps: Pick<AppDeps, 'db'>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), DATABASE_TIMEOUT_MS);
  });
  try {
    await Promise.race([deps.db.$queryRaw`SELECT 1`, timeout]);
  } catch {
    throw new AppError('DATABASE_UNAVAILABLE', 'database is not reachable');
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(deps: Pick<AppDeps, 'db' | 'config'>) {
  await pingDatabase(deps);
  return { status: 'ok' as const, database: 'ok' as const, chain: deps.config.useDevnet ? ('devnet' as const) : ('blockfrost' as const) };
}
