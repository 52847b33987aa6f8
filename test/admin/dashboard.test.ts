import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { createDashboardTestApp } from './dashboard-test-app.js';
import { seedLockedPayment, type SeededPayment } from './seed-payment.js';

const SCREENSHOT = 'test-artifacts/admin-dashboard.png';

const t = await createDashboardTestApp();

let browser: Browser;
let context: BrowserContext;
let page: Page;
let baseUrl: string;
let admin: { id: string; token: string };
let payment: SeededPayment;
const pageErrors: string[] = [];

beforeAll(async () => {
  admin = await t.createKey('Admin');
  payment = await seedLockedPayment(t, admin.id);
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  context = await browser.newContext({ baseURL: baseUrl });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('dialog', (dialog) => void dialog.accept());
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});

const alert = (text: string) => page.getByRole('alert').filter({ hasText: text });
// The test code is type-checked without the DOM library, so in-page code is passed as text.
const storedToken = () => page.evaluate<string | null>('sessionStorage.getItem("apn-admin.token")');
const keyRow = (id: string) => page.locator(`tr[data-id="${id}"]`);

async function apiKeyStatus(token: string) {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/api-key-status', headers: { token } });
  return { status: response.statusCode, body: response.json() };
}

async function openScreen(name: string) {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name, exact: true }).click();
  await page.locator(`nav a[aria-current="page"]`, { hasText: name }).waitFor();
}

