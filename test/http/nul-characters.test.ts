import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.createKey('Admin')).token;
});
afterAll(() => t.close());

describe('U+0000 in a request (PostgreSQL cannot store it)', () => {
  it.each([
    ['a body field', 'POST', '/api/v1/payment/resolve-blockchain-identifier', undefined, { network: 'Preprod', blockchainIdentifier: 'ab\u0000' }, 'body.blockchainIdentifier'],
    ['a nested body field', 'POST', '/api/v1/api-key', undefined, { permission: 'Read', UsageCredits: [{ unit: '\u0000', amount: '1' }] }, 'body.UsageCredits.0.unit'],
    ['a query parameter', 'GET', '/api/v1/payment', { network: 'Preprod', cursorId: 'x\u0000' }, undefined, 'query.cursorId'],
    ['a path parameter', 'POST', '/api/v1/webhooks/deliveries/a%00b/redeliver', undefined, {}, 'params.id'],
  ])('in %s is a 400 naming it, not a 500', async (_what, method, url, query, payload, field) => {
    const response = await t.app.inject({ method: method as 'GET', url, headers: { token }, ...(query ? { query } : {}), ...(payload ? { payload } : {}) });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ status: 'error', error: { code: 'VALIDATION_ERROR' } });
    expect(response.json().error.message).toContain(field);
  });
});
