import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeEscrow } from '../../../src/modules/escrow/escrow-state.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { seedEscrow } from '../webhook/webhook-fixtures.js';

let t: TestApp;
let owner: { id: string; token: string };
const ids: string[] = [];

async function list(path: '/payment' | '/purchase', query: Record<string, string>) {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1${path}`, headers: { token: owner.token }, query: { network: 'Preprod', ...query } });
  expect(response.statusCode, response.body).toBe(200);
  const data = response.json().data;
  return (path === '/payment' ? data.Payments : data.Purchases) as Record<string, any>[];
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createKey('Admin');
  // Oldest first; distinct creation times.
  for (let i = 0; i < 7; i++) {
    ids.push((await seedEscrow(t, owner.id)).id);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await seedEscrow(t, owner.id, { network: 'Mainnet' });
  await seedEscrow(t, owner.id, { role: 'Buyer' });
});
afterAll(() => t.close());

describe('GET /payment and /purchase pages', () => {
  it('newest first, page by page with cursorId, no row twice, only the network and role asked for', async () => {
    const seen: string[] = [];
    let cursorId: string | undefined;
    for (;;) {
      const page = await list('/payment', { limit: '3', ...(cursorId ? { cursorId } : {}) });
      if (page.length === 0) break;
      seen.push(...page.map((row) => row.id as string));
      cursorId = page.at(-1)!.id;
    }
    expect(seen).toEqual([...ids].reverse());
    expect(await list('/purchase', {})).toHaveLength(1);
  });

  it('each row carries its current action and price, the same with or without histories', async () => {
    await changeEscrow(t.db, ids[2]!, { nextAction: 'WaitingForManualAction', errorType: 'Unknown', errorNote: 'stuck' });
    const [plain] = await list('/payment', { filterBlockchainIdentifier: (await t.db.escrowRequest.findUniqueOrThrow({ where: { id: ids[2]! } })).blockchainIdentifier });
    expect(plain).toMatchObject({ id: ids[2], NextAction: { requestedAction: 'WaitingForManualAction', errorType: 'Unknown', errorNote: 'stuck' }, RequestedFunds: [{ unit: '', amount: '10000000' }], ActionHistory: null });
    expect(plain!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const withHistory = (await list('/payment', { limit: '10', includeHistory: 'true' })).find((row) => row.id === ids[2]);
    expect(withHistory!.ActionHistory.map((entry: { requestedAction: string }) => entry.requestedAction)).toEqual(['WaitingForManualAction', 'WaitingForExternalAction']);
    const { ActionHistory: _a, TransactionHistory: _t, ...rest } = withHistory!;
    const { ActionHistory: _b, TransactionHistory: _u, ...plainRest } = plain!;
    expect(rest).toEqual(plainRest);
  });

  it('filters by next action and on-chain state; updatedSince lists oldest change first', async () => {
    await t.db.escrowRequest.update({ where: { id: ids[4]! }, data: { onChainState: 'FundsLocked' } });
    expect((await list('/payment', { filterOnChainState: 'FundsLocked' })).map((row) => row.id)).toEqual([ids[4]]);
    expect((await list('/payment', { filterNextAction: 'WaitingForManualAction' })).map((row) => row.id)).toEqual([ids[2]]);
    const since = new Date(Date.now() - 60_000).toISOString();
    const changed = await list('/payment', { updatedSince: since, limit: '20' });
    expect(changed.map((row) => row.id).slice(-2)).toEqual([ids[2], ids[4]]);
    const times = changed.map((row) => Date.parse(row.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
