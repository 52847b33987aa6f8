import { z } from 'zod';
import { Amount, BooleanLike, Id, Network, SignedAmountString, Unit } from '../../http/wire-types.js';
import { PageQuery } from '../../http/pagination.js';

export const Permission = z.enum(['Read', 'ReadAndPay', 'Admin']).meta({ id: 'Permission' });
export const ApiKeyStatus = z.enum(['Active', 'Revoked']);

const NetworkList = z.array(Network).min(1).max(2);

// Masumi spelled the network list `networkLimit` in its first API and `NetworkLimit` later: accept both.
export const CreateApiKeyBody = z.strictObject({
  permission: Permission.optional(),
  usageLimited: BooleanLike.optional(),
  UsageCredits: z.array(Amount).max(25).optional(),
  networkLimit: NetworkList.optional(),
  NetworkLimit: NetworkList.optional(),
});

export const UpdateApiKeyBody = z.strictObject({
  id: Id,
  token: z.string().min(15).max(550).optional(),
  permission: Permission.optional(),
  status: ApiKeyStatus.optional(),
  usageLimited: BooleanLike.optional(),
  networkLimit: NetworkList.optional(),
  NetworkLimit: NetworkList.optional(),
  UsageCreditsToAddOrRemove: z.array(z.strictObject({ unit: Unit, amount: SignedAmountString })).max(25).optional(),
});

export const DeleteApiKeyBody = z.strictObject({ id: Id });

export const ListApiKeysQuery = z.strictObject({ ...PageQuery, cursorToken: z.string().max(550).optional() });

export const ApiKeyDto = z
  .object({
    id: z.string(),
    token: z.string().describe('masked, except in the response that creates the key'),
    permission: Permission,
    usageLimited: z.boolean(),
    networkLimit: z.array(Network),
    NetworkLimit: z.array(Network),
    RemainingUsageCredits: z.array(z.object({ unit: z.string(), amount: z.string() })),
    status: ApiKeyStatus,
    createdAt: z.string(),
    deletedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });

export type ApiKeyDto = z.infer<typeof ApiKeyDto>;

export interface ApiKeyRow {
  id: string;
  tokenHint: string;
  permission: z.infer<typeof Permission>;
  usageLimited: boolean;
  networkLimit: z.infer<typeof Network>[];
  status: z.infer<typeof ApiKeyStatus>;
  createdAt: Date;
  deletedAt: Date | null;
  credits: { unit: string; amount: bigint }[];
}

export function toApiKeyDto(row: ApiKeyRow, token?: string): ApiKeyDto {
  const networks = row.permission === 'Admin' ? (['Preprod', 'Mainnet'] as const) : row.networkLimit;
  return {
    id: row.id,
    token: token ?? row.tokenHint,
    permission: row.permission,
    usageLimited: row.usageLimited,
    networkLimit: [...networks],
    NetworkLimit: [...networks],
    RemainingUsageCredits: row.credits.map((credit) => ({ unit: credit.unit, amount: credit.amount.toString() })),
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
  };
}
