import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server used by tests; CI gives a fresh PostgreSQL 15 on 127.0.0.1:5432. */
export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
/** Each test run migrates its own template (set by the global setup), so parallel runs never collide. */
export function templateDatabase(): string {
  const name = process.env.APN_TEST_TEMPLATE;
  if (!name) throw new Error('APN_TEST_TEMPLATE is not set: run tests through vitest (test/global-setup.ts)');
  return name;
}

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function recreateDatabase(name: string): Promise<void> {
  await withAdminClient(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdminClient(async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
}

/** A fresh, migrated database copied from the template the global setup prepared. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `apn_t_${randomBytes(6).toString('hex')}`;
  await withAdminClient(async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase()}"`);
        return;
      } catch (error) {
        // Two files copying the template at the same instant collide; the copy itself is fine.
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  });
  return {
    url: databaseUrl(name),
    drop: () => dropDatabase(name),
  };
}
