import { readFileSync } from 'node:fs';
import { resolveScriptHash } from '@meshsdk/core';
import { describe, expect, it } from 'vitest';
import blueprint from '../../../src/cardano/contract/blueprint.json' with { type: 'json' };
import { compileContracts } from '../../../src/cardano/contract/onchain/compile.js';
import { cborByteString, unwrapCborByteString } from '../../../src/cardano/contract/script-encoding.js';
import { parseUPLC, showUPLC } from '@harmoniclabs/plu-ts';
import { escrowScript, registryPolicy, type EscrowParams } from '../../../src/cardano/contract/scripts.js';

/** A fixed payment source: if any of these hashes moves, every deployed address moves with it. */
const PARAMS: EscrowParams = {
  adminKeyHashes: ['11'.repeat(28), '22'.repeat(28), '33'.repeat(28)],
  requiredAdminSignatures: 2,
  feeAddress: 'addr_test1qpxpgdlg76vdjlaknyue4xlxg4nxf02gn0wfkv58evmlakxs7smf8zl6g6h0jjqunqd6cdvx04qaedald3dpknwg2ghs3jrzde',
  feePermille: 50,
  cooldownPeriodMs: 300_000n,
};

const GOLDEN = {
  escrowUnparameterised: '275267d83f889a3475179895d97a1eee990ee8588e0c8a8b0b93ab0a',
  registryUnparameterised: 'a267b98dd24ef1bb839eaaf68cbba411c1fc52e2745edb8083a64d69',
  escrow: 'f049d1a79a23da87c166823ba940e92ddbea8635d93ed65313303377',
  escrowTestnetAddress: 'addr_test1wrcyn5d8ng3a4p7pv6prh22qaykah65xxhvna4jnzvcrxaccxch9m',
  escrowMainnetAddress: 'addr1w8cyn5d8ng3a4p7pv6prh22qaykah65xxhvna4jnzvcrxacrwvt27',
  registryPolicyId: '614c307b1197e9bed0430c037ab0c97a74a3a0409362a1df3c7c1b58',
};

describe('script hashes (golden)', () => {
  it('pins the unparameterised blueprint', () => {
    expect(blueprint.validators.map((v) => [v.title, v.hash])).toEqual([
      ['escrow.spend', GOLDEN.escrowUnparameterised],
      ['registry.mint', GOLDEN.registryUnparameterised],
    ]);
  });

  it('pins the scripts of a fixed parameter set', () => {
    const testnet = escrowScript(PARAMS, 0);
    expect(testnet.hash).toBe(GOLDEN.escrow);
    expect(testnet.address).toBe(GOLDEN.escrowTestnetAddress);
    expect(escrowScript(PARAMS, 1).address).toBe(GOLDEN.escrowMainnetAddress);
    expect(registryPolicy(testnet.address).policyId).toBe(GOLDEN.registryPolicyId);
  });

  it('hashes double CBOR: the single-CBOR blueprint code hashes to something else', () => {
    const code = blueprint.validators[0]!.compiledCode;
    expect(resolveScriptHash(cborByteString(code), 'V3')).toBe(GOLDEN.escrowUnparameterised);
    expect(resolveScriptHash(code, 'V3')).not.toBe(GOLDEN.escrowUnparameterised);
  });

  it('every parameter changes the address', () => {
    const variants: EscrowParams[] = [
      { ...PARAMS, adminKeyHashes: ['44'.repeat(28), ...PARAMS.adminKeyHashes.slice(1)] },
      { ...PARAMS, requiredAdminSignatures: 3 },
      { ...PARAMS, feeAddress: GOLDEN.escrowTestnetAddress },
      { ...PARAMS, feePermille: 51 },
      { ...PARAMS, cooldownPeriodMs: 300_001n },
    ];
    const hashes = new Set([GOLDEN.escrow, ...variants.map((p) => escrowScript(p, 0).hash)]);
    expect(hashes.size).toBe(variants.length + 1);
  });

  it('carries no trace strings', () => {
    for (const validator of blueprint.validators) {
      const program = showUPLC(parseUPLC(Buffer.from(unwrapCborByteString(validator.compiledCode), 'hex'), 'flat').body);
      expect(program, validator.title).not.toMatch(/con string|trace/i);
    }
  });

  it('the committed blueprint is what the sources compile to', () => {
    const committed = readFileSync(new URL('../../../src/cardano/contract/blueprint.json', import.meta.url), 'utf8');
    expect(`${JSON.stringify(compileContracts(), null, 2)}\n`).toBe(committed);
  }, 120_000);
});
