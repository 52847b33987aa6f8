import { z } from 'zod';
import { PageQuery } from '../../http/pagination.js';
import { BooleanLike, Id, Network } from '../../http/wire-types.js';

const Address = z.string().min(20).max(250);

const WalletInput = z.strictObject({
  walletMnemonic: z.string().min(20).max(1500),
  collectionAddress: Address.nullable().optional(),
  note: z.string().max(250).nullable().optional(),
});
export type WalletInput = z.infer<typeof WalletInput>;

/** Blockfrost for public networks; on a node that runs the local devnet, Preprod may use it instead. */
const PaymentSourceConfig = z.strictObject({
  rpcProvider: z.enum(['Blockfrost', 'Devnet']),
  rpcProviderApiKey: z.string().min(8).max(250).optional(),
});

export const CreatePaymentSourceBody = z.strictObject({
  network: Network,
  paymentType: z.literal('Web3CardanoV1').optional(),
  paymentSourceType: z.literal('Web3CardanoV1').optional(),
  PaymentSourceConfig: PaymentSourceConfig.optional(),
  feeRatePermille: z.coerce.number().int().min(0).max(1000),
  cooldownTime: z.coerce.number().int().min(0).max(7 * 24 * 3600 * 1000).optional(),
  AdminWallets: z.array(z.strictObject({ walletAddress: Address })).length(3),
  FeeReceiverNetworkWallet: z.strictObject({ walletAddress: Address }),
  PurchasingWallets: z.array(WalletInput).min(1).max(50),
  SellingWallets: z.array(WalletInput).min(1).max(50),
});
export type CreatePaymentSourceBody = z.infer<typeof CreatePaymentSourceBody>;

export const UpdatePaymentSourceBody = z.strictObject({
  id: Id,
  PaymentSourceConfig: PaymentSourceConfig.optional(),
  AddPurchasingWallets: z.array(WalletInput).min(1).max(50).optional(),
  AddSellingWallets: z.array(WalletInput).min(1).max(50).optional(),
  RemovePurchasingWallets: z.array(z.strictObject({ id: Id })).max(50).optional(),
  RemoveSellingWallets: z.array(z.strictObject({ id: Id })).max(50).optional(),
  /** Masumi's way to reset the sync cursor: send null. */
  lastIdentifierChecked: z.string().max(250).nullable().optional(),
  resetSyncCursor: BooleanLike.optional(),
});
export type UpdatePaymentSourceBody = z.infer<typeof UpdatePaymentSourceBody>;

export const DeletePaymentSourceBody = z.strictObject({ id: Id });
export const ListPaymentSourcesQuery = z.strictObject({ ...PageQuery });
export const ListRpcKeysQuery = z.strictObject({ ...PageQuery });

const WalletDto = z.object({
  id: z.string(),
  walletVkey: z.string(),
  walletAddress: z.string(),
  collectionAddress: z.string().nullable(),
  note: z.string().nullable(),
});

const PublicSourceFields = {
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  network: Network,
  chain: z.enum(['devnet', 'blockfrost']),
  paymentType: z.literal('Web3CardanoV1'),
  smartContractAddress: z.string(),
  policyId: z.string(),
  lastIdentifierChecked: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
  AdminWallets: z.array(z.object({ walletAddress: z.string(), order: z.number() })),
  FeeReceiverNetworkWallet: z.object({ walletAddress: z.string() }),
  feeRatePermille: z.number(),
  cooldownTime: z.number(),
  requiredAdminSignatures: z.number(),
  PurchasingWallets: z.array(WalletDto),
  SellingWallets: z.array(WalletDto),
};

export const PaymentSourceDto = z.object(PublicSourceFields).meta({ id: 'PaymentSource' });
export const ExtendedPaymentSourceDto = z
  .object({
    ...PublicSourceFields,
    PaymentSourceConfig: z.object({ rpcProvider: z.enum(['Blockfrost', 'Devnet']), rpcProviderApiKey: z.string().nullable() }),
    syncInProgress: z.boolean(),
    syncedBlockHeight: z.number().nullable(),
  })
  .meta({ id: 'ExtendedPaymentSource' });

export const RpcKeyDto = z.object({
  id: z.string(),
  rpcProvider: z.enum(['Blockfrost', 'Devnet']),
  rpcProviderApiKey: z.string().nullable(),
  network: Network,
  createdAt: z.string(),
  updatedAt: z.string(),
});
