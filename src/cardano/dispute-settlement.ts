import type { Asset } from '@meshsdk/core';
import { resolveTxHash } from '@meshsdk/core';
import { adminSignatureStatus, mergeVkeyWitnesses } from './builders/multisig-witness.js';
import { buildWithdrawDisputedTx } from './builders/withdraw-disputed-builder.js';
import type { Chain } from './chain.js';
import { decodeEscrowDatum } from './contract/escrow-datum.js';
import { escrowScript, type EscrowScript } from './contract/scripts.js';
import { meshWalletFromMnemonic, paymentKeyHashOf } from './wallet-keys.js';

/** The public parameters of a payment source, as GET /payment-source shows them. */
export interface SettlementSource {
  network: 'Preprod' | 'Mainnet';
  AdminWallets: { walletAddress: string }[];
  FeeReceiverNetworkWallet: { walletAddress: string };
  feeRatePermille: number;
  cooldownTime: number;
  requiredAdminSignatures?: number;
}

/** Everything the admins pass around while collecting signatures; it holds no secret. */
export interface SettlementFile {
  version: 1;
  network: 'Preprod' | 'Mainnet';
  escrow: { txHash: string; outputIndex: number };
  txHash: string;
  /** The transaction with every signature collected so far. */
  txHex: string;
  payouts: { to: 'buyer' | 'seller'; address: string; amount: { unit: string; quantity: string }[] }[];
  adminKeyHashes: string[];
  requiredAdminSignatures: number;
  signedBy: string[];
  validUntilMs: string;
}

export class SettlementError extends Error {}

const SIGNING_WINDOW_MS = 24n * 3600n * 1000n;

export function scriptOfSource(source: SettlementSource): EscrowScript {
  return escrowScript(
    {
      adminKeyHashes: source.AdminWallets.map((wallet) => paymentKeyHashOf(wallet.walletAddress)),
      requiredAdminSignatures: source.requiredAdminSignatures ?? 2,
      feeAddress: source.FeeReceiverNetworkWallet.walletAddress,
      feePermille: source.feeRatePermille,
      cooldownPeriodMs: BigInt(source.cooldownTime),
    },
    source.network === 'Mainnet' ? 1 : 0,
  );
}

function totals(assets: readonly Asset[]): Map<string, bigint> {
  const map = new Map<string, bigint>();
  for (const { unit, quantity } of assets) map.set(unit, (map.get(unit) ?? 0n) + BigInt(quantity));
  return map;
}

/**
 * Builds the WithdrawDisputed transaction for one disputed escrow with the admins' split. The fee
 * and collateral come from `feePayerAddress`, which must belong to one of the signing admins; no
 * private key is needed to build it.
 */
export async function buildSettlement(input: {
  chain: Chain;
  source: SettlementSource;
  escrow: { txHash: string; outputIndex: number };
  toBuyer: Asset[];
  toSeller: Asset[];
  feePayerAddress: string;
  adminSigners: string[];
}): Promise<SettlementFile> {
  const script = scriptOfSource(input.source);
  const outputs = (await input.chain.txUtxos(input.escrow.txHash))?.outputs ?? [];
  const utxo = outputs.find((output) => output.input.outputIndex === input.escrow.outputIndex);
  if (!utxo?.output.plutusData) throw new SettlementError(`no escrow output ${input.escrow.txHash}#${input.escrow.outputIndex}`);
  const datum = decodeEscrowDatum(utxo.output.plutusData, input.chain.networkId);
  if (datum.state !== 'Disputed') throw new SettlementError(`the escrow is ${datum.state}, not Disputed`);
  const held = totals(utxo.output.amount);
  const paid = totals([...input.toBuyer, ...input.toSeller]);
  for (const unit of new Set([...held.keys(), ...paid.keys()])) {
    if ((held.get(unit) ?? 0n) !== (paid.get(unit) ?? 0n)) {
      throw new SettlementError(`the split must pay out exactly what the escrow holds: ${unit} ${held.get(unit) ?? 0n} held, ${paid.get(unit) ?? 0n} split`);
    }
  }
  const tip = await input.chain.tip();
  const fromMs = tip.time - 60_000n > datum.externalDisputeUnlockTime ? tip.time - 60_000n : datum.externalDisputeUnlockTime;
  if (fromMs > tip.time) throw new SettlementError(`the dispute can be settled after ${new Date(Number(datum.externalDisputeUnlockTime)).toISOString()}`);
  const window = { fromMs, toMs: tip.time + SIGNING_WINDOW_MS };
  const payouts = [
    { to: 'buyer' as const, address: datum.buyer, amount: input.toBuyer },
    { to: 'seller' as const, address: datum.seller, amount: input.toSeller },
  ].filter((payout) => payout.amount.some((asset) => BigInt(asset.quantity) > 0n));
  const walletUtxos = await input.chain.utxos(input.feePayerAddress);
  const collateral = walletUtxos.find((candidate) => candidate.output.amount.every((asset) => asset.unit === 'lovelace'));
  const [protocolParams, slotConfig] = await Promise.all([input.chain.protocolParams(), input.chain.slotConfig()]);
  const built = await buildWithdrawDisputedTx({
    ctx: { networkId: input.chain.networkId, protocolParams, slotConfig },
    wallet: { utxos: walletUtxos, changeAddress: input.feePayerAddress, ...(collateral ? { collateral } : {}) },
    escrow: { script },
    window,
    escrows: [{ utxo, datum }],
    payouts: payouts.map(({ address, amount }) => ({ address, amount })),
    adminSigners: input.adminSigners,
  });
  return {
    version: 1,
    network: input.source.network,
    escrow: input.escrow,
    txHash: resolveTxHash(built.txHex),
    txHex: built.txHex,
    payouts: payouts.map((payout) => ({ ...payout, amount: payout.amount.map(({ unit, quantity }) => ({ unit, quantity: String(quantity) })) })),
    adminKeyHashes: script.params.adminKeyHashes.slice(),
    requiredAdminSignatures: script.params.requiredAdminSignatures,
    signedBy: [],
    validUntilMs: window.toMs.toString(),
  };
}

/** Adds another signed copy of the transaction (from any admin) to the file. */
export function addSignatures(file: SettlementFile, ...signedTxHexes: string[]): SettlementFile {
  const txHex = mergeVkeyWitnesses(file.txHex, ...signedTxHexes);
  const status = adminSignatureStatus(txHex, { adminKeyHashes: file.adminKeyHashes, requiredAdminSignatures: file.requiredAdminSignatures });
  return { ...file, txHex, signedBy: [...status.signedBy] };
}

/** What an admin runs on their own machine: signs with their key, which never reaches a node. */
export async function signSettlement(file: SettlementFile, mnemonic: string): Promise<SettlementFile> {
  const wallet = await meshWalletFromMnemonic(mnemonic.trim().split(/\s+/), file.network === 'Mainnet' ? 1 : 0);
  return addSignatures(file, await wallet.signTx(file.txHex, true));
}

export async function submitSettlement(chain: Chain, file: SettlementFile): Promise<string> {
  if (file.signedBy.length < file.requiredAdminSignatures) {
    throw new SettlementError(`${file.requiredAdminSignatures} admin signatures are needed, ${file.signedBy.length} present`);
  }
  return chain.submit(file.txHex);
}
