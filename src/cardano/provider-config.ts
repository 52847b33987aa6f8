import { z } from 'zod';

/** How a payment source reaches its chain; stored encrypted, shown masked. */
export const ProviderConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('devnet'), url: z.string().url() }),
  z.object({ kind: z.literal('blockfrost'), projectId: z.string().min(8).max(250) }),
]);
export type ProviderConfig = z.infer<typeof ProviderConfig>;

export function maskSecret(value: string): string {
  return value.length <= 8 ? '*****' : `${value.slice(0, 4)}*****${value.slice(-4)}`;
}
