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
  'encryptionKey',
  'adminKey',
];

export function createLogger(level: Config['logLevel'], destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
