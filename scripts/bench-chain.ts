/**
 * npm run bench:chain [-- --inline] [-- --quick]
 *
 * Builds every escrow action with N escrows on the Scalus emulator (real evaluation, real fees)
 * and prints, per action: size, memory, steps and fee for one escrow and for the largest batch,
 * and the largest N under each protocol limit (16,384 bytes; 14 M memory; 16.5 M memory, which
 * the emulator enforces; 10 B steps). The escrow script is a reference script unless --inline.
 * src/cardano/builders/batch-limits.ts holds the caps the node uses; this checks them too.
 */
import type { ChainContext, EscrowUtxo } from '../src/cardano/builders/builder-types.js';
import { BATCH_LIMITS, type BatchAction } from '../src/cardano/builders/batch-limits.js';
import { buildLockTx } from '../src/cardano/builders/lock-builder.js';
import { planMintAgent } from '../src/cardano/builders/registry-builders.js';
import { assemblePlan } from '../src/cardano/builders/tx-plan.js';
import type { EscrowActionType } from '../src/cardano/contract/escrow-redeemer.js';
import { registryPolicy } from '../src/cardano/contract/scripts.js';
import { perform, planAction, totalExUnits } from '../test/helpers/emulator-actions.js';
import {
  COOLDOWN_MS,
  MINUTE,
  lockEscrows,
  makeActors,
  makeTerms,
  makeWorld,
  withReferenceScript,
  type Actors,
  type EscrowWorld,
} from '../test/helpers/emulator-escrow.js';

const LIMITS = { size: 16_384, mem14: 14_000_000n, mem16: 16_500_000n, steps: 10_000_000_000n } as const;
type LimitName = keyof typeof LIMITS;

interface Measurement {
  readonly n: number;
  readonly size: number;
  readonly mem: bigint;
  readonly steps: bigint;
  readonly fee: bigint;
}

/**
 * Builds are measured with the limits lifted, so that a batch over one limit still reports its
 * size and ex-units; fees use the real fee parameters.
 */
const measuringCtx = (world: EscrowWorld): ChainContext => ({
  ...world.chain.ctx,
  protocolParams: { ...world.chain.ctx.protocolParams, maxTxSize: 1 << 20, maxTxExMem: '1000000000', maxTxExSteps: '1000000000000' },
});

const inline = process.argv.includes('--inline');
const quick = process.argv.includes('--quick');

const fits = (m: Measurement | null, limit: LimitName): boolean => {
  if (m === null) return false;
  switch (limit) {
    case 'size':
      return m.size <= LIMITS.size;
    case 'mem14':
      return m.mem <= LIMITS.mem14;
    case 'mem16':
      return m.mem <= LIMITS.mem16;
    case 'steps':
      return m.steps <= LIMITS.steps;
  }
};

async function chunked(world: EscrowWorld, action: EscrowActionType, escrows: EscrowUtxo[]): Promise<EscrowUtxo[]> {
  const out: EscrowUtxo[] = [];
  for (let i = 0; i < escrows.length; i += 20) out.push(...(await perform(world, action, escrows.slice(i, i + 20))).continuing);
  return out;
}

/** A world holding `size` escrows in the state `action` needs, with the clock where it is allowed. */
async function pool(actors: Actors, action: EscrowActionType, size: number): Promise<{ world: EscrowWorld; escrows: EscrowUtxo[] }> {
  const base = makeWorld(actors);
  const world = inline ? base : await withReferenceScript(base);
  const terms = makeTerms(world);
  let escrows: EscrowUtxo[] = [];
  for (let i = 0; i < size; i += 30) {
    escrows.push(...(await lockEscrows(world, Array.from({ length: Math.min(30, size - i) }, () => ({ terms: { ...terms, referenceSignature: makeTerms(world).referenceSignature } })))));
  }
  const advance = (ms: bigint) => world.chain.setTimeMs(ms);
  switch (action) {
    case 'UnSetRefundRequested':
      escrows = await chunked(world, 'SetRefundRequested', escrows);
      advance(world.chain.nowMs + COOLDOWN_MS + 7n * MINUTE);
      break;
    case 'AuthorizeRefund':
      escrows = await chunked(world, 'SetRefundRequested', await chunked(world, 'SubmitResult', escrows));
      break;
    case 'Withdraw':
      escrows = await chunked(world, 'SubmitResult', escrows);
      advance(terms.unlockTime + 2n * MINUTE);
      break;
    case 'WithdrawRefund':
      advance(terms.submitResultTime + 2n * MINUTE);
      break;
    case 'WithdrawDisputed':
      escrows = await chunked(world, 'SetRefundRequested', await chunked(world, 'SubmitResult', escrows));
      advance(terms.externalDisputeUnlockTime + 2n * MINUTE);
      break;
    default:
      break;
  }
  return { world, escrows };
}

async function measureWith(build: () => Promise<{ txHex: string; fee: bigint }>, n: number): Promise<Measurement | null> {
  try {
    const { txHex, fee } = await build();
    const { mem, steps } = totalExUnits(txHex);
    return { n, size: txHex.length / 2, mem, steps, fee };
  } catch {
    return null;
  }
}

