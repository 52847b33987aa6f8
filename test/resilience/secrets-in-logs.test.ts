import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevnet, type Devnet } from '../../src/devnet/index.js';
import { createTestDatabase } from '../helpers/test-database.js';
import { newTestWallet, paymentSourceBody } from '../helpers/wallets.js';
import { advancePastUnlock, createDeal, defaultSource, submitResult, waitForBoth } from './helpers/deals.js';
import { HttpApi, ResponseLog } from './helpers/http-api.js';
import { NODE_ADMIN_KEY, NODE_ENCRYPTION_KEY, type NodeProc, startNodeProcess } from './helpers/node-process.js';
import { databaseText, SecretScanner } from './helpers/secret-scan.js';

/**
 * A full flow on a node logging at trace, touching every kind of secret the node handles: then its
 * whole log, every API response and every webhook delivery are searched for mnemonics (any four
 * words in a row), API tokens, provider keys and the node's own keys. A secret may appear only in the
 * one response that hands it out (creating a key, a wallet or a webhook; revealing a wallet's mnemonic).
 */
let devnet: Devnet;
let database: { url: string; drop(): Promise<void> };
let node: NodeProc;
let receiver: Server;
const deliveries: string[] = [];
const responses = new ResponseLog();
/** Responses that hand a secret out by design. */
const handedOut = new Set<string>();

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, blockIntervalMs: 500 });
  database = await createTestDatabase();
  node = await startNodeProcess('secrets-trace', { databaseUrl: database.url, devnetUrl: devnet.url, env: { LOG_LEVEL: 'trace', WEBHOOK_ALLOW_PRIVATE: 'true' } });
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      deliveries.push(`${JSON.stringify(request.headers)}\n${body}`);
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await node?.kill();
  await database?.drop();
  await devnet?.close();
  receiver?.close();
});

function handOut(raw: string): void {
  handedOut.add(raw);
}

