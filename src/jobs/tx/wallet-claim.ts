import type { Db } from '../../db/prisma.js';

/** A claim older than this belongs to a crashed run and may be taken over. */
const STALE_CLAIM_MS = 5 * 60 * 1000;

/**
 * Claims a hot wallet for one transaction: atomically, and only when it has no transaction in
 * flight, so a wallet never spends the same UTxO twice.
 */
export async function claimWallet(db: Db, walletId: string, holder: string): Promise<boolean> {
  const claimed = await db.hotWallet.updateMany({
    where: {
      id: walletId,
      deletedAt: null,
      pendingTransactionId: null,
      OR: [{ lockedAt: null }, { lockedAt: { lt: new Date(Date.now() - STALE_CLAIM_MS) } }],
    },
    data: { lockedAt: new Date(), lockedBy: holder },
  });
  return claimed.count === 1;
}

export async function releaseWallet(db: Db, walletId: string, holder: string): Promise<void> {
  await db.hotWallet.updateMany({ where: { id: walletId, lockedBy: holder }, data: { lockedAt: null, lockedBy: null } });
}
