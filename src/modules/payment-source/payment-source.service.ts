import { escrowScript, registryPolicy } from '../../cardano/contract/scripts.js';
import type { ProviderConfig } from '../../cardano/provider-config.js';
import { paymentKeyHashOf } from '../../cardano/wallet-keys.js';
import { networkIdOf } from '../../chain/chain-registry.js';
import type { Db } from '../../db/prisma.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { Network } from '../../generated/prisma/enums.js';
import { pageArgs, type PageInput } from '../../http/pagination.js';
import { forgetActiveWallets } from '../wallet/active-wallets-cache.js';
import type { SourceWithWallets } from './payment-source.dto.js';
import type { CreatePaymentSourceBody, UpdatePaymentSourceBody } from './payment-source.schemas.js';
import { assertAddressOnNetwork, assertDistinctWallets, hotWalletRows } from './hot-wallet-input.js';

const REQUIRED_ADMIN_SIGNATURES = 2;
const DEFAULT_COOLDOWN_MS = 7 * 60 * 1000;
const MAX_WALLETS_PER_TYPE = 50;
const withWallets = { wallets: { orderBy: { createdAt: 'asc' } } } as const;

type ProviderChoice = CreatePaymentSourceBody['PaymentSourceConfig'];

function chooseProvider(deps: Pick<AppDeps, 'config' | 'chains'>, network: Network, choice: ProviderChoice): ProviderConfig {
  const wantsDevnet = choice ? choice.rpcProvider === 'Devnet' : deps.config.useDevnet && network === 'Preprod';
  if (wantsDevnet) {
    if (network !== 'Preprod') throw new AppError('VALIDATION_ERROR', 'PaymentSourceConfig.rpcProvider: the devnet can only serve Preprod; Mainnet is never emulated');
    if (!deps.chains.devnetUrl) throw new AppError('VALIDATION_ERROR', 'PaymentSourceConfig.rpcProvider: this node runs no devnet (a Blockfrost key is configured)');
    return { kind: 'devnet' };
  }
  const configured = network === 'Mainnet' ? deps.config.blockfrost.mainnet : deps.config.blockfrost.preprod;
  const projectId = choice?.rpcProviderApiKey ?? configured;
  if (!projectId) throw new AppError('VALIDATION_ERROR', `PaymentSourceConfig.rpcProviderApiKey: required for ${network} (no BLOCKFROST_API_KEY_${network.toUpperCase()} set)`);
  if (!projectId.startsWith(network.toLowerCase())) {
    throw new AppError('VALIDATION_ERROR', `PaymentSourceConfig.rpcProviderApiKey: not a ${network} Blockfrost project id`);
  }
  return { kind: 'blockfrost', projectId };
}

function adminKeyHashes(addresses: string[], networkId: 0 | 1): string[] {
  const hashes = addresses.map((address, index) => {
    assertAddressOnNetwork(address, networkId, `AdminWallets.${index}.walletAddress`);
    try {
      return paymentKeyHashOf(address);
    } catch {
      throw new AppError('VALIDATION_ERROR', `AdminWallets.${index}.walletAddress: must be a key address, not a script`);
    }
  });
  if (new Set(hashes).size !== hashes.length) throw new AppError('VALIDATION_ERROR', 'AdminWallets: the three admin keys must be distinct');
  return hashes;
}

export async function createPaymentSource(deps: Pick<AppDeps, 'db' | 'config' | 'chains' | 'secretBox'>, input: CreatePaymentSourceBody): Promise<SourceWithWallets> {
  const networkId = networkIdOf(input.network);
  const provider = chooseProvider(deps, input.network, input.PaymentSourceConfig);
  const admins = adminKeyHashes(input.AdminWallets.map((wallet) => wallet.walletAddress), networkId);
  assertAddressOnNetwork(input.FeeReceiverNetworkWallet.walletAddress, networkId, 'FeeReceiverNetworkWallet.walletAddress');
  const cooldownTime = BigInt(input.cooldownTime ?? DEFAULT_COOLDOWN_MS);
  const script = escrowScript(
    { adminKeyHashes: admins, requiredAdminSignatures: REQUIRED_ADMIN_SIGNATURES, feeAddress: input.FeeReceiverNetworkWallet.walletAddress, feePermille: input.feeRatePermille, cooldownPeriodMs: cooldownTime },
    networkId,
  );
  const wallets = [
    ...(await hotWalletRows(deps.secretBox, networkId, 'Purchasing', input.PurchasingWallets, 'PurchasingWallets')),
    ...(await hotWalletRows(deps.secretBox, networkId, 'Selling', input.SellingWallets, 'SellingWallets')),
  ];
  assertDistinctWallets(wallets);
  const existing = await deps.db.paymentSource.findFirst({ where: { smartContractAddress: script.address, deletedAt: null }, select: { id: true } });
  if (existing) throw new AppError('CONFLICT', `a payment source with these parameters (contract ${script.address}) exists: ${existing.id}`);
  return deps.db.paymentSource.create({
    data: {
      network: input.network,
      chain: provider.kind === 'devnet' ? 'Devnet' : 'Blockfrost',
      smartContractAddress: script.address,
      scriptHash: script.hash,
      policyId: registryPolicy(script.address).policyId,
      feeRatePermille: input.feeRatePermille,
      cooldownTime,
      requiredAdminSignatures: REQUIRED_ADMIN_SIGNATURES,
      adminAddresses: input.AdminWallets.map((wallet) => wallet.walletAddress),
      feeReceiverAddress: input.FeeReceiverNetworkWallet.walletAddress,
      encryptedProviderConfig: deps.secretBox.encrypt(JSON.stringify(provider)),
      wallets: { create: wallets },
    },
    include: withWallets,
  });
}

