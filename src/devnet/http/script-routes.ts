import type { FastifyInstance } from 'fastify';
import { Cardano, HexBlob, Serialization } from '@meshsdk/core-cst';
import { plutusDataToJson } from '../chain-json.js';
import type { DevnetControl } from '../devnet-control.js';
import { orNotFound, param } from './blockfrost-error.js';

type NativeScriptJson = { type: string; [field: string]: unknown };

/** Native scripts in the cardano-cli JSON form that Blockfrost (and Mesh's toScriptRef) use. */
function nativeScriptJson(script: Serialization.NativeScript): NativeScriptJson {
  const core = script.toCore();
  const convert = (node: typeof core): NativeScriptJson => {
    switch (node.kind) {
      case Cardano.NativeScriptKind.RequireSignature:
        return { type: 'sig', keyHash: node.keyHash };
      case Cardano.NativeScriptKind.RequireAllOf:
        return { type: 'all', scripts: node.scripts.map(convert) };
      case Cardano.NativeScriptKind.RequireAnyOf:
        return { type: 'any', scripts: node.scripts.map(convert) };
      case Cardano.NativeScriptKind.RequireNOf:
        return { type: 'atLeast', required: node.required, scripts: node.scripts.map(convert) };
      case Cardano.NativeScriptKind.RequireTimeAfter:
        return { type: 'after', slot: node.slot };
      case Cardano.NativeScriptKind.RequireTimeBefore:
        return { type: 'before', slot: node.slot };
      default:
        throw new TypeError('unknown native script kind');
    }
  };
  return convert(core);
}

/** /scripts/{hash}…, /scripts/datum/{hash}…: every script and datum the chain has seen. */
export function scriptRoutes(app: FastifyInstance, control: DevnetControl): void {
  const chain = () => control.ledger.chain;
  const script = (params: unknown) => orNotFound(chain().script(param(params, 'hash')));
  const datum = (params: unknown) => orNotFound(chain().datum(param(params, 'hash')));

  app.get('/scripts/:hash', async (request) => {
    const { hash, type, serialisedSize } = script(request.params);
    return { script_hash: hash, type, serialised_size: serialisedSize };
  });
  app.get('/scripts/:hash/cbor', async (request) => {
    const found = script(request.params);
    return { cbor: found.type === 'timelock' ? null : found.cbor };
  });
  app.get('/scripts/:hash/json', async (request) => {
    const found = script(request.params);
    if (found.type !== 'timelock') return { json: null };
    return { json: nativeScriptJson(Serialization.NativeScript.fromCbor(HexBlob(found.cbor))) };
  });
  app.get('/scripts/datum/:hash', async (request) => ({
    json_value: plutusDataToJson(Serialization.PlutusData.fromCbor(HexBlob(datum(request.params))).toCore()),
  }));
  app.get('/scripts/datum/:hash/cbor', async (request) => ({ cbor: datum(request.params) }));
}
