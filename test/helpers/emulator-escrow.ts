/**
 * Escrow fixtures on the emulator: a payment source (script + parameters + actors) and helpers
 * to lock escrows and read them back with their datums.
 */
import type { UTxO } from '@meshsdk/core';
import { randomBytes } from 'node:crypto';
import type { EscrowScriptSource, EscrowUtxo } from '../../src/cardano/builders/builder-types.js';
import { buildLockTx, type LockTerms } from '../../src/cardano/builders/lock-builder.js';
import { buildDeployReferenceScriptTx } from '../../src/cardano/builders/reference-script-builder.js';
import { decodeEscrowDatum } from '../../src/cardano/contract/escrow-datum.js';
import { escrowScript, type EscrowParams } from '../../src/cardano/contract/scripts.js';
import { EmulatorChain, makeWallet, signWith, type TestWallet } from './emulator.js';

export const MINUTE = 60_000n;
export const COOLDOWN_MS = 5n * MINUTE;
/** A native token the buyer holds from genesis (policy id is arbitrary there). */
export const TEST_TOKEN = `${'7e'.repeat(28)}${Buffer.from('TOKEN').toString('hex')}`;

export interface Actors {
  readonly buyer: TestWallet;
  readonly seller: TestWallet;
  readonly admins: readonly [TestWallet, TestWallet, TestWallet];
  readonly feeReceiver: TestWallet;
  readonly stranger: TestWallet;
}

export interface EscrowWorld {
  readonly chain: EmulatorChain;
  readonly actors: Actors;
  readonly params: EscrowParams;
  readonly source: EscrowScriptSource;
}

const ADA = 1_000_000n;

export async function makeActors(): Promise<Actors> {
  const [buyer, seller, a1, a2, a3, feeReceiver, stranger] = await Promise.all(
    ['buyer', 'seller', 'admin1', 'admin2', 'admin3', 'fee', 'stranger'].map((n) => makeWallet(n)),
  );
  if (!buyer || !seller || !a1 || !a2 || !a3 || !feeReceiver || !stranger) throw new Error('wallets');
  return { buyer, seller, admins: [a1, a2, a3], feeReceiver, stranger };
}

/** A fresh chain where every actor holds several pure-ADA UTxOs (funding and collateral). */
export function makeWorld(actors: Actors, overrides: Partial<EscrowParams> = {}): EscrowWorld {
  const wallets = [actors.buyer, actors.seller, ...actors.admins, actors.feeReceiver, actors.stranger];
  const chain = EmulatorChain.create(
    wallets.map((w) => ({
      address: w.address,
      lovelace: [20_000n * ADA, 5_000n * ADA, 10n * ADA, 8n * ADA],
      ...(w === actors.buyer ? { tokens: [{ unit: TEST_TOKEN, quantity: '1000000' }] } : {}),
    })),
  );
  const params: EscrowParams = {
    adminKeyHashes: actors.admins.map((a) => a.keyHash),
    requiredAdminSignatures: 2,
    feeAddress: actors.feeReceiver.address,
    feePermille: 50,
    cooldownPeriodMs: COOLDOWN_MS,
    ...overrides,
  };
  return { chain, actors, params, source: { script: escrowScript(params, 0) } };
}

export interface TermOptions {
  readonly buyer?: TestWallet;
  readonly seller?: TestWallet;
  /** Same identifier twice: pass the same signature to get identical datums. */
  readonly referenceSignature?: string;
  readonly start?: bigint;
}

/** Terms with the CONTRACT.md time line: pay by +10 min, result by +1 h, unlock +2 h, dispute +3 h. */
export function makeTerms(world: EscrowWorld, options: TermOptions = {}): LockTerms {
  const start = options.start ?? world.chain.nowMs;
  return {
    buyer: (options.buyer ?? world.actors.buyer).address,
    seller: (options.seller ?? world.actors.seller).address,
    referenceKey: `a4010103272006215820${randomBytes(32).toString('hex')}`,
    referenceSignature: options.referenceSignature ?? randomBytes(64).toString('hex'),
    sellerNonce: randomBytes(12).toString('hex'),
    buyerNonce: randomBytes(12).toString('hex'),
    inputHash: randomBytes(32).toString('hex'),
    payByTime: start + 10n * MINUTE,
    submitResultTime: start + 60n * MINUTE,
    unlockTime: start + 120n * MINUTE,
    externalDisputeUnlockTime: start + 180n * MINUTE,
  };
}

export function readEscrow(world: EscrowWorld, utxo: UTxO): EscrowUtxo {
  const inline = utxo.output.plutusData;
  if (inline === undefined) throw new Error('escrow without inline datum');
  return { utxo, datum: decodeEscrowDatum(inline, 0) };
}

/** Locks escrows (price in lovelace, or any assets) and returns them as found on chain. */
export async function lockEscrows(
  world: EscrowWorld,
  escrows: readonly { readonly terms: LockTerms; readonly price?: bigint; readonly tokens?: bigint }[],
): Promise<EscrowUtxo[]> {
  const { chain, actors } = world;
  const built = await buildLockTx({
    ctx: chain.ctx,
    wallet: chain.funding(actors.buyer.address),
    escrowAddress: world.source.script.address,
    escrows: escrows.map((e) => ({
      price: [
        { unit: 'lovelace', quantity: (e.price ?? 10n * ADA).toString() },
        ...(e.tokens === undefined ? [] : [{ unit: TEST_TOKEN, quantity: e.tokens.toString() }]),
      ],
      terms: e.terms,
    })),
  });
  const result = chain.submit(await signWith(built.txHex, actors.buyer));
  if (!result.ok || result.txHash === undefined) throw new Error(`lock failed: ${result.error}`);
  const outputs = chain.outputsOf(result.txHash);
  return built.escrows.map((e) => readEscrow(world, outputs[e.outputIndex]!));
}

/** Publishes the escrow script as a reference script (held by the first admin) and uses it. */
export async function withReferenceScript(world: EscrowWorld): Promise<EscrowWorld> {
  const { chain, actors } = world;
  const holder = actors.admins[0];
  const built = await buildDeployReferenceScriptTx({
    ctx: chain.ctx,
    wallet: chain.funding(holder.address),
    script: world.source.script,
    holderAddress: holder.address,
  });
  const result = chain.submit(await signWith(built.txHex, holder));
  if (!result.ok || result.txHash === undefined) throw new Error(`deploy failed: ${result.error}`);
  return { ...world, source: { script: world.source.script, referenceUtxo: chain.utxo(result.txHash, 0) } };
}
