import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateMnemonic, identityOf, meshWalletFromMnemonic } from '../cardano/wallet-keys.js';
import type { AppDeps } from '../deps.js';

import { createPaymentSource } from '../modules/payment-source/payment-source.service.js';

const FUNDING_LOVELACE = 10_000_000_000n;

async function newWallet() {
  const words = generateMnemonic();
  return { mnemonic: words.join(' '), ...(await identityOf(await meshWalletFromMnemonic(words, 0))) };
}

/**
 * First start on the devnet: a payment source with generated admin wallets, one selling and one
 * purchasing wallet funded from the faucet, so a newcomer can run a whole payment from Swagger.
 * The admin mnemonics go to an owner-only file: admins settle disputes with them.
 */
/** What the bootstrap needs of a devnet: its API, its faucet, and whether its chain is new. */
export interface DevnetHandle {
  url: string;
  topup(address: string, lovelace: bigint): Promise<string>;
  /** True when the chain started from genesis now (a restored or shared devnet is not new). */
  isNewChain: boolean;
}

export async function ensureDevnetPaymentSource(deps: Pick<AppDeps, 'db' | 'config' | 'chains' | 'secretBox' | 'logger'>, devnet: DevnetHandle): Promise<void> {
  const existing = await deps.db.paymentSource.findFirst({ where: { chain: 'Devnet', deletedAt: null }, include: { wallets: true } });
  if (existing) {
    if (devnet.isNewChain) {
      deps.logger.warn({ paymentSourceId: existing.id }, 'the devnet chain is new but the database remembers an older one: its escrows and agents are gone; delete DATA_DIR to start clean');
    }
    await fundIfEmpty(deps, devnet, existing.wallets.filter((wallet) => !wallet.deletedAt).map((wallet) => wallet.walletAddress));
    return;
  }
  const [admin1, admin2, admin3, feeReceiver, selling, purchasing] = await Promise.all(Array.from({ length: 6 }, newWallet));
  const admins = [admin1!, admin2!, admin3!];
  const source = await createPaymentSource(deps, {
    network: 'Preprod',
    PaymentSourceConfig: { rpcProvider: 'Devnet' },
    feeRatePermille: 50,
    cooldownTime: 60_000,
    AdminWallets: admins.map((admin) => ({ walletAddress: admin.address })),
    FeeReceiverNetworkWallet: { walletAddress: feeReceiver!.address },
    SellingWallets: [{ walletMnemonic: selling!.mnemonic, collectionAddress: null, note: 'devnet selling wallet' }],
    PurchasingWallets: [{ walletMnemonic: purchasing!.mnemonic, collectionAddress: null, note: 'devnet purchasing wallet' }],
  });
  const file = path.resolve(deps.config.dataDir, 'devnet-admin-wallets.json');
  const adminFile = { paymentSourceId: source.id, admins: admins.map(({ address, vkey, mnemonic }) => ({ address, vkey, mnemonic })), feeReceiver: feeReceiver!.address };
  await writeFile(file, JSON.stringify(adminFile, null, 2), { mode: 0o600 });
  deps.logger.info({ paymentSourceId: source.id, contract: source.smartContractAddress, adminWalletsFile: file }, 'created the devnet payment source');
  await fundIfEmpty(deps, devnet, [selling!.address, purchasing!.address]);
}

async function fundIfEmpty(deps: Pick<AppDeps, 'logger'>, devnet: DevnetHandle, addresses: string[]): Promise<void> {
  for (const address of addresses) {
    const response = await fetch(`${devnet.url}/addresses/${address}/utxos`);
    const utxos = response.ok ? ((await response.json()) as unknown[]) : [];
    if (utxos.length > 0) continue;
    const txHash = await devnet.topup(address, FUNDING_LOVELACE);
    deps.logger.info({ address, lovelace: FUNDING_LOVELACE.toString(), txHash }, 'funded a hot wallet from the devnet faucet');
  }
}
