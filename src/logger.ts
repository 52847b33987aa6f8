import { type DestinationStream, pino, type Logger } from 'pino';
import type { Config } from './config.js';

/** Paths pino must never print, wherever a secret could sit in a logged object. */
export const REDACTED_PATHS = [
  'req.headers.token',
  'req.headers.authorization',
  'headers.token',
  'token',
  '*.token',
  'mnemonic',
  '*.mnemonic',
  'walletMnemonic',
  '*.walletMnemonic',
  'secret',
  '*.secret',
  'rpcProviderApiKey',
  '*.rpcProviderApiKey',
  'projectId',
  '*.projectId',
  // Blockfrost's header, should a client error ever carry its request options.
  'project_id',
  '*.project_id',
  'headers.project_id',
  '*.headers.project_id',
  '*.headers.token',
  // A wallet revealed on purpose (GET /wallet?includeSecret=true) and a new wallet (POST /wallet).
  'Secret',
  '*.Secret',
  'encryptionKey',
  'adminKey',
];

export function createLogger(level: Config['logLevel'], destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