export async function listPaymentSources(db: Db, networks: Network[] | undefined, page: PageInput): Promise<SourceWithWallets[]> {
  return db.paymentSource.findMany({
    where: { deletedAt: null, ...(networks ? { network: { in: networks } } : {}) },
    ...pageArgs(page),
    include: withWallets,
  });
}

export async function getPaymentSource(db: Db, id: string): Promise<SourceWithWallets> {
  const source = await db.paymentSource.findFirst({ where: { id, deletedAt: null }, include: withWallets });
  if (!source) throw new AppError('PAYMENT_SOURCE_NOT_FOUND', `id: no payment source ${id}`);
  return source;
}

const OPEN_STATES = ['FundsLocked', 'ResultSubmitted', 'RefundRequested', 'Disputed'] as const;

export async function updatePaymentSource(deps: Pick<AppDeps, 'db' | 'config' | 'chains' | 'secretBox'>, input: UpdatePaymentSourceBody): Promise<SourceWithWallets> {
  const source = await getPaymentSource(deps.db, input.id);
  const networkId = networkIdOf(source.network);
  const added = [
    ...(await hotWalletRows(deps.secretBox, networkId, 'Purchasing', input.AddPurchasingWallets ?? [], 'AddPurchasingWallets')),
    ...(await hotWalletRows(deps.secretBox, networkId, 'Selling', input.AddSellingWallets ?? [], 'AddSellingWallets')),
  ];
  const removals = [
    ...(input.RemovePurchasingWallets ?? []).map(({ id }) => ({ id, type: 'Purchasing' as const })),
    ...(input.RemoveSellingWallets ?? []).map(({ id }) => ({ id, type: 'Selling' as const })),
  ];
  const provider = input.PaymentSourceConfig ? chooseProvider(deps, source.network, input.PaymentSourceConfig) : undefined;
  const resetCursor = input.resetSyncCursor === true || input.lastIdentifierChecked === null;

  const updated = await deps.db.$transaction(async (tx) => {
    const active = source.wallets.filter((wallet) => !wallet.deletedAt);
    assertDistinctWallets([...active, ...added]);
    for (const removal of removals) {
      const wallet = active.find((candidate) => candidate.id === removal.id && candidate.type === removal.type);
      if (!wallet) throw new AppError('WALLET_NOT_FOUND', `Remove${removal.type}Wallets: no ${removal.type} wallet ${removal.id} in this source`);
      if (wallet.pendingTransactionId || wallet.lockedAt) throw new AppError('CONFLICT', `Remove${removal.type}Wallets: wallet ${removal.id} has a transaction in flight`);
      const open = await tx.escrowRequest.count({ where: { walletId: wallet.id, onChainState: { in: [...OPEN_STATES] } } });
      if (open > 0) throw new AppError('CONFLICT', `Remove${removal.type}Wallets: wallet ${removal.id} has ${open} open escrow(s)`);
      await tx.hotWallet.update({ where: { id: wallet.id }, data: { deletedAt: new Date() } });
    }
    for (const type of ['Purchasing', 'Selling'] as const) {
      const remaining = active.filter((w) => w.type === type && !removals.some((r) => r.id === w.id)).length + added.filter((w) => w.type === type).length;
      if (remaining < 1 || remaining > MAX_WALLETS_PER_TYPE) throw new AppError('VALIDATION_ERROR', `${type}Wallets: a source needs 1–${MAX_WALLETS_PER_TYPE} ${type} wallets, this would leave ${remaining}`);
    }
    const revived = added.filter((row) => source.wallets.some((w) => w.deletedAt && w.walletVkey === row.walletVkey));
    for (const row of revived) {
      await tx.hotWallet.update({ where: { paymentSourceId_walletVkey: { paymentSourceId: source.id, walletVkey: row.walletVkey } }, data: { ...row, deletedAt: null } });
    }
    const fresh = added.filter((row) => !revived.includes(row));
    return tx.paymentSource.update({
      where: { id: source.id },
      data: {
        ...(provider ? { encryptedProviderConfig: deps.secretBox.encrypt(JSON.stringify(provider)), chain: provider.kind === 'devnet' ? 'Devnet' : 'Blockfrost' } : {}),
        ...(resetCursor ? { syncedBlockHeight: null, syncedAt: null } : {}),
        wallets: { create: fresh },
      },
      include: withWallets,
    });
  });
  forgetActiveWallets(deps.db);
  return updated;
}

export async function deletePaymentSource(db: Db, id: string): Promise<SourceWithWallets> {
  const source = await getPaymentSource(db, id);
  const open = await db.escrowRequest.count({ where: { paymentSourceId: id, onChainState: { in: [...OPEN_STATES] } } });
  if (open > 0) throw new AppError('CONFLICT', `id: payment source ${id} still has ${open} open escrow(s); settle them first`);
  const deleted = await db.paymentSource.update({ where: { id: source.id }, data: { deletedAt: new Date() }, include: withWallets });
  forgetActiveWallets(db);
  return deleted;
}
