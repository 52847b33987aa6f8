import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escrowScript } from '../../../src/cardano/contract/scripts.js';
import { paymentKeyHashOf } from '../../../src/cardano/wallet-keys.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { newTestWallet, paymentSourceBody } from '../../helpers/wallets.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp({}, { devnetUrl: 'http://127.0.0.1:9/api/v0' });
  admin = (await t.createKey('Admin')).token;
});
afterAll(() => t.close());

async function api(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, query?: Record<string, string>, token = admin) {
  const response = await t.app.inject({ method, url: `/api/v1${url}`, headers: { token }, query, ...(body === undefined ? {} : { payload: body as object }) });
  return { status: response.statusCode, body: response.json<{ data: any; error?: { code: string; message: string } }>(), raw: response.body };
}

describe('payment sources', () => {
  it('derives the contract address and policy from the parameters and keeps mnemonics encrypted', async () => {
    const { body, wallets } = await paymentSourceBody();
    const created = await api('POST', '/payment-source-extended', body);
    expect(created.status).toBe(200);
    const source = created.body.data;
    const expected = escrowScript(
      { adminKeyHashes: wallets.admins.map((w) => paymentKeyHashOf(w.address)), requiredAdminSignatures: 2, feeAddress: wallets.fee.address, feePermille: 50, cooldownPeriodMs: 60_000n },
      0,
    );
    expect(source.smartContractAddress).toBe(expected.address);
    expect(source.policyId).toMatch(/^[0-9a-f]{56}$/);
    expect(source.chain).toBe('devnet');
    expect(source.PaymentSourceConfig).toEqual({ rpcProvider: 'Devnet', rpcProviderApiKey: null });
    expect(source.SellingWallets[0]).toMatchObject({ walletVkey: wallets.seller.vkey, walletAddress: wallets.seller.address, note: 'seller' });
    expect(created.raw).not.toContain(wallets.seller.mnemonic.split(' ')[0]! + ' ' + wallets.seller.mnemonic.split(' ')[1]);

    const rows = await t.db.hotWallet.findMany({ where: { paymentSourceId: source.id } });
    for (const row of rows) {
      expect(row.encryptedMnemonic).toMatch(/^v1\./);
      expect(t.secretBox.decrypt(row.encryptedMnemonic)).toBe(row.type === 'Selling' ? wallets.seller.mnemonic : wallets.buyer.mnemonic);
    }

    const again = await api('POST', '/payment-source-extended', body);
    expect(again.status).toBe(409);
  });

  it('stores a Blockfrost key encrypted and shows it masked everywhere', async () => {
    const projectId = 'mainnetAbCdEfGhIjKlMnOpQrStUvWxYz012345';
    const { body } = await paymentSourceBody({ PaymentSourceConfig: { rpcProvider: 'Blockfrost', rpcProviderApiKey: projectId } }, 1);
    const created = await api('POST', '/payment-source-extended', body);
    expect(created.status).toBe(200);
    expect(created.raw).not.toContain(projectId);
    expect(created.body.data.PaymentSourceConfig.rpcProviderApiKey).toMatch(/^mainnet\*+/);
    const row = await t.db.paymentSource.findUniqueOrThrow({ where: { id: created.body.data.id } });
    expect(row.encryptedProviderConfig).not.toContain(projectId);
    for (const [url, query] of [['/rpc-api-keys', {}], ['/payment-source-extended', { take: '100' }], ['/payment-source', { take: '100' }]] as const) {
      const listed = await api('GET', url, undefined, query);
      expect(listed.status).toBe(200);
      expect(listed.raw).not.toContain(projectId);
    }
  });

  it('adds and removes wallets, keeps 1–50 per type, resets the sync cursor and soft-deletes', async () => {
    const { body } = await paymentSourceBody();
    const source = (await api('POST', '/payment-source-extended', body)).body.data;
    await t.db.paymentSource.update({ where: { id: source.id }, data: { syncedBlockHeight: 42 } });
    const extra = await newTestWallet();
    const added = await api('PATCH', '/payment-source-extended', { id: source.id, AddSellingWallets: [{ walletMnemonic: extra.mnemonic, note: 'second' }], lastIdentifierChecked: null });
    expect(added.status).toBe(200);
    expect(added.body.data.SellingWallets).toHaveLength(2);
    expect(added.body.data.syncedBlockHeight).toBeNull();

    const onlyBuyer = source.PurchasingWallets[0].id;
    const refused = await api('PATCH', '/payment-source-extended', { id: source.id, RemovePurchasingWallets: [{ id: onlyBuyer }] });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toContain('PurchasingWallets');

    const removed = await api('PATCH', '/payment-source-extended', { id: source.id, RemoveSellingWallets: [{ id: source.SellingWallets[0].id }] });
    expect(removed.body.data.SellingWallets.map((w: { walletVkey: string }) => w.walletVkey)).toEqual([extra.vkey]);

    expect((await api('DELETE', '/payment-source-extended', { id: source.id })).status).toBe(200);
    const listed = await api('GET', '/payment-source-extended', undefined, { take: '100' });
    expect(listed.body.data.ExtendedPaymentSources.map((s: { id: string }) => s.id)).not.toContain(source.id);
    expect((await api('DELETE', '/payment-source-extended', { id: source.id })).status).toBe(404);
  });

  it.each([
    ['a bad mnemonic', (b: any) => ({ ...b, SellingWallets: [{ walletMnemonic: 'abandon '.repeat(24).trim() }] }), 'SellingWallets.0.walletMnemonic'],
    ['a mainnet admin on Preprod', async (b: any) => ({ ...b, AdminWallets: [{ walletAddress: (await newTestWallet(1)).address }, ...b.AdminWallets.slice(1)] }), 'AdminWallets.0.walletAddress'],
    ['the same admin twice', (b: any) => ({ ...b, AdminWallets: [b.AdminWallets[0], b.AdminWallets[0], b.AdminWallets[1]] }), 'AdminWallets'],
    ['two admins', (b: any) => ({ ...b, AdminWallets: b.AdminWallets.slice(1) }), 'AdminWallets'],
    ['a fee over 1000 permille', (b: any) => ({ ...b, feeRatePermille: 1001 }), 'feeRatePermille'],
    ['Mainnet on the devnet', (b: any) => ({ ...b, network: 'Mainnet' }), 'PaymentSourceConfig'],
    ['a preprod key for Mainnet', (b: any) => ({ ...b, network: 'Mainnet', PaymentSourceConfig: { rpcProvider: 'Blockfrost', rpcProviderApiKey: 'preprodABCDEFGHIJKLMNOP' } }), 'rpcProviderApiKey'],
    ['the same wallet twice', (b: any) => ({ ...b, SellingWallets: [b.PurchasingWallets[0]] }), 'walletMnemonic'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_label, change, field) => {
    const { body } = await paymentSourceBody();
    const before = await t.db.paymentSource.count();
    const response = await api('POST', '/payment-source-extended', await change(body));
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(response.body.error?.message).toContain(field);
    expect(await t.db.paymentSource.count()).toBe(before);
  });
});

describe('wallets', () => {
  it('POST /wallet makes a fresh wallet and stores nothing', async () => {
    const before = await t.db.hotWallet.count();
    const made = await api('POST', '/wallet', { network: 'Preprod' });
    expect(made.body.data.walletMnemonic.split(' ')).toHaveLength(24);
    expect(made.body.data.walletAddress).toMatch(/^addr_test1/);
    expect(paymentKeyHashOf(made.body.data.walletAddress)).toBe(made.body.data.walletVkey);
    expect(await t.db.hotWallet.count()).toBe(before);
  });

  it('GET /wallet hides the mnemonic unless includeSecret=true; PATCH sets the collection address', async () => {
    const { body, wallets } = await paymentSourceBody();
    const source = (await api('POST', '/payment-source-extended', body)).body.data;
    const id = source.SellingWallets[0].id;
    const plain = await api('GET', '/wallet', undefined, { walletType: 'Selling', id });
    expect(plain.body.data).toMatchObject({ walletVkey: wallets.seller.vkey, PendingTransaction: null });
    expect(plain.body.data.Secret).toBeUndefined();
    expect(plain.raw).not.toContain(wallets.seller.mnemonic);
    const secret = await api('GET', '/wallet', undefined, { walletType: 'Selling', id, includeSecret: 'true' });
    expect(secret.body.data.Secret.mnemonic).toBe(wallets.seller.mnemonic);
    expect((await api('GET', '/wallet', undefined, { walletType: 'Purchasing', id })).status).toBe(404);

    const collection = (await newTestWallet()).address;
    const patched = await api('PATCH', '/wallet', { id, newCollectionAddress: collection });
    expect(patched.body.data.collectionAddress).toBe(collection);
    const wrongNetwork = await api('PATCH', '/wallet', { id, newCollectionAddress: (await newTestWallet(1)).address });
    expect(wrongNetwork.status).toBe(400);
    expect(wrongNetwork.body.error?.message).toContain('newCollectionAddress');
  });
});
