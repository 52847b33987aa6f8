import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient, type Prisma } from '../generated/prisma/client.js';

export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => …)`; services accept either. */
export type DbTx = Prisma.TransactionClient;

const pools = new WeakMap<Db, pg.Pool>();

export function createDb(databaseUrl: string, options: { maxConnections: number }): Db {
  // One pool for Prisma and the hot statements (runSql): the embedded database takes one connection.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.maxConnections });
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
}

/**
 * Runs one parameterised statement (written with Prisma.sql) straight on the pool under `db`:
 * Prisma 6 compiles every query, raw ones included, in wasm on the event loop, which was most of
 * the CPU of the two busiest routes. Inside a Prisma transaction (`tx`) it runs there instead.
 * Only for statements whose results are plain text or numbers: pg's parsers are not Prisma's.
 */
export async function runSql<T>(db: Db | DbTx, sql: Prisma.Sql): Promise<T[]> {
  const pool = pools.get(db as Db);
  if (!pool) return db.$queryRaw<T[]>(sql);
  // A timestamp column holds UTC wall time, as Prisma writes it.
  const values = sql.values.map((value) => (value instanceof Date ? value.toISOString() : value));
  const result = await pool.query(sql.text, values);
  return result.rows as T[];
}
