import { z } from 'zod';

/**
 * How a payment source reaches its chain; stored encrypted, shown masked. The devnet's URL is not
 * stored: it is wherever this node's devnet runs now.
 */
export const ProviderConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('devnet') }),
  z.object({ kind: z.literal('blockfrost'), projectId: z.string().min(8).max(250) }),
]);
export type ProviderConfig = z.infer<typeof ProviderConfig>;

export function maskSecret(value: string): string {
  return value.length <= 12 ? '*****' : `${value.slice(0, 7)}*****${value.slice(-4)}`;
}
