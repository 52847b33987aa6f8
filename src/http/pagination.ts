import { z } from 'zod';

/**
 * `limit` (Masumi's payments/registry) or `take` (its sources/keys) and an exclusive `cursorId`:
 * the next page starts after the row with that id, so no row is returned twice.
 */
export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(100).optional(),
  take: z.coerce.number().int().min(1).max(100).optional(),
  cursorId: z.string().min(1).max(250).optional(),
};

export interface PageInput {
  limit?: number | undefined;
  take?: number | undefined;
  cursorId?: string | undefined;
}

/** Prisma arguments for one page, newest first. */
export function pageArgs(input: PageInput, defaultSize = 10) {
  return {
    take: input.limit ?? input.take ?? defaultSize,
    ...(input.cursorId ? { cursor: { id: input.cursorId }, skip: 1 } : {}),
    orderBy: [{ createdAt: 'desc' as const }, { id: 'desc' as const }],
  };
}
