import type { FastifyInstance } from 'fastify';
import type { DevnetControl } from '../devnet-control.js';
import { notFound, orNotFound, param } from './blockfrost-error.js';
import { assetView, txRefView } from './blockfrost-views.js';
import { blockBoundOf, paginate, pagingOf, withinBounds } from './paging.js';

type Query = Record<string, unknown>;

/** /assets/{unit}… and /assets/policy/{policy_id}: native assets minted on the devnet. */
export function assetRoutes(app: FastifyInstance, control: DevnetControl): void {
  const chain = () => control.ledger.chain;
  const asset = (params: unknown) => orNotFound(chain().asset(param(params, 'asset')));

  app.get('/assets/:asset', async (request) => assetView(asset(request.params)));

  app.get('/assets/:asset/addresses', async (request) => {
    const { unit } = asset(request.params);
    const holdings = new Map<string, bigint>();
    for (const output of chain().unspentWithAsset(unit)) {
      holdings.set(output.address, (holdings.get(output.address) ?? 0n) + (output.amounts.get(unit) ?? 0n));
    }
    const rows = [...holdings].map(([address, quantity]) => ({ address, quantity: quantity.toString() }));
    return paginate(rows, pagingOf(request.query as Query));
  });

  app.get('/assets/:asset/history', async (request) => {
    const rows = asset(request.params).history.map((entry) => ({ tx_hash: entry.txHash, action: entry.action, amount: entry.amount.toString() }));
    return paginate(rows, pagingOf(request.query as Query));
  });

  app.get('/assets/:asset/transactions', async (request) => {
    const query = request.query as Query;
    const from = blockBoundOf(query, 'from');
    const to = blockBoundOf(query, 'to');
    const txs = asset(request.params).txs.filter((location) => withinBounds(location, from, to));
    return paginate(txs, pagingOf(query)).map(txRefView);
  });

  app.get('/assets/policy/:policyId', async (request) => {
    const assets = chain().assetsOfPolicy(param(request.params, 'policyId'));
    if (assets.length === 0) throw notFound();
    const rows = assets.map((a) => ({ asset: a.unit, quantity: a.quantity.toString() }));
    return paginate(rows, pagingOf(request.query as Query));
  });
}
