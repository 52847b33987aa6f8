import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateDatabase } from '../../src/db/migrate.js';

/** The PostgreSQL server the tests use; the bench gets its own database on it and drops it after. */
const ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database for one run. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `apn_bench_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    await migrateDatabase(url.toString());
  } catch (error) {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    throw error;
  }
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
