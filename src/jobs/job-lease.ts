import type { Db } from '../db/prisma.js';

/**
 * Takes (or renews) the lease of a job for `ttlMs`. One atomic statement: two node processes on
 * one database can never both hold it, and a crashed holder's lease simply expires.
 */
export async function acquireJobLease(db: Db, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const rows = await db.$queryRaw<{ holder: string }[]>`
    INSERT INTO "JobLease" ("name", "holder", "expiresAt", "updatedAt")
    VALUES (${name}, ${holder}, now() + ${ttlMs} * interval '1 millisecond', now())
    ON CONFLICT ("name") DO UPDATE
      SET "holder" = EXCLUDED."holder", "expiresAt" = EXCLUDED."expiresAt", "updatedAt" = now()
      WHERE "JobLease"."expiresAt" < now() OR "JobLease"."holder" = ${holder}
    RETURNING "holder"`;
  return rows.length === 1;
}

export async function releaseJobLease(db: Db, name: string, holder: string): Promise<void> {
  await db.$executeRaw`UPDATE "JobLease" SET "expiresAt" = now() WHERE "name" = ${name} AND "holder" = ${holder}`;
}
