import pg from 'pg';

// pg catalog types the Prisma CLI cannot deserialize (prisma/orm#27403); it only needs their text.
const TEXT_OID = 25;
const TEXT_ARRAY_OID = 1009;
const AS_TEXT = new Set([18, 19, 22, 24, 30, 194, 2205, 2206]);
const AS_TEXT_ARRAY = new Set([1002, 1003]);

type Field = { dataTypeID: number };

function remapFields(result: unknown): unknown {
  const fields = (result as { fields?: Field[] } | undefined)?.fields;
  for (const field of fields ?? []) {
    if (AS_TEXT.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    else if (AS_TEXT_ARRAY.has(field.dataTypeID)) field.dataTypeID = TEXT_ARRAY_OID;
  }
  return result;
}

class CatalogTolerantClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's query has a dozen overloads
  override query(...args: any[]): any {
    const last: unknown = args[args.length - 1];
    if (typeof last === 'function') {
      const callback = last as (error: unknown, result: unknown) => void;
      args[args.length - 1] = (error: unknown, result: unknown) => callback(error, remapFields(result));
    }
    const result: unknown = super.query(...(args as [string]));
    return result instanceof Promise ? result.then(remapFields) : result;
  }
}

/**
 * Pool settings for the Prisma CLI only. Fields are passed separately rather than as a connection
 * string: with a connection string the CLI uses the main database as its shadow database.
 */
export function createCliPoolConfig(databaseUrl: string): pg.PoolConfig {
  const url = new URL(databaseUrl);
  return {
    Client: CatalogTolerantClient,
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password) || undefined,
    database: url.pathname.slice(1) || 'postgres',
    max: 2,
    // the pool's idle clients would otherwise keep the CLI alive for 10 s after it is done
    allowExitOnIdle: true,
  };
}
