import { z } from 'zod';
import { envelope, ok } from '../../http/envelope.js';
import type { RouteApp } from '../../http/route-types.js';
import { requireKey } from '../../plugins/auth.js';
import { CreateWalletBody, GetWalletQuery, NewWalletDto, UpdateWalletBody, UtxoDto, UtxosQuery, WalletDto } from './wallet.schemas.js';
import { createWalletSecret, getWallet, listUtxos, updateCollectionAddress } from './wallet.service.js';

const tags = ['wallet'];

export async function walletRoutes(app: RouteApp): Promise<void> {
  const deps = app.deps;

  app.get('/wallet', {
    config: { permission: 'Admin' },
    schema: { tags, summary: 'One hot wallet; includeSecret=true also returns its mnemonic and leaves an audit log line', querystring: GetWalletQuery, response: { 200: envelope(WalletDto) } },
  }, async (request) => ok(await getWallet(deps, requireKey(request), request.query)));

  app.post('/wallet', {
    config: { permission: 'Admin' },
    schema: { tags, summary: 'Generate a new 24-word wallet (nothing is stored)', body: CreateWalletBody, response: { 200: envelope(NewWalletDto) } },
  }, async (request) => ok(await createWalletSecret(request.body.network)));

  app.patch('/wallet', {
    config: { permission: 'Admin' },
    schema: { tags, summary: "Set or clear a hot wallet's collection address", body: UpdateWalletBody, response: { 200: envelope(WalletDto) } },
  }, async (request) => ok(await updateCollectionAddress(deps, requireKey(request), request.body.id, request.body.newCollectionAddress)));

  app.get('/utxos', {
    config: { permission: 'Read' },
    schema: { tags, summary: 'UTxOs of an address, from the chain', querystring: UtxosQuery, response: { 200: envelope(z.object({ Utxos: z.array(UtxoDto) })) } },
  }, async (request) => ok({ Utxos: await listUtxos(deps, request.query) }));
}
