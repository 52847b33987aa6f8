import type { FastifyInstance } from 'fastify';
import { parseAddress } from '../address-info.js';
import { EPOCH_LENGTH_SLOTS, epochOfSlot } from '../chain-clock.js';
import type { DevnetControl } from '../devnet-control.js';
import { blockfrostParameters } from '../protocol-params.js';
import { blake2b256Hex } from '../utxo-cbor.js';
import { badRequest, notFound, orNotFound, param } from './blockfrost-error.js';
import { blockView } from './blockfrost-views.js';
import { paginate, pagingOf } from './paging.js';

export const NETWORK_MAGIC = 42;
export const MAX_LOVELACE_SUPPLY = 45_000_000_000_000_000n;

type Query = Record<string, unknown>;

/** Root, health, genesis, network, blocks and epochs. */
export function chainRoutes(app: FastifyInstance, control: DevnetControl): void {
  const { ledger, clock } = control;

  app.get('/', async () => ({ url: 'https://blockfrost.io/', version: 'devnet' }));
  app.get('/health', async () => ({ is_healthy: true }));
  // Chain time, not wall time: clients that compute validity intervals from it stay in step with /admin/time/advance.
  app.get('/health/clock', async () => ({ server_time: clock.nowMs() }));

  app.get('/genesis', async () => ({
    active_slots_coefficient: Math.min(1, 1000 / control.blockIntervalMs),
    update_quorum: 5,
    max_lovelace_supply: MAX_LOVELACE_SUPPLY.toString(),
    network_magic: NETWORK_MAGIC,
    epoch_length: EPOCH_LENGTH_SLOTS,
    system_start: clock.slotConfig.zeroTime / 1000,
    slots_per_kes_period: 129600,
    slot_length: clock.slotConfig.slotLength / 1000,
    max_kes_evolutions: 62,
    security_param: ledger.securityParam,
  }));

  app.get('/network', async () => {
    const unspent = ledger.chain.allUnspent();
    const lovelace = (outputs: typeof unspent): bigint => outputs.reduce((sum, o) => sum + (o.amounts.get('lovelace') ?? 0n), 0n);
    const circulating = lovelace(unspent);
    const locked = lovelace(unspent.filter((output) => parseAddress(output.address)?.isScript === true));
    return {
      supply: {
        max: MAX_LOVELACE_SUPPLY.toString(),
        total: circulating.toString(),
        circulating: circulating.toString(),
        locked: locked.toString(),
        treasury: '0',
        reserves: (MAX_LOVELACE_SUPPLY - circulating).toString(),
      },
      stake: { live: '0', active: '0' },
    };
  });

  app.get('/blocks/latest', async () => blockView(ledger.chain.tip(), ledger.chain));
  app.get('/blocks/latest/txs', async (request) =>
    paginate(ledger.chain.tip().txs.map((tx) => tx.hash), pagingOf(request.query as Query)),
  );
  const block = (params: unknown) => orNotFound(ledger.chain.block(param(params, 'hashOrNumber')));
  app.get('/blocks/:hashOrNumber', async (request) => blockView(block(request.params), ledger.chain));
  app.get('/blocks/:hashOrNumber/txs', async (request) =>
    paginate(block(request.params).txs.map((tx) => tx.hash), pagingOf(request.query as Query)),
  );

  const epochContent = (epoch: number): Record<string, unknown> => {
    const blocks = ledger.chain.blocks.filter((block) => epochOfSlot(block.slot).epoch === epoch);
    const txs = blocks.flatMap((block) => block.txs);
    const start = clock.slotConfig.zeroTime / 1000 + epoch * EPOCH_LENGTH_SLOTS;
    return {
      epoch,
      start_time: start,
      end_time: start + EPOCH_LENGTH_SLOTS,
      first_block_time: blocks[0]?.time ?? start,
      last_block_time: blocks[blocks.length - 1]?.time ?? start,
      block_count: blocks.length,
      tx_count: txs.length,
      output: txs.reduce((sum, tx) => sum + tx.outputs.reduce((s, o) => s + (o.amounts.get('lovelace') ?? 0n), 0n), 0n).toString(),
      fees: txs.reduce((sum, tx) => sum + tx.fee, 0n).toString(),
      active_stake: null,
    };
  };
  const currentEpoch = (): number => epochOfSlot(ledger.chain.tip().slot).epoch;
  const epochParam = (raw: string): number => {
    if (raw === 'latest') return currentEpoch();
    if (!/^\d+$/.test(raw)) throw badRequest('Invalid or malformed epoch format.');
    const epoch = Number(raw);
    if (epoch > currentEpoch()) throw notFound();
    return epoch;
  };
  const nonce = (epoch: number): string => blake2b256Hex(`devnet epoch nonce ${epoch}`);

  app.get('/epochs/:epoch', async (request) => epochContent(epochParam(param(request.params, 'epoch'))));
  app.get('/epochs/:epoch/parameters', async (request) => {
    const epoch = epochParam(param(request.params, 'epoch'));
    return blockfrostParameters(epoch, nonce(epoch));
  });
}
