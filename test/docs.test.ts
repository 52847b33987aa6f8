import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../src/config.js';

describe('documentation matches the code', () => {
  it('.env.example and README document every configuration variable', async () => {
    const example = await readFile('.env.example', 'utf8');
    const readme = await readFile('README.md', 'utf8');
    for (const variable of CONFIG_VARIABLES) {
      expect(example, `.env.example lacks ${variable}`).toMatch(new RegExp(`^#? ?${variable}=`, 'm'));
      expect(readme, `README lacks ${variable}`).toContain(`\`${variable}\``);
    }
  });

  it('README gives the start and test commands that CI runs', async () => {
    const readme = await readFile('README.md', 'utf8');
    const ci = await readFile('.ci/run', 'utf8');
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
    expect(ci).toMatch(/^npm test$/m);
  });
});
