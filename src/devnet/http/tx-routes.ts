import type { FastifyInstance } from 'fastify';
import type { DevnetControl } from '../devnet-control.js';
import { notFound, orNotFound, param } from './blockfrost-error.js';
import { redeemersView, txContentView, txUtxosView } from './blockfrost-views.js';
import { txBytesOf } from './tx-body.js';

/** /txs/{hash}… for confirmed transactions (the mempool is not visible, as on Blockfrost), and POST /tx/submit. */
export function txRoutes(app: FastifyInstance, control: DevnetControl): void {
  const chain = () => control.ledger.chain;
  const confirmed = (params: unknown) => orNotFound(chain().tx(param(params, 'hash')));

  app.get('/txs/:hash', async (request) => txContentView(confirmed(request.params), chain()));
  app.get('/txs/:hash/utxos', async (request) => txUtxosView(confirmed(request.params), chain()));
  app.get('/txs/:hash/metadata', async (request) =>
    confirmed(request.params).tx.metadata.map((entry) => ({ label: entry.label, json_metadata: entry.json })),
  );
  app.get('/txs/:hash/cbor', async (request) => {
    const { tx } = confirmed(request.params);
    // The genesis pseudo-transaction was never serialised.
    if (tx.cbor === '') throw notFound();
    return { cbor: tx.cbor };
  });
  app.get('/txs/:hash/redeemers', async (request) => redeemersView(confirmed(request.params), chain()));

  app.post('/tx/submit', async (request, reply) => {
    const txHash = control.submit(txBytesOf(request.body));
    // Blockfrost answers with the hash as a JSON string.
    return reply.type('application/json').send(JSON.stringify(txHash));
  });
}
