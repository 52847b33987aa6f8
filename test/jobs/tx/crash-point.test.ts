import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';

describe('CRASH_AT and PROVIDER_RATE_LIMIT', () => {
  it('are off by default', () => {
    const config = loadConfig({});
    expect(config.crashAt).toBeUndefined();
    expect(config.providerRateLimit).toBeUndefined();
  });

  it('parse a point with an optional transaction kind, and a rate limit or off', () => {
    expect(loadConfig({ CRASH_AT: 'after-submit' }).crashAt).toEqual({ point: 'after-submit', kind: undefined });
    expect(loadConfig({ CRASH_AT: 'before-submit:Withdraw' }).crashAt).toEqual({ point: 'before-submit', kind: 'Withdraw' });
    expect(loadConfig({ PROVIDER_RATE_LIMIT: '10/500' }).providerRateLimit).toEqual({ perSecond: 10, burst: 500 });
    expect(loadConfig({ PROVIDER_RATE_LIMIT: 'off' }).providerRateLimit).toBe('off');
  });

  it.each([{ CRASH_AT: 'somewhere' }, { CRASH_AT: 'after-submit:' }, { PROVIDER_RATE_LIMIT: '10' }, { PROVIDER_RATE_LIMIT: '0/5' }])('refuses %o naming the variable', (env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(Object.keys(env)[0]);
  });
});

describe('crashPoint', () => {
  const run = (armed: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', '-e', `
      const { crashPoint } = await import('./src/jobs/tx/crash-point.ts');
      const armed = ${armed};
      crashPoint(armed, 'before-submit', 'FundsLocking');
      crashPoint(armed, 'after-submit', 'Withdraw');
      process.stdout.write('alive');
    `], { encoding: 'utf8' });

  it('kills the process with SIGKILL at the armed point only, for the armed kind only', () => {
    expect(run('undefined')).toMatchObject({ signal: null, stdout: 'alive' });
    expect(run("{ point: 'after-write', kind: undefined }")).toMatchObject({ signal: null, stdout: 'alive' });
    expect(run("{ point: 'before-submit', kind: 'Withdraw' }")).toMatchObject({ signal: null, stdout: 'alive' });
    expect(run("{ point: 'after-submit', kind: 'Withdraw' }")).toMatchObject({ signal: 'SIGKILL', stdout: '' });
    expect(run("{ point: 'before-submit', kind: undefined }")).toMatchObject({ signal: 'SIGKILL', stdout: '' });
  });
});
