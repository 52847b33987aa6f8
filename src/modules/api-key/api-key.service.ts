import { generateApiToken, hashApiToken, tokenHint } from '../../crypto/api-token.js';
import type { Db, DbTx } from '../../db/prisma.js';
import { AppError } from '../../errors.js';
import type { Network, Permission } from '../../generated/prisma/enums.js';
import { pageArgs, type PageInput } from '../../http/pagination.js';
import { type AuthenticatedKey, forgetAuthenticatedKeys, permits } from '../../plugins/auth.js';
import type { ApiKeyRow } from './api-key.schemas.js';

const withCredits = { credits: { select: { unit: true, amount: true }, orderBy: { unit: 'asc' } } } as const;

export interface CreateApiKeyInput {
  permission?: Permission | undefined;
  usageLimited?: boolean | undefined;
  credits?: { unit: string; amount: bigint }[] | undefined;
  networkLimit?: Network[] | undefined;
}

function assertNotAbove(caller: AuthenticatedKey, permission: Permission): void {
  if (!permits(caller.permission, permission)) {
    throw new AppError('FORBIDDEN', `permission: a ${caller.permission} key cannot grant ${permission}`);
  }
}

function mergeCredits(credits: { unit: string; amount: bigint }[]): Map<string, bigint> {
  const merged = new Map<string, bigint>();
  for (const { unit, amount } of credits) merged.set(unit, (merged.get(unit) ?? 0n) + amount);
  return merged;
}

export async function createApiKey(db: Db, caller: AuthenticatedKey, input: CreateApiKeyInput): Promise<{ row: ApiKeyRow; token: string }> {
  const permission = input.permission ?? 'Read';
  assertNotAbove(caller, permission);
  const isAdmin = permission === 'Admin';
  const token = generateApiToken();
  const row = await db.apiKey.create({
    data: {
      tokenHash: hashApiToken(token),
      tokenHint: tokenHint(token),
      permission,
      usageLimited: isAdmin ? false : (input.usageLimited ?? false),
      networkLimit: isAdmin ? [] : [...new Set<Network>(input.networkLimit ?? ['Preprod', 'Mainnet'])],
      createdById: caller.id,
      credits: { create: [...mergeCredits(input.credits ?? [])].map(([unit, amount]) => ({ unit, amount })) },
    },
    include: withCredits,
  });
  return { row, token };
}

/** The key given by ADMIN_KEY becomes an admin key; it is stored only as a hash. */
export async function ensureAdminKey(db: Db, token: string): Promise<void> {
  await db.apiKey.upsert({
    where: { tokenHash: hashApiToken(token) },
    create: { tokenHash: hashApiToken(token), tokenHint: tokenHint(token), permission: 'Admin' },
    update: {},
  });
}

export async function listApiKeys(db: Db, page: PageInput & { cursorToken?: string | undefined }): Promise<ApiKeyRow[]> {
  let cursorId = page.cursorId;
  if (!cursorId && page.cursorToken) {
    cursorId = (await db.apiKey.findUnique({ where: { tokenHash: hashApiToken(page.cursorToken) }, select: { id: true } }))?.id;
    if (!cursorId) return [];
  }
  return db.apiKey.findMany({ ...pageArgs({ ...page, cursorId }), include: withCredits });
}

export async function getApiKey(db: Db, id: string): Promise<ApiKeyRow> {
  const row = await db.apiKey.findUnique({ where: { id }, include: withCredits });
  if (!row) throw new AppError('API_KEY_NOT_FOUND', `id: no API key ${id}`);
  return row;
}

export interface UpdateApiKeyInput {
  id: string;
  token?: string | undefined;
  permission?: Permission | undefined;
  status?: 'Active' | 'Revoked' | undefined;
  usageLimited?: boolean | undefined;
  networkLimit?: Network[] | undefined;
  creditChanges?: { unit: string; amount: bigint }[] | undefined;
}

async function applyCreditChanges(tx: DbTx, apiKeyId: string, changes: { unit: string; amount: bigint }[]): Promise<void> {
  for (const [unit, delta] of mergeCredits(changes)) {
    const updated = await tx.usageCredit.updateMany({
      where: { apiKeyId, unit, amount: { gte: -delta } },
      data: { amount: { increment: delta } },
    });
    if (updated.count === 1) continue;
    const exists = await tx.usageCredit.findUnique({ where: { apiKeyId_unit: { apiKeyId, unit } } });
    if (exists || delta < 0n) {
      throw new AppError('VALIDATION_ERROR', `UsageCreditsToAddOrRemove: credits for unit "${unit}" would become negative`);
    }
    await tx.usageCredit.create({ data: { apiKeyId, unit, amount: delta } });
  }
}

async function assertKeepsAnAdmin(tx: DbTx, id: string): Promise<void> {
  const others = await tx.apiKey.count({ where: { id: { not: id }, permission: 'Admin', status: 'Active', deletedAt: null } });
  if (others === 0) throw new AppError('CONFLICT', 'id: this is the last active admin key; create another admin key first');
}

export async function updateApiKey(db: Db, caller: AuthenticatedKey, input: UpdateApiKeyInput): Promise<ApiKeyRow> {
  if (input.permission) assertNotAbove(caller, input.permission);
  const updated = await db.$transaction(async (tx) => {
    const current = await tx.apiKey.findUnique({ where: { id: input.id } });
    if (!current || current.deletedAt) throw new AppError('API_KEY_NOT_FOUND', `id: no API key ${input.id}`);
    assertNotAbove(caller, current.permission);
    const losesAdmin = current.permission === 'Admin' && ((input.permission && input.permission !== 'Admin') || input.status === 'Revoked');
    if (losesAdmin && current.status === 'Active') await assertKeepsAnAdmin(tx, input.id);
    const permission = input.permission ?? current.permission;
    const isAdmin = permission === 'Admin';
    await tx.apiKey.update({
      where: { id: input.id },
      data: {
        ...(input.token ? { tokenHash: hashApiToken(input.token), tokenHint: tokenHint(input.token) } : {}),
        permission,
        status: input.status,
        usageLimited: isAdmin ? false : input.usageLimited,
        networkLimit: isAdmin ? [] : input.networkLimit && [...new Set(input.networkLimit)],
      },
    });
    if (input.creditChanges?.length) await applyCreditChanges(tx, input.id, input.creditChanges);
    return tx.apiKey.findUniqueOrThrow({ where: { id: input.id }, include: withCredits });
  });
  // After the commit: cached lookups end now, and a lookup that read the old row meanwhile does not store it.
  forgetAuthenticatedKeys(db);
  return updated;
}

export async function deleteApiKey(db: Db, caller: AuthenticatedKey, id: string): Promise<ApiKeyRow> {
  const deleted = await db.$transaction(async (tx) => {
    const current = await tx.apiKey.findUnique({ where: { id } });
    if (!current || current.deletedAt) throw new AppError('API_KEY_NOT_FOUND', `id: no API key ${id}`);
    assertNotAbove(caller, current.permission);
    if (current.permission === 'Admin' && current.status === 'Active') await assertKeepsAnAdmin(tx, id);
    return tx.apiKey.update({ where: { id }, data: { status: 'Revoked', deletedAt: new Date() }, include: withCredits });
  });
  forgetAuthenticatedKeys(db);
  return deleted;
}
