/** Compiles the on-chain sources into the blueprint the node loads (build time only). */
import { compile } from '@harmoniclabs/plu-ts';
import { resolveScriptHash } from '@meshsdk/core';
import { cborByteString } from '../script-encoding.js';
import { escrowValidator } from './escrow-validator.js';
import { registryPolicy } from './registry-policy.js';

export interface BlueprintValidator {
  readonly title: string;
  readonly parameters: readonly string[];
  /** CIP-57: CBOR byte string wrapping the flat-encoded program (single CBOR). */
  readonly compiledCode: string;
  /** Hash of the unparameterised script. */
  readonly hash: string;
}

export interface Blueprint {
  readonly preamble: {
    readonly title: string;
    readonly plutusVersion: 'v3';
    readonly compiler: { readonly name: string; readonly version: string };
  };
  readonly validators: readonly BlueprintValidator[];
}

function toValidator(title: string, parameters: readonly string[], flat: Uint8Array): BlueprintValidator {
  const compiledCode = cborByteString(Buffer.from(flat).toString('hex'));
  return { title, parameters, compiledCode, hash: resolveScriptHash(cborByteString(compiledCode), 'V3') };
}

export function compileContracts(): Blueprint {
  return {
    preamble: {
      title: 'agent-pay-node escrow and registry',
      plutusVersion: 'v3',
      compiler: { name: 'plu-ts', version: '0.9.0' },
    },
    validators: [
      toValidator('escrow.spend', ['EscrowParams'], compile(escrowValidator)),
      toValidator('registry.mint', ['EscrowAddress'], compile(registryPolicy)),
    ],
  };
}
