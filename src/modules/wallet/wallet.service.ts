import type { z } from 'zod';
import { generateMnemonic, identityOf, meshWalletFromMnemonic, networkIdOfAddress } from '../../cardano/wallet-keys.js';
import { networkIdOf } from '../../chain/chain-registry.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { Network, WalletType } from '../../generated/prisma/enums.js';
import type { AuthenticatedKey } from '../../plugins/auth.js';
import { mayUseNetwork } from '../../plugins/auth.js';
import type { NewWalletDto, UtxoDto, WalletDto } from './wallet.schemas.js';

const withPending = { pendingTransaction: true, paymentSource: { select: { network: true, deletedAt: true } } } as const;

async function findWallet(deps: Pick<AppDeps, 'db'>, id: string, type?: WalletType) {
  const wallet = await deps.db.hotWallet.findFirst({ where: { id, deletedAt: null, ...(type ? { type } : {}) }, include: withPending });
  if (!wallet) throw new AppError('NOT_FOUND', `id: no ${type ?? 'hot'} wallet ${id}`);
  return wallet;
}

type WalletRow = Awaited<ReturnType<typeof findWallet>>;

function toWalletDto(wallet: WalletRow, mnemonic?: string): z.infer<typeof WalletDto> {
  const pending = wallet.pendingTransaction;
  return {
    id: wallet.id,
    walletType: wallet.type,
    walletVkey: wallet.walletVkey,
    walletAddress: wallet.walletAddress,
    collectionAddress: wallet.collectionAddress,
    note: wallet.note,
    PendingTransaction: pending
      ? { createdAt: pending.createdAt.toISOString(), updatedAt: pending.updatedAt.toISOString(), hash: pending.txHash, lastCheckedAt: pending.updatedAt.toISOString() }
      : null,
    ...(mnemonic ? { Secret: { createdAt: wallet.createdAt.toISOString(), updatedAt: wallet.updatedAt.toISOString(), mnemonic } } : {}),
  };
}

export async function getWallet(deps: Pick<AppDeps, 'db' | 'secretBox' | 'logger'>, caller: AuthenticatedKey, query: { walletType: WalletType; id: string; includeSecret?: boolean | undefined }) {
  const wallet = await findWallet(deps, query.id, query.walletType);
  if (!query.includeSecret) return toWalletDto(wallet);
  // The audit line names who and which wallet, never the words.
  deps.logger.warn({ audit: 'wallet.secret.revealed', walletId: wallet.id, walletVkey: wallet.walletVkey, apiKeyId: caller.id }, 'hot wallet mnemonic revealed');
  return toWalletDto(wallet, deps.secretBox.decrypt(wallet.encryptedMnemonic));
}

export async function createWalletSecret(network: Network): Promise<z.infer<typeof NewWalletDto>> {
  const words = generateMnemonic();
  const identity = await identityOf(await meshWalletFromMnemonic(words, networkIdOf(network)));
  return { walletMnemonic: words.join(' '), walletAddress: identity.address, walletVkey: identity.vkey };
}

export async function updateCollectionAddress(deps: Pick<AppDeps, 'db'>, caller: AuthenticatedKey, id: string, address: string | null) {
  const wallet = await findWallet(deps, id);
  if (!mayUseNetwork(caller, wallet.paymentSource.network)) throw new AppError('NETWORK_NOT_ALLOWED', `network: this key may not use ${wallet.paymentSource.network}`);
  if (address !== null && networkIdOfAddress(address) !== networkIdOf(wallet.paymentSource.network)) {
    throw new AppError('VALIDATION_ERROR', `newCollectionAddress: not an address on ${wallet.paymentSource.network}`);
  }
  const updated = await deps.db.hotWallet.update({ where: { id }, data: { collectionAddress: address }, include: withPending });
  return toWalletDto(updated);
}

export async function listUtxos(deps: Pick<AppDeps, 'db' | 'chains'>, query: { address: string; network: Network; count: number; page: number; order: 'asc' | 'desc' }): Promise<z.infer<typeof UtxoDto>[]> {
  if (networkIdOfAddress(query.address) !== networkIdOf(query.network)) throw new AppError('VALIDATION_ERROR', `address: not an address on ${query.network}`);
  const source = await deps.db.paymentSource.findFirst({ where: { network: query.network, deletedAt: null }, orderBy: { createdAt: 'asc' } });
  if (!source) throw new AppError('PAYMENT_SOURCE_NOT_FOUND', `network: no payment source on ${query.network}`);
  const utxos = await deps.chains.forSource(source).utxoPage(query.address, query);
  return utxos.map((utxo) => ({
    txHash: utxo.txHash,
    address: utxo.address,
    Amounts: utxo.amounts.map(({ unit, quantity }) => ({ unit: unit === 'lovelace' ? '' : unit, quantity })),
    dataHash: utxo.dataHash,
    inlineDatum: utxo.inlineDatum,
    referenceScriptHash: utxo.referenceScriptHash,
    outputIndex: utxo.outputIndex,
    block: utxo.block,
  }));
}
