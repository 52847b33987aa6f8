/**
 * Per-payment-source scripts: the committed blueprint with the source's parameters applied
 * (Scalus `applyDataArgToScript`, which takes and returns double CBOR: see script-encoding.ts).
 */
import { resolveScriptHash, serializePlutusScript } from '@meshsdk/core';
import scalus from 'scalus';
import blueprint from './blueprint.json' with { type: 'json' };
import { addressToData } from './address-data.js';
import { bytes, constr, int, list, toJsonText, type PlutusJson } from './plutus-json.js';
import { cborByteString } from './script-encoding.js';

export interface EscrowParams {
  /** Payment key hashes (hex) of the admins; CONTRACT.md uses three. */
  readonly adminKeyHashes: readonly string[];
  readonly requiredAdminSignatures: number;
  /** bech32 */
  readonly feeAddress: string;
  /** 0–1000 */
  readonly feePermille: number;
  readonly cooldownPeriodMs: bigint;
}

export interface PlutusV3Script {
  /** Double CBOR, as Mesh expects it. */
  readonly cbor: string;
  readonly hash: string;
  /** Bytes of the script as it sits in a witness set or reference output (for fee estimation). */
  readonly size: number;
}

export interface EscrowScript extends PlutusV3Script {
  readonly params: EscrowParams;
  readonly networkId: number;
  /** Enterprise script address (no stake part). */
  readonly address: string;
}

export interface RegistryPolicy extends PlutusV3Script {
  readonly policyId: string;
  readonly escrowAddress: string;
}

function blueprintCode(title: string): string {
  const validator = blueprint.validators.find((v) => v.title === title);
  if (validator === undefined) throw new Error(`blueprint has no ${title}`);
  return validator.compiledCode;
}

function applyParam(title: string, param: PlutusJson): PlutusV3Script {
  const cbor = scalus.Scalus.applyDataArgToScript(cborByteString(blueprintCode(title)), toJsonText(param));
  return { cbor, hash: resolveScriptHash(cbor, 'V3'), size: cbor.length / 2 - headerBytes(cbor) };
}

const headerBytes = (cbor: string): number => {
  const info = parseInt(cbor.slice(0, 2), 16) & 0x1f;
  return info < 24 ? 1 : info === 24 ? 2 : info === 25 ? 3 : 5;
};

export function escrowParamsToData(params: EscrowParams): PlutusJson {
  if (!Number.isInteger(params.feePermille) || params.feePermille < 0 || params.feePermille > 1000) {
    throw new RangeError('feePermille must be an integer in 0..1000');
  }
  if (params.requiredAdminSignatures < 1 || params.requiredAdminSignatures > params.adminKeyHashes.length) {
    throw new RangeError('requiredAdminSignatures must be between 1 and the number of admins');
  }
  if (params.cooldownPeriodMs < 0n) throw new RangeError('cooldownPeriodMs must not be negative');
  return constr(0, [
    list(params.adminKeyHashes.map(bytes)),
    int(params.requiredAdminSignatures),
    addressToData(params.feeAddress),
    int(params.feePermille),
    int(params.cooldownPeriodMs),
  ]);
}

export function escrowScript(params: EscrowParams, networkId: number): EscrowScript {
  const script = applyParam('escrow.spend', escrowParamsToData(params));
  const address = String(serializePlutusScript({ code: script.cbor, version: 'V3' }, undefined, networkId).address);
  return { ...script, params, networkId, address };
}

export function registryPolicy(escrowAddress: string): RegistryPolicy {
  const script = applyParam('registry.mint', addressToData(escrowAddress));
  return { ...script, policyId: script.hash, escrowAddress };
}
