import { generateApiToken, hashApiToken, tokenHint } from '../../src/crypto/api-token.js';
import type { Db } from '../../src/db/prisma.js';
import type { Network, Permission } from '../../src/generated/prisma/enums.js';

export interface TestKeyOptions {
  networkLimit?: Network[];
  usageLimited?: boolean;
  credits?: { unit: string; amount: bigint }[];
  status?: 'Active' | 'Revoked';
}

/** An API key written straight to the database, as the node stores one; returns its token. */
export async function createTestKey(db: Db, permission: Permission, options: TestKeyOptions = {}): Promise<{ id: string; token: string }> {
  const token = generateApiToken();
  const row = await db.apiKey.create({
    data: {
      tokenHash: hashApiToken(token),
      tokenHint: tokenHint(token),
      permission,
      status: options.status ?? 'Active',
      networkLimit: options.networkLimit ?? [],
      usageLimited: options.usageLimited ?? false,
      credits: { create: options.credits ?? [] },
    },
  });
  return { id: row.id, token };
}
