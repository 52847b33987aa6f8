import type { FastifyInstance } from 'fastify';
import type { DevnetControl } from '../devnet-control.js';
import { notFound, param } from './blockfrost-error.js';
import { addressInfo, addressUtxoView, addressView, txRefView } from './blockfrost-views.js';
import { blockBoundOf, paginate, pagingOf, withinBounds } from './paging.js';

type Query = Record<string, unknown>;

/** /addresses/{address}…: balances, UTxOs (optionally holding one asset) and transactions. */
export function addressRoutes(app: FastifyInstance, control: DevnetControl): void {
  const chain = () => control.ledger.chain;

  const knownAddress = (params: unknown): string => {
    const address = param(params, 'address');
    addressInfo(address);
    if (!chain().knowsAddress(address)) throw notFound();
    return address;
  };

  app.get('/addresses/:address', async (request) => addressView(knownAddress(request.params), chain()));

  app.get('/addresses/:address/utxos', async (request) => {
    const address = knownAddress(request.params);
    const utxos = chain().unspentAt(address);
    return paginate(utxos, pagingOf(request.query as Query)).map((output) => addressUtxoView(output, chain()));
  });

  app.get('/addresses/:address/utxos/:asset', async (request) => {
    const address = knownAddress(request.params);
    const asset = param(request.params, 'asset').toLowerCase();
    const utxos = chain().unspentAt(address).filter((output) => (output.amounts.get(asset) ?? 0n) > 0n);
    // Blockfrost answers 404, not an empty list, when the address holds none of the asset.
    if (utxos.length === 0) throw notFound();
    return paginate(utxos, pagingOf(request.query as Query)).map((output) => addressUtxoView(output, chain()));
  });

  app.get('/addresses/:address/transactions', async (request) => {
    const address = knownAddress(request.params);
    const query = request.query as Query;
    const from = blockBoundOf(query, 'from');
    const to = blockBoundOf(query, 'to');
    const txs = chain()
      .transactionsOf(address)
      .filter((location) => withinBounds(location, from, to));
    return paginate(txs, pagingOf(query)).map(txRefView);
  });
}
