import type { z } from 'zod';
import { maskSecret, ProviderConfig } from '../../cardano/provider-config.js';
import type { SecretBox } from '../../crypto/secret-box.js';
import type { HotWallet, PaymentSource } from '../../generated/prisma/client.js';
import type { ExtendedPaymentSourceDto, PaymentSourceDto, RpcKeyDto } from './payment-source.schemas.js';

export type SourceWithWallets = PaymentSource & { wallets: HotWallet[] };

function walletDto(wallet: HotWallet) {
  return { id: wallet.id, walletVkey: wallet.walletVkey, walletAddress: wallet.walletAddress, collectionAddress: wallet.collectionAddress, note: wallet.note };
}

export function toPaymentSourceDto(source: SourceWithWallets): z.infer<typeof PaymentSourceDto> {
  const active = source.wallets.filter((wallet) => !wallet.deletedAt);
  return {
    id: source.id,
    createdAt: source.createdAt.toISOString(),
    updatedAt: source.updatedAt.toISOString(),
    network: source.network,
    chain: source.chain === 'Devnet' ? 'devnet' : 'blockfrost',
    paymentType: 'Web3CardanoV1',
    smartContractAddress: source.smartContractAddress,
    policyId: source.policyId,
    lastIdentifierChecked: source.syncedBlockHeight === null ? null : String(source.syncedBlockHeight),
    lastCheckedAt: source.syncedAt === null ? null : new Date(Number(source.syncedAt)).toISOString(),
    AdminWallets: source.adminAddresses.map((walletAddress, order) => ({ walletAddress, order })),
    FeeReceiverNetworkWallet: { walletAddress: source.feeReceiverAddress },
    feeRatePermille: source.feeRatePermille,
    cooldownTime: Number(source.cooldownTime),
    requiredAdminSignatures: source.requiredAdminSignatures,
    PurchasingWallets: active.filter((wallet) => wallet.type === 'Purchasing').map(walletDto),
    SellingWallets: active.filter((wallet) => wallet.type === 'Selling').map(walletDto),
  };
}

export function providerView(secretBox: SecretBox, source: PaymentSource) {
  const provider = ProviderConfig.parse(JSON.parse(secretBox.decrypt(source.encryptedProviderConfig)));
  return provider.kind === 'devnet'
    ? { rpcProvider: 'Devnet' as const, rpcProviderApiKey: null }
    : { rpcProvider: 'Blockfrost' as const, rpcProviderApiKey: maskSecret(provider.projectId) };
}

export function toExtendedPaymentSourceDto(secretBox: SecretBox, source: SourceWithWallets): z.infer<typeof ExtendedPaymentSourceDto> {
  return {
    ...toPaymentSourceDto(source),
    PaymentSourceConfig: providerView(secretBox, source),
    syncInProgress: false,
    syncedBlockHeight: source.syncedBlockHeight,
  };
}

export function toRpcKeyDto(secretBox: SecretBox, source: PaymentSource): z.infer<typeof RpcKeyDto> {
  return { id: source.id, network: source.network, createdAt: source.createdAt.toISOString(), updatedAt: source.updatedAt.toISOString(), ...providerView(secretBox, source) };
}
