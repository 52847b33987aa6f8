import type { FastifyInstance } from 'fastify';
import type { DevnetControl } from '../devnet-control.js';
import { evaluateTx } from '../evaluator.js';
import { badRequest } from './blockfrost-error.js';
import { additionalUtxos, ogmiosResponse } from './ogmios-format.js';
import { textToBytes, txBytesOf } from './tx-body.js';

type Query = Record<string, unknown>;

function versionOf(query: Query): 5 | 6 {
  const raw = query['version'];
  if (raw === undefined || raw === '' || raw === '5') return 5;
  if (raw === '6') return 6;
  throw badRequest('querystring.version must be 5 or 6');
}

/** POST /utils/txs/evaluate[/utxos]: script budgets with Scalus, in Ogmios' response format. */
export function evaluateRoutes(app: FastifyInstance, control: DevnetControl): void {
  const { ledger, clock } = control;
  const lookup = (key: string): string | undefined => ledger.knownOutput(key)?.cbor;

  app.post('/utils/txs/evaluate', async (request) => {
    const outcome = evaluateTx(txBytesOf(request.body), lookup, new Map(), clock.slotConfig);
    return ogmiosResponse(outcome, versionOf(request.query as Query));
  });

  app.post('/utils/txs/evaluate/utxos', async (request) => {
    const body = request.body as Record<string, unknown> | undefined;
    if (typeof body?.['cbor'] !== 'string') throw badRequest('body.cbor must be the transaction as hex or base64');
    const outcome = evaluateTx(textToBytes(body['cbor']), lookup, additionalUtxos(body['additionalUtxoSet']), clock.slotConfig);
    return ogmiosResponse(outcome, versionOf(request.query as Query));
  });
}
