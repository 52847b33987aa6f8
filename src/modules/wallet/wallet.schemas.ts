import { z } from 'zod';
import { BooleanLike, Id, Network } from '../../http/wire-types.js';

export const WalletType = z.enum(['Selling', 'Purchasing']);

export const GetWalletQuery = z.strictObject({ walletType: WalletType, id: Id, includeSecret: BooleanLike.optional() });
export const CreateWalletBody = z.strictObject({ network: Network });
export const UpdateWalletBody = z.strictObject({ id: Id, newCollectionAddress: z.string().min(20).max(250).nullable() });
export const UtxosQuery = z.strictObject({
  address: z.string().min(20).max(250),
  network: Network,
  count: z.coerce.number().int().min(1).max(100).default(10),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const WalletDto = z
  .object({
    id: z.string(),
    walletType: WalletType,
    walletVkey: z.string(),
    walletAddress: z.string(),
    collectionAddress: z.string().nullable(),
    note: z.string().nullable(),
    PendingTransaction: z.object({ createdAt: z.string(), updatedAt: z.string(), hash: z.string().nullable(), lastCheckedAt: z.string().nullable() }).nullable(),
    Secret: z.object({ createdAt: z.string(), updatedAt: z.string(), mnemonic: z.string() }).optional(),
  })
  .meta({ id: 'HotWallet' });

export const NewWalletDto = z.object({ walletMnemonic: z.string(), walletAddress: z.string(), walletVkey: z.string() });

export const UtxoDto = z.object({
  txHash: z.string(),
  address: z.string(),
  Amounts: z.array(z.object({ unit: z.string(), quantity: z.string() })),
  dataHash: z.string().nullable(),
  inlineDatum: z.string().nullable(),
  referenceScriptHash: z.string().nullable(),
  outputIndex: z.number(),
  block: z.string(),
});
