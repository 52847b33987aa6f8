import { randomBytes } from 'node:crypto';
import type { TestApp } from '../helpers/test-app.js';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const MINUTE = 60_000n;

export interface SeededPayment {
  id: string;
  paymentSourceId: string;
  blockchainIdentifier: string;
  agentIdentifier: string;
  sellingWalletVkey: string;
  txHash: string;
}

/**
 * A payment (seller side) whose buyer has locked the funds, written straight to the database
 * while POST /payment and the chain watcher do not exist yet: a Preprod payment source on the
 * devnet, its selling wallet, the confirmed lock transaction, the price and the current action.
 */
export async function seedLockedPayment(t: TestApp, requestedById: string): Promise<SeededPayment> {
  const now = BigInt(Date.now());
  const policyId = hex(28);
  const agentIdentifier = policyId + hex(32);
  const sellingWalletVkey = hex(28);
  const txHash = hex(32);
  const blockchainIdentifier = hex(180);

  return t.db.$transaction(async (tx) => {
    const source = await tx.paymentSource.create({
      data: {
        network: 'Preprod',
        chain: 'Devnet',
        smartContractAddress: 'addr_test1wrl3fyqkhe8uvx9gr5kg4wyaj9fwxgfzqzyp4k6lydmhs8qq8qhkm',
        policyId,
        scriptHash: hex(28),
        feeRatePermille: 50,
        cooldownTime: 7n * MINUTE,
        adminAddresses: [1, 2, 3].map(() => 'addr_test1vqd8w0x3uja50v6scpnkx4njtpgufd6sm5vqtsc6rrxk7rcdsv76l'),
        feeReceiverAddress: 'addr_test1vqd8w0x3uja50v6scpnkx4njtpgufd6sm5vqtsc6rrxk7rcdsv76l',
        encryptedProviderConfig: t.secretBox.encrypt(JSON.stringify({ kind: 'devnet' })),
      },
    });
    const wallet = await tx.hotWallet.create({
      data: {
        paymentSourceId: source.id,
        type: 'Selling',
        walletVkey: sellingWalletVkey,
        walletAddress: 'addr_test1vqd8w0x3uja50v6scpnkx4njtpgufd6sm5vqtsc6rrxk7rcdsv76l',
        encryptedMnemonic: t.secretBox.encrypt(Array.from({ length: 24 }, () => 'abandon').join(' ')),
        note: 'dashboard test seller',
      },
    });
    const lock = await tx.chainTransaction.create({
      data: { txHash, kind: 'FundsLocking', status: 'Confirmed', validUntil: now + 10n * MINUTE, submittedAt: new Date(), blockHeight: 42, confirmations: 3 },
    });
    const payment = await tx.escrowRequest.create({
      data: {
        role: 'Seller',
        paymentSourceId: source.id,
        requestedById,
        walletId: wallet.id,
        counterpartyVkey: hex(28),
        blockchainIdentifier,
        agentIdentifier,
        identifierFromPurchaser: hex(10),
        sellerNonce: hex(32),
        inputHash: hex(32),
        payByTime: now + 10n * MINUTE,
        submitResultTime: now + 60n * MINUTE,
        unlockTime: now + 7n * 60n * MINUTE,
        externalDisputeUnlockTime: now + 13n * 60n * MINUTE,
        cooldownTime: 7n * MINUTE,
        cooldownTimeOtherParty: 7n * MINUTE,
        onChainState: 'FundsLocked',
        escrowTxHash: txHash,
        escrowOutputIndex: 0,
        lastCheckedAt: now,
        currentTransactionId: lock.id,
        transactionHistory: { connect: [{ id: lock.id }] },
        amounts: { create: [{ kind: 'Price', unit: '', amount: 10_000_000n }] },
        stateChanges: { create: [{ txHash, blockHeight: 42, event: 'Lock', fromState: null, toState: 'FundsLocked' }] },
      },
    });
    const action = await tx.escrowAction.create({ data: { requestId: payment.id, requestedAction: 'WaitingForExternalAction' } });
    await tx.escrowRequest.update({ where: { id: payment.id }, data: { currentActionId: action.id } });
    return { id: payment.id, paymentSourceId: source.id, blockchainIdentifier, agentIdentifier, sellingWalletVkey, txHash };
  });
}
