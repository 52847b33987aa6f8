/**
 * Compiles the escrow validator and the registry policy (plu-ts) into
 * src/cardano/contract/blueprint.json: the unparameterised scripts, CIP-57 style
 * (compiledCode = the CBOR byte string around the flat program, i.e. single CBOR).
 * Parameters are applied per payment source at run time (src/cardano/contract/scripts.ts).
 *
 *   npm run build:contract            write the blueprint
 *   npm run build:contract -- --check exit 1 if the committed blueprint differs from the sources
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileContracts } from '../src/cardano/contract/onchain/compile.js';

const target = fileURLToPath(new URL('../src/cardano/contract/blueprint.json', import.meta.url));
const started = Date.now();
const blueprint = compileContracts();
const text = `${JSON.stringify(blueprint, null, 2)}\n`;

if (process.argv.includes('--check')) {
  const committed = readFileSync(target, 'utf8');
  if (committed !== text) {
    console.error('blueprint.json is out of date: run npm run build:contract');
    process.exit(1);
  }
  console.log('blueprint.json matches the sources');
} else {
  writeFileSync(target, text);
  for (const v of blueprint.validators) {
    console.log(`${v.title}: ${v.compiledCode.length / 2} bytes, hash ${v.hash}`);
  }
  console.log(`wrote ${target} in ${Date.now() - started} ms`);
}
