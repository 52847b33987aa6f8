import { BlockfrostProvider, MeshTxBuilder, MeshWallet, type UTxO } from '@meshsdk/core';
import { compile, perror, pfn, pmakeUnit, PScriptContext, Script, ScriptType, unit } from '@harmoniclabs/plu-ts';
import { startDevnet, type Devnet, type DevnetOptions } from '../../src/devnet/index.js';

/** A devnet whose blocks the test forges itself (no timer), on a free port. */
export function startTestDevnet(options: DevnetOptions = {}): Promise<Devnet> {
  return startDevnet({ autoBlocks: false, ...options });
}

export interface TestWallet {
  readonly wallet: MeshWallet;
  readonly address: string;
}

export async function newWallet(provider?: BlockfrostProvider): Promise<TestWallet> {
  const words = MeshWallet.brew();
  if (!Array.isArray(words)) throw new Error('no mnemonic');
  const wallet = new MeshWallet({ networkId: 0, fetcher: provider, submitter: provider, key: { type: 'mnemonic', words } });
  await wallet.init();
  return { wallet, address: await wallet.getChangeAddress() };
}

/** A wallet funded by the faucet, the top-up confirmed in a block. */
export async function fundedWallet(devnet: Devnet, lovelace: bigint, provider?: BlockfrostProvider): Promise<TestWallet> {
  const funded = await newWallet(provider);
  const txHash = await devnet.topup(funded.address, lovelace);
  devnet.produceBlock();
  await devnet.waitForTx(txHash, 1000);
  return funded;
}

export async function getJson(devnet: Devnet, path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${devnet.url}${path}`);
  return { status: response.status, body: await response.json() };
}

export async function postJson(devnet: Devnet, path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${devnet.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

let alwaysSucceeds: string | undefined;

/** `\_ctx -> ()`, compiled with plu-ts: the double-CBOR Plutus V3 script Mesh expects. */
export function alwaysSucceedsV3(): string {
  alwaysSucceeds ??= new Script(ScriptType.PlutusV3, compile(pfn([PScriptContext.type], unit)((_ctx) => pmakeUnit()))).cbor.toString();
  return alwaysSucceeds;
}

/** `\_ctx -> error`: every spend from its address fails phase 2. */
export function alwaysFailsV3(): string {
  return new Script(ScriptType.PlutusV3, compile(pfn([PScriptContext.type], unit)((_ctx) => perror(unit)))).cbor.toString();
}

/** A Mesh builder reading the chain over HTTP, with the protocol parameters the devnet serves. */
export async function builderFor(provider: BlockfrostProvider, withEvaluator = false): Promise<MeshTxBuilder> {
  const params = await provider.fetchProtocolParameters();
  return new MeshTxBuilder({ fetcher: provider, submitter: provider, evaluator: withEvaluator ? provider : undefined, params });
}

/** A plain ADA payment built, signed and submitted through Mesh over HTTP; returns the tx hash. */
export async function payWithMesh(provider: BlockfrostProvider, from: TestWallet, to: string, lovelace: bigint): Promise<string> {
  const utxos: UTxO[] = await provider.fetchAddressUTxOs(from.address);
  const builder = await builderFor(provider);
  const unsigned = await builder
    .txOut(to, [{ unit: 'lovelace', quantity: lovelace.toString() }])
    .changeAddress(from.address)
    .selectUtxosFrom(utxos)
    .complete();
  return provider.submitTx(await from.wallet.signTx(unsigned));
}
