import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

function logged(object: Record<string, unknown>): string {
  const lines: string[] = [];
  createLogger('trace', { write: (line: string) => void lines.push(line) }).info(object, 'x');
  return lines.join('');
}

describe('logger redaction', () => {
  it.each([
    { token: 'apn_secret-token-value' },
    { req: { headers: { token: 'apn_secret-token-value' } } },
    { err: { headers: { token: 'apn_secret-token-value', project_id: 'preprodsecretproject' } } },
    { wallet: { mnemonic: 'abandon ability able about' } },
    { body: { walletMnemonic: 'abandon ability able about' } },
    { data: { Secret: { mnemonic: 'abandon ability able about' } } },
    { provider: { projectId: 'preprodsecretproject' } },
    { PaymentSourceConfig: { rpcProviderApiKey: 'preprodsecretproject' } },
    { endpoint: { secret: 'whsec_secret-value' } },
    { encryptionKey: 'k'.repeat(40), adminKey: 'a'.repeat(20) },
  ])('never prints the secret in %o', (object) => {
    const line = logged(object);
    expect(line).toContain('[redacted]');
    for (const secret of ['apn_secret-token-value', 'preprodsecretproject', 'abandon ability', 'whsec_secret-value', 'k'.repeat(40), 'a'.repeat(20)]) expect(line).not.toContain(secret);
  });
});