/** Largest n in [1, cap] whose measurement fits `limit` (measurements grow with n). */
async function largest(measure: (n: number) => Promise<Measurement | null>, limit: LimitName, cap: number): Promise<number> {
  if (!fits(await measure(1), limit)) return 0;
  let good = 1;
  let bad = cap + 1;
  let probe = 2;
  while (probe <= cap && fits(await measure(probe), limit)) {
    good = probe;
    probe *= 2;
  }
  bad = Math.min(bad, probe);
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (fits(await measure(mid), limit)) good = mid;
    else bad = mid;
  }
  return good;
}

interface Row {
  readonly action: BatchAction;
  readonly one: Measurement | null;
  readonly top: Measurement | null;
  readonly max: Record<LimitName, number>;
  readonly cap: number;
}

async function benchAction(actors: Actors, action: BatchAction): Promise<Row> {
  const cap = quick ? 40 : action === 'WithdrawRefund' || action === 'WithdrawDisputed' ? 200 : 80;
  const cache = new Map<number, Promise<Measurement | null>>();
  let measureOnce: (n: number) => Promise<Measurement | null>;
  if (action === 'Lock') {
    const world = makeWorld(actors);
    measureOnce = (n) =>
      measureWith(
        () =>
          buildLockTx({
            ctx: measuringCtx(world),
            wallet: world.chain.funding(actors.buyer.address),
            escrowAddress: world.source.script.address,
            escrows: Array.from({ length: n }, () => ({ price: [{ unit: 'lovelace', quantity: '10000000' }], terms: makeTerms(world) })),
          }),
        n,
      );
  } else if (action === 'MintAgent') {
    const world = makeWorld(actors);
    const registry = { policy: registryPolicy(world.source.script.address) };
    measureOnce = (n) =>
      n > 1
        ? Promise.resolve(null)
        : measureWith(() => {
            const { plan } = planMintAgent({
              ctx: measuringCtx(world),
              wallet: world.chain.funding(actors.seller.address),
              registry,
              recipient: actors.seller.address,
              metadata: { name: 'bench agent', description: 'x'.repeat(200) },
            });
            return assemblePlan(measuringCtx(world), plan);
          }, n);
  } else {
    const { world, escrows } = await pool(actors, action, cap);
    measureOnce = (n) =>
      n > escrows.length
        ? Promise.resolve(null)
        : measureWith(() => assemblePlan(measuringCtx(world), planAction(world, action, escrows.slice(0, n)).plan), n);
  }
  const measure = (n: number) => {
    const known = cache.get(n) ?? measureOnce(n);
    cache.set(n, known);
    return known;
  };
  const max = {} as Record<LimitName, number>;
  for (const limit of Object.keys(LIMITS) as LimitName[]) max[limit] = await largest(measure, limit, cap);
  const overall = Math.min(max.size, max.mem14, max.steps);
  return { action, one: await measure(1), top: overall > 0 ? await measure(overall) : null, max, cap };
}

const fmt = (n: bigint | number) => n.toLocaleString('en-US');
const at = (m: Measurement | null) => (m === null ? 'n/a' : `${fmt(m.size)} B, ${fmt(m.mem)} mem, ${fmt(m.steps)} steps, fee ${fmt(m.fee)}`);
const bound = (row: Row, limit: LimitName) => (row.max[limit] >= row.cap ? `≥${row.cap}` : String(row.max[limit]));

async function main(): Promise<void> {
  const actors = await makeActors();
  const actions: BatchAction[] = [
    'Lock',
    'SubmitResult',
    'Withdraw',
    'AuthorizeRefund',
    'SetRefundRequested',
    'UnSetRefundRequested',
    'WithdrawRefund',
    'WithdrawDisputed',
    'MintAgent',
  ];
  const mode = inline ? 'inline' : 'reference';
  console.log(`escrow script: ${mode === 'inline' ? 'inline in each transaction' : 'reference script'}\n`);
  const rows: Row[] = [];
  for (const action of actions) {
    const started = Date.now();
    const row = await benchAction(actors, action);
    rows.push(row);
    console.log(`${action} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    console.log(`  N=1:   ${at(row.one)}`);
    console.log(`  N=${String(row.top?.n ?? 0).padEnd(3)}: ${at(row.top)}`);
  }
  console.log('\n| action | N=1 size | N=1 mem | N=1 steps | N=1 fee | max N ≤16,384 B | ≤14 M mem | ≤16.5 M mem | ≤10 B steps | cap in batch-limits |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  let unsafe = false;
  for (const row of rows) {
    const cap = BATCH_LIMITS[mode][row.action];
    const measured = Math.min(row.max.size, row.max.mem14, row.max.steps);
    if (cap > measured && measured < row.cap) unsafe = true;
    console.log(
      `| ${row.action} | ${fmt(row.one?.size ?? 0)} | ${fmt(row.one?.mem ?? 0n)} | ${fmt(row.one?.steps ?? 0n)} | ${fmt(row.one?.fee ?? 0n)} | ` +
        `${bound(row, 'size')} | ${bound(row, 'mem14')} | ${bound(row, 'mem16')} | ${bound(row, 'steps')} | ${cap} |`,
    );
  }
  if (unsafe) {
    console.error('\nA cap in batch-limits.ts exceeds what fits: lower it.');
    process.exitCode = 1;
  }
}

await main();