async function saveScreenshot() {
  await mkdir('test-artifacts', { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
}

describe('admin dashboard in a real browser', () => {
  it('refuses unknown and non-admin keys with the API reason, then logs in with an admin key', async () => {
    await page.goto('/admin');
    const tokenField = page.getByLabel('Admin API key');

    await tokenField.fill('apn_not-a-real-key-000000000000000000');
    await page.getByRole('button', { name: 'Log in' }).click();
    await alert('invalid token').waitFor();
    expect(await alert('invalid token').textContent()).toContain('UNAUTHORIZED');

    const reader = await t.createKey('Read');
    await tokenField.fill(reader.token);
    await page.getByRole('button', { name: 'Log in' }).click();
    await alert('this key has the Read permission').waitFor();
    expect(await storedToken()).toBeNull();

    await tokenField.fill(admin.token);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    await keyRow(admin.id).waitFor();
    expect(await storedToken()).toBe(admin.token);
    expect(pageErrors).toEqual([]);
  });

  it('creates an API key, shows its token once with a copy button, and lists it', async () => {
    await page.getByLabel('Permission').selectOption('ReadAndPay');
    await page.getByRole('checkbox', { name: 'Mainnet' }).uncheck();
    await page.getByRole('checkbox', { name: 'Usage limited' }).check();
    await page.getByLabel('Usage credits amount').fill('5000000');
    await page.getByRole('button', { name: 'Create key' }).click();

    const panel = page.getByRole('region', { name: 'New API key' });
    await panel.waitFor();
    const token = (await panel.locator('code.token').textContent()) ?? '';
    const id = (await panel.locator('code.new-key-id').textContent()) ?? '';
    await page.getByRole('status').filter({ hasText: `Key ${id} created with permission ReadAndPay` }).waitFor();

    // The token on the page is the real one, with what the form asked for.
    const status = await apiKeyStatus(token);
    expect(status.status).toBe(200);
    expect(status.body.data).toMatchObject({ id, permission: 'ReadAndPay', usageLimited: true, NetworkLimit: ['Preprod'], RemainingUsageCredits: [{ unit: '', amount: '5000000' }] });

    const row = keyRow(id);
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('ReadAndPay');
    expect(rowText).toContain('Active');
    expect(rowText).toContain('5 ADA');
    expect(rowText).not.toContain(token);

    await panel.getByRole('button', { name: 'Copy' }).click();
    await panel.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(token);

    // Shown once: after a reload the session stays, the token is gone from the page.
    await page.reload();
    await keyRow(id).waitFor();
    expect(await page.getByRole('region', { name: 'New API key' }).count()).toBe(0);
    expect(await page.content()).not.toContain(token);
    expect(pageErrors).toEqual([]);
  });

  it("shows the API's error text when an action fails, and never a success", async () => {
    // A key revoked elsewhere while its row is still on screen: the API answers 404.
    const victim = await t.createKey('Read');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await keyRow(victim.id).waitFor();
    const deleted = await t.app.inject({ method: 'DELETE', url: '/api/v1/api-key', headers: { token: admin.token }, payload: { id: victim.id } });
    expect(deleted.statusCode).toBe(200);
    const revoke = keyRow(victim.id).getByRole('button', { name: 'Revoke' });
    await revoke.click();
    await alert(`no API key ${victim.id}`).waitFor();
    expect(await alert(`no API key ${victim.id}`).textContent()).toContain('API_KEY_NOT_FOUND · HTTP 404');
    expect(await page.getByRole('status').count()).toBe(0);
    expect(await revoke.isEnabled()).toBe(true);

    // Removing more credits than a key has: 400, and the credits stay as they were.
    const limited = await t.createKey('Read', { usageLimited: true, credits: [{ unit: '', amount: 1_000_000n }] });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await keyRow(limited.id).getByRole('button', { name: 'Credits' }).click();
    await page.getByLabel('Add (positive) or remove (negative) credits amount').fill('-2000000');
    await page.getByRole('button', { name: 'Apply credits' }).click();
    await alert('would become negative').waitFor();
    expect(await alert('would become negative').textContent()).toContain('VALIDATION_ERROR · HTTP 400');
    expect(await page.getByRole('status').count()).toBe(0);
    expect((await apiKeyStatus(limited.token)).body.data.RemainingUsageCredits).toEqual([{ unit: '', amount: '1000000' }]);

    // Revoking the last admin key is refused (409) and the session keeps working.
    await keyRow(admin.id).getByRole('button', { name: 'Revoke' }).click();
    await alert('last active admin key').waitFor();
    expect(await page.getByRole('status').count()).toBe(0);
    expect((await apiKeyStatus(admin.token)).status).toBe(200);
    expect(pageErrors).toEqual([]);
  });

  it('opens a payment and sees its state', async () => {
    await openScreen('Payments');
    const row = page.locator('tr', { has: page.locator(`code[title="${payment.blockchainIdentifier}"]`) });
    await row.waitFor();
    expect(await row.textContent()).toContain('FundsLocked');
    expect(await row.textContent()).toContain('WaitingForExternalAction');

    await row.getByRole('button', { name: 'Open' }).click();
    const detail = page.getByRole('region', { name: 'Payment detail' });
    await detail.locator('code.blockchain-identifier', { hasText: payment.blockchainIdentifier }).waitFor();
    const text = (await detail.textContent()) ?? '';
    expect(text).toContain('FundsLocked');
    expect(text).toContain('WaitingForExternalAction');
    expect(text).toContain('10 ADA');
    expect(text).toContain(payment.agentIdentifier);
    await saveScreenshot();

    // Funds are only locked (no refund requested, no dispute): the API must refuse, and the page says why.
    await detail.getByRole('button', { name: 'Authorize refund' }).click();
    await detail.locator('.action-notices [role="alert"]').waitFor();
    expect(await detail.getByRole('status').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('lists payment sources and their wallets, each balance loaded or its API error shown', async () => {
    await openScreen('Payment sources');
    const card = page.locator(`article.card[data-id="${payment.paymentSourceId}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('50 ‰');

    await openScreen('Wallets');
    const row = page.locator('tr', { has: page.locator(`code[title="${payment.sellingWalletVkey}"]`) });
    await row.waitFor();
    expect(await row.textContent()).toContain('dashboard test seller');
    const balance = row.locator('.balance:not([aria-busy])');
    await balance.waitFor();
    expect(await balance.textContent()).toMatch(/ADA|\([A-Z_]+\)$/);
    expect(pageErrors).toEqual([]);
  });

  it('every other screen shows its data or the API error, for the chosen network', async () => {
    for (const name of ['Wallets', 'Payment sources', 'Purchases', 'Agents']) {
      await openScreen(name);
      await page.locator('main').locator('.notice.error, table, p.empty, article.card').first().waitFor();
    }
    const registryCall = page.waitForRequest((request) => request.url().includes('/api/v1/registry?') && request.url().includes('network=Mainnet'));
    await page.getByLabel('Network', { exact: true }).selectOption('Mainnet');
    await registryCall;
    await page.getByRole('heading', { name: 'Agents on Mainnet' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('registers an agent from the form: the API accepts it and the agent is listed as requested', async () => {
    await page.getByLabel('Network', { exact: true }).selectOption('Preprod');
    await openScreen('Agents');
    await page.getByText('Register an agent').click();
    const form = page.getByRole('form', { name: 'Register an agent' });
    const fill: [string, string][] = [
      ['Selling wallet vkey', payment.sellingWalletVkey], ['Name', 'Summarizer'], ['Description', 'Summarizes text'],
      ['API base URL', 'https://agent.example.com'], ['Capability', 'summarize'], ['Capability version', '1.0.0'],
      ['Tags', 'text, summary'], ['Author', 'Ops team'],
    ];
    for (const [label, value] of fill) await form.getByLabel(label, { exact: true }).fill(value);
    await form.getByLabel('Price per job (base units) amount').fill('2500000');
    await form.getByRole('button', { name: 'Register agent' }).click();
    await page.locator('[role="status"], [role="alert"]').first().waitFor();
    expect(await page.locator('[role="alert"]').allTextContents()).toEqual([]);
    await page.locator('tr', { hasText: 'Summarizer' }).filter({ hasText: 'RegistrationRequested' }).first().waitFor();
    await saveScreenshot();
    expect(pageErrors).toEqual([]);
  });

  it('logs out: the key leaves session storage and the login form comes back', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Admin API key').waitFor();
    expect(await storedToken()).toBeNull();
    await page.reload();
    await page.getByLabel('Admin API key').waitFor();
    expect(await page.getByRole('navigation', { name: 'Screens' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
