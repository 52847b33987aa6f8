import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('config', () => {
  it('gives defaults that run the local devnet with nothing set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3001);
    expect(config.useDevnet).toBe(true);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.devnet.port).toBe(3002);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ ADMIN_KEY: 'short' }, 'ADMIN_KEY'],
    [{ ENCRYPTION_KEY: 'too-short' }, 'ENCRYPTION_KEY'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ AUTO_WITHDRAW_PAYMENTS: 'maybe' }, 'AUTO_WITHDRAW_PAYMENTS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ BLOCKFROST_API_KEY_PREPROD: 'preprodabc' }, 'ADMIN_KEY'],
    [{ BLOCKFROST_API_KEY_PREPROD: 'preprodabc', ADMIN_KEY: 'a'.repeat(20) }, 'ENCRYPTION_KEY'],
  ])('stops on %o with one line naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).toContain(variable);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('uses Blockfrost, not the devnet, when a key is set', () => {
    const config = loadConfig({ BLOCKFROST_API_KEY_PREPROD: 'preprodabc', ADMIN_KEY: 'a'.repeat(20), ENCRYPTION_KEY: 'e'.repeat(32) });
    expect(config.useDevnet).toBe(false);
  });
});
