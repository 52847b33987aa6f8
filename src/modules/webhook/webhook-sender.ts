import http from 'node:http';
import https from 'node:https';
import { checkWebhookUrl, guardedLookup, type UrlPolicy } from './webhook-url.js';

export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  /** At most {@link SNIPPET_CHARS} characters of the response body. */
  response: string | null;
}

export interface SendOptions extends UrlPolicy {
  timeoutMs: number;
}

export type WebhookSender = (url: string, body: string, headers: Record<string, string>, options: SendOptions) => Promise<SendResult>;

const SNIPPET_CHARS = 300;
const SNIPPET_BYTES = 2048;

function snippetOf(chunks: Buffer[]): string | null {
  const text = Array.from(Buffer.concat(chunks).toString('utf8'), (char) => (char < ' ' && char !== '\n' && char !== '\t') || char === '\u007f' ? '' : char).join('').trim();
  return text ? text.slice(0, SNIPPET_CHARS) : null;
}

/**
 * One POST: the address is checked again (and at connect time), redirects are not followed, the
 * whole exchange has a deadline, and only the start of the response body is read.
 */
export const postWebhook: WebhookSender = async (raw, body, headers, options) => {
  let url: URL;
  try {
    url = await checkWebhookUrl(raw, options);
  } catch (error) {
    return { ok: false, statusCode: null, error: `refused: ${(error as Error).message}`, response: null };
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = client.request(
      url,
      {
        method: 'POST',
        agent: false,
        lookup: guardedLookup(options),
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body).toString(), 'user-agent': 'agent-pay-node-webhooks/1' },
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const ok = statusCode >= 200 && statusCode < 300;
          const error = ok ? null : statusCode >= 300 && statusCode < 400 ? `HTTP ${statusCode}: redirects are not followed` : `HTTP ${statusCode}`;
          finish({ ok, statusCode, error, response: snippetOf(chunks) });
          response.destroy();
        };
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= SNIPPET_BYTES) done();
        });
        response.on('end', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => request.destroy(new Error(`no response within ${options.timeoutMs / 1000} s`)), options.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => finish({ ok: false, statusCode: null, error: error.code && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message, response: null }));
    request.end(body);
  });
};
