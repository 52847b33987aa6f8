import { createHmac, randomBytes } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Role } from '../../../src/domain/escrow-transitions.js';
import type { Network } from '../../../src/generated/prisma/enums.js';
import type { TestApp } from '../../helpers/test-app.js';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const ADDRESS = 'addr_test1vqd8w0x3uja50v6scpnkx4njtpgufd6sm5vqtsc6rrxk7rcdsv76l';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  /** The signature header equals HMAC-SHA256(secret, timestamp + "." + body), computed here independently. */
  signatureValid: boolean;
  /** The timestamp is within 5 minutes of `now()`. */
  timestampFresh: boolean;
  answered: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  secret: string;
  /** Status codes to answer, in order; the last one repeats. */
  answers: number[];
  now: () => number;
  close(): Promise<void>;
}

/** A webhook consumer on 127.0.0.1 that checks what a real one would. */
export async function startReceiver(answers: number[] = [200]): Promise<Receiver> {
  const receiver: Receiver = { url: '', received: [], secret: '', answers, now: () => Date.now(), close: async () => {} };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(request.headers['x-webhook-timestamp'] ?? '');
      const expected = `v1=${createHmac('sha256', receiver.secret).update(`${timestamp}.${body}`).digest('hex')}`;
      const answered = receiver.answers[Math.min(receiver.received.length, receiver.answers.length - 1)] ?? 200;
      receiver.received.push({
        headers: request.headers,
        body,
        signatureValid: request.headers['x-webhook-signature'] === expected,
        timestampFresh: Math.abs(receiver.now() - Number(timestamp)) <= 5 * 60_000,
        answered,
      });
      response.writeHead(answered, { 'content-type': 'text/plain' }).end(answered === 200 ? 'thanks' : `failure ${answered} ${'x'.repeat(5000)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}

/** A payment (Seller) or purchase (Buyer) with its source and wallet, written straight to the database. */
export async function seedEscrow(t: TestApp, requestedById: string, options: { role?: Role; network?: Network } = {}) {
  const now = BigInt(Date.now());
  return t.db.$transaction(async (tx) => {
    const source = await tx.paymentSource.create({
      data: {
        network: options.network ?? 'Preprod',
        chain: 'Devnet',
        smartContractAddress: ADDRESS,
        policyId: hex(28),
        scriptHash: hex(28),
        feeRatePermille: 50,
        cooldownTime: 60_000n,
        adminAddresses: [ADDRESS, ADDRESS, ADDRESS],
        feeReceiverAddress: ADDRESS,
        encryptedProviderConfig: t.secretBox.encrypt(JSON.stringify({ kind: 'devnet' })),
      },
    });
    const wallet = await tx.hotWallet.create({
      data: { paymentSourceId: source.id, type: options.role === 'Buyer' ? 'Purchasing' : 'Selling', walletVkey: hex(28), walletAddress: ADDRESS, encryptedMnemonic: t.secretBox.encrypt('not a real mnemonic') },
    });
    const request = await tx.escrowRequest.create({
      data: {
        role: options.role ?? 'Seller',
        paymentSourceId: source.id,
        requestedById,
        walletId: wallet.id,
        blockchainIdentifier: hex(60),
        agentIdentifier: hex(28) + hex(32),
        identifierFromPurchaser: hex(10),
        sellerNonce: hex(32),
        inputHash: hex(32),
        payByTime: now + 600_000n,
        submitResultTime: now + 3_600_000n,
        unlockTime: now + 7_200_000n,
        externalDisputeUnlockTime: now + 10_800_000n,
        amounts: { create: [{ kind: 'Price', unit: '', amount: 10_000_000n }] },
      },
    });
    const action = await tx.escrowAction.create({ data: { requestId: request.id, requestedAction: 'WaitingForExternalAction' } });
    await tx.escrowRequest.update({ where: { id: request.id }, data: { currentActionId: action.id } });
    return { id: request.id, paymentSourceId: source.id };
  });
}
