import { generateMnemonic, identityOf, meshWalletFromMnemonic } from '../../src/cardano/wallet-keys.js';

export interface TestWallet {
  mnemonic: string;
  address: string;
  vkey: string;
}

export async function newTestWallet(networkId: 0 | 1 = 0): Promise<TestWallet> {
  const words = generateMnemonic();
  const identity = await identityOf(await meshWalletFromMnemonic(words, networkId));
  return { mnemonic: words.join(' '), ...identity };
}

/** A POST /payment-source-extended body with fresh wallets. */
export async function paymentSourceBody(overrides: Record<string, unknown> = {}, networkId: 0 | 1 = 0) {
  const [a1, a2, a3, fee, buyer, seller] = await Promise.all(Array.from({ length: 6 }, () => newTestWallet(networkId)));
  return {
    wallets: { admins: [a1!, a2!, a3!], fee: fee!, buyer: buyer!, seller: seller! },
    body: {
      network: networkId === 1 ? 'Mainnet' : 'Preprod',
      feeRatePermille: 50,
      cooldownTime: 60_000,
      AdminWallets: [a1!, a2!, a3!].map((w) => ({ walletAddress: w.address })),
      FeeReceiverNetworkWallet: { walletAddress: fee!.address },
      PurchasingWallets: [{ walletMnemonic: buyer!.mnemonic, collectionAddress: null, note: 'buyer' }],
      SellingWallets: [{ walletMnemonic: seller!.mnemonic, collectionAddress: null, note: 'seller' }],
      ...overrides,
    },
  };
}
