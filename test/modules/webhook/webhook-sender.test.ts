import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from '../../../src/modules/webhook/webhook-sender.js';
import type { Resolver } from '../../../src/modules/webhook/webhook-url.js';
import { startReceiver, type Receiver } from './webhook-fixtures.js';

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver([200, 302]);
});
afterAll(() => receiver.close());

const port = () => new URL(receiver.url).port;

describe('postWebhook', () => {
  it('connects only to the address it checked: a name that re-resolves to loopback (DNS rebinding) is refused at connect time', async () => {
    let lookups = 0;
    const rebinding: Resolver = async () => (lookups++ === 0 ? [{ address: '93.184.215.14', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]);
    const result = await postWebhook(`http://rebind.example.com:${port()}/hooks`, '{}', {}, { allowPrivate: false, timeoutMs: 5000, resolve: rebinding });
    expect(lookups).toBe(2);
    expect(result).toMatchObject({ ok: false, statusCode: null });
    expect(result.error).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(receiver.received).toHaveLength(0);
  });

  it('with private targets allowed, a host name goes through the same lookup; redirects are failures, not followed', async () => {
    const delivered = await postWebhook(`http://localhost:${port()}/hooks`, '{"a":1}', { 'x-webhook-id': 'd1' }, { allowPrivate: true, timeoutMs: 5000 });
    expect(delivered).toEqual({ ok: true, statusCode: 200, error: null, response: 'thanks' });
    expect(receiver.received[0]).toMatchObject({ body: '{"a":1}', headers: { 'x-webhook-id': 'd1', 'content-type': 'application/json' } });
    const redirected = await postWebhook(receiver.url, '{}', {}, { allowPrivate: true, timeoutMs: 5000 });
    expect(redirected).toMatchObject({ ok: false, statusCode: 302, error: 'HTTP 302: redirects are not followed' });
    expect(redirected.response!.length).toBeLessThanOrEqual(300);
  });

  it('gives up after the timeout and reports a refused connection', async () => {
    const http = await import('node:http');
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address() as { port: number };
    const started = Date.now();
    const timedOut = await postWebhook(`http://127.0.0.1:${address.port}/`, '{}', {}, { allowPrivate: true, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(timedOut).toMatchObject({ ok: false, statusCode: null, error: 'no response within 0.3 s' });
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    const refused = await postWebhook(`http://127.0.0.1:${address.port}/`, '{}', {}, { allowPrivate: true, timeoutMs: 1000 });
    expect(refused.error).toMatch(/ECONNREFUSED/);
  });
});
