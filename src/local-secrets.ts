import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * On the local devnet a newcomer sets nothing: the node generates its encryption key and first
 * admin key and keeps them in owner-only files under the data directory.
 */
export async function readOrCreateSecretFile(dataDir: string, fileName: string): Promise<{ value: string; created: boolean; file: string }> {
  const file = path.resolve(dataDir, fileName);
  try {
    return { value: (await readFile(file, 'utf8')).trim(), created: false, file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const value = randomBytes(32).toString('base64url');
  await writeFile(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);
  return { value, created: true, file };
}