describe('secrets never reach a log line or a response that is not meant to carry them', () => {
  it('a full flow at LOG_LEVEL=trace: nothing leaks', async () => {
    const scanner = new SecretScanner();
    scanner.addLiteral('ADMIN_KEY', NODE_ADMIN_KEY);
    scanner.addLiteral('ENCRYPTION_KEY', NODE_ENCRYPTION_KEY);
    const admin = new HttpApi(() => node.base, NODE_ADMIN_KEY, responses);

    // The zero-setup source: its hot wallets' mnemonics (revealed once each, on purpose) and the admin wallets' file.
    const [extended] = (await admin.ok('GET', '/payment-source-extended', { limit: '10' })).ExtendedPaymentSources;
    for (const [type, wallets] of [['Selling', extended.SellingWallets], ['Purchasing', extended.PurchasingWallets]] as const) {
      for (const wallet of wallets) {
        const revealed = await admin.call('GET', '/wallet', { walletType: type, id: wallet.id, includeSecret: 'true' });
        expect(revealed.status).toBe(200);
        handOut(revealed.raw);
        scanner.addMnemonic(`${type} wallet mnemonic`, revealed.body.data.Secret.mnemonic);
      }
    }
    const adminWallets = JSON.parse(await readFile(path.join(node.dataDir, 'devnet-admin-wallets.json'), 'utf8')) as { admins: { mnemonic: string }[] };
    adminWallets.admins.forEach((wallet, index) => scanner.addMnemonic(`devnet admin ${index + 1} mnemonic`, wallet.mnemonic));

    // API tokens: shown once, then used in headers for the whole flow.
    // Careful clients send an Idempotency-Key with every POST, these included.
    const created = await admin.call('POST', '/api-key', { permission: 'ReadAndPay', networkLimit: ['Preprod'] }, { idempotencyKey: 'create-pay-key' });
    handOut(created.raw);
    const payToken = created.body.data.token as string;
    scanner.addLiteral('ReadAndPay token', payToken);
    const readKey = await admin.call('POST', '/api-key', { permission: 'Read' });
    handOut(readKey.raw);
    scanner.addLiteral('Read token', readKey.body.data.token);
    const payer = new HttpApi(() => node.base, payToken, responses);
    const reader = new HttpApi(() => node.base, readKey.body.data.token, responses);

    // A second source with mnemonics sent in the body; a Blockfrost source with a provider key; a mnemonic with a typo.
    const { body: devnetSource, wallets } = await paymentSourceBody({ PaymentSourceConfig: { rpcProvider: 'Devnet' } });
    scanner.addMnemonic('posted selling mnemonic', wallets.seller.mnemonic);
    scanner.addMnemonic('posted purchasing mnemonic', wallets.buyer.mnemonic);
    expect((await admin.call('POST', '/payment-source-extended', devnetSource)).status).toBe(200);
    const providerKey = `preprod${randomBytes(16).toString('hex')}`;
    scanner.addLiteral('Blockfrost project id', providerKey);
    const blockfrost = await paymentSourceBody({ PaymentSourceConfig: { rpcProvider: 'Blockfrost', rpcProviderApiKey: providerKey } });
    const blockfrostSource = await admin.call('POST', '/payment-source-extended', blockfrost.body);
    expect(blockfrostSource.status, blockfrostSource.raw).toBe(200);
    // Deleted at once, so the node's jobs never call the real Blockfrost with it.
    expect((await admin.call('DELETE', '/payment-source-extended', { id: blockfrostSource.body.data.id })).status).toBe(200);
    const typo = await newTestWallet();
    scanner.addMnemonic('mistyped mnemonic', typo.mnemonic);
    const words = typo.mnemonic.split(' ');
    words[5] = words[5] === 'abandon' ? 'ability' : 'abandon';
    const badSource = await paymentSourceBody({ PurchasingWallets: [{ walletMnemonic: words.join(' ') }] });
    expect((await admin.call('POST', '/payment-source-extended', badSource.body)).status).toBe(400);
    const notWords = await paymentSourceBody({ SellingWallets: [{ walletMnemonic: `${typo.mnemonic} extra` }] });
    expect((await admin.call('POST', '/payment-source-extended', notWords.body)).status).toBe(400);
    await admin.ok('GET', '/payment-source-extended', { limit: '10' });
    await admin.ok('GET', '/rpc-api-keys', { limit: '10' });
    await admin.ok('GET', '/api-key', { limit: '10' });
    await payer.ok('GET', '/api-key-status');
    await reader.ok('GET', '/api-key-status');

    // A fresh wallet (the mnemonic is the answer), a webhook (its secret is shown once).
    const fresh = await admin.call('POST', '/wallet', { network: 'Preprod' }, { idempotencyKey: 'new-wallet' });
    handOut(fresh.raw);
    scanner.addMnemonic('generated wallet mnemonic', fresh.body.data.walletMnemonic);
    const address = receiver.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const hook = await payer.call('POST', '/webhooks', { url: `http://127.0.0.1:${port}/hook`, events: ['PAYMENT_ON_CHAIN_STATUS_CHANGED', 'PURCHASE_ON_CHAIN_STATUS_CHANGED'] }, { idempotencyKey: 'new-hook' });
    expect(hook.status, hook.raw).toBe(200);
    handOut(hook.raw);
    scanner.addLiteral('webhook secret', hook.body.data.secret);

    // Wrong and revoked tokens on the way.
    expect((await admin.call('GET', '/api-key-status', undefined, { token: `${payToken}x` })).status).toBe(401);

    // The payment flow, with the ReadAndPay key.
    const parties = await defaultSource(admin);
    const deal = await createDeal(payer, payer, devnet, parties.agentIdentifier);
    await waitForBoth(payer, payer, deal, 'FundsLocked', 120_000);
    await submitResult(payer, deal);
    await waitForBoth(payer, payer, deal, 'ResultSubmitted', 120_000);
    advancePastUnlock(devnet, [deal]);
    await waitForBoth(reader, reader, deal, 'Withdrawn', 120_000);
    await payer.ok('GET', '/payment', { network: 'Preprod', includeHistory: 'true' });
    await payer.ok('GET', '/purchase', { network: 'Preprod', includeHistory: 'true' });
    await payer.ok('GET', '/webhooks/deliveries', { limit: '50' });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(deliveries.length).toBeGreaterThan(0);

    expect((await node.stop()).code).toBe(0);
    const log = node.log();
    // The log really is the verbose one: debug lines, and a line for every request.
    expect(log).toContain('"level":20');
    expect(log.split('"msg":"incoming request"').length - 1).toBeGreaterThanOrEqual(responses.entries.length);
    expect(scanner.size).toBeGreaterThanOrEqual(14);
    expect(scanner.find(log), 'secrets in the trace log').toEqual([]);
    const leaking = responses.entries.filter((entry) => !handedOut.has(entry.raw)).flatMap((entry) => scanner.find(entry.raw).map((found) => `${entry.method} ${entry.path} ${entry.status}: ${found}`));
    expect(leaking, 'secrets in API responses').toEqual([]);
    expect(deliveries.flatMap((delivery) => scanner.find(delivery)), 'secrets in webhook deliveries').toEqual([]);
    // The scanner does find them where they are handed out.
    expect(scanner.find(created.raw).join()).toContain('ReadAndPay token');
    expect(scanner.find(fresh.raw).join()).toContain('generated wallet mnemonic');
    expect(scanner.find(hook.raw).join()).toContain('webhook secret');

    // A stolen backup: mnemonics, provider keys and stored idempotent responses are encrypted, tokens hashed.
    const tables = await databaseText(database.url);
    const stored = [...tables].flatMap(([table, text]) => scanner.find(text).map((found) => `${table}: ${found}`));
    expect(stored, 'secrets in plain text in the database').toEqual([]);
    console.log(`secrets: ${scanner.size} secrets, ${Math.round(log.length / 1024)} KiB of trace log, ${responses.entries.length} responses, ${deliveries.length} webhook deliveries: none leaked`);
  }, 600_000);
});
