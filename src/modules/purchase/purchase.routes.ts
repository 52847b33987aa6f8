import { z } from 'zod';
import { envelope, ok } from '../../http/envelope.js';
import type { RouteApp } from '../../http/route-types.js';
import { requireKey } from '../../plugins/auth.js';
import { purchaseDto } from '../escrow/escrow.dto.js';
import { ErrorStateRecoveryBody, EscrowActionBody, ListEscrowQuery, PurchaseDto, ResolveEscrowBody } from '../escrow/escrow.schemas.js';
import { findEscrow, listEscrows, requestCommand } from '../escrow/escrow.service.js';
import { recoverFromError } from '../escrow/escrow-recovery.js';
import { CreatePurchaseBody } from './purchase.schemas.js';
import { createPurchase } from './purchase.service.js';

const tags = ['purchase'];
const One = envelope(PurchaseDto);

export async function purchaseRoutes(app: RouteApp): Promise<void> {
  const deps = app.deps;

  app.get('/purchase', {
    config: { permission: 'Read' },
    schema: { tags, summary: 'Purchases (buyer side), newest first; with updatedSince, oldest change first (a change feed)', querystring: ListEscrowQuery, response: { 200: envelope(z.object({ Purchases: z.array(PurchaseDto) })) } },
  }, async (request) => {
    const rows = await listEscrows(deps, 'Buyer', request.query);
    return ok({ Purchases: rows.map((row) => purchaseDto(row, request.query.includeHistory ?? false)) });
  });

  app.post('/purchase', {
    config: { permission: 'ReadAndPay' },
    schema: {
      tags,
      summary: "Buy a job: verifies the seller's signed identifier against the body and the chain, consumes credits, and queues the lock (409 with the existing purchase if the identifier is known)",
      body: CreatePurchaseBody,
      response: { 200: One },
    },
  }, async (request) => ok(purchaseDto(await createPurchase(deps, requireKey(request), request.body))));

  app.post('/purchase/request-refund', {
    config: { permission: 'ReadAndPay' },
    schema: { tags, summary: 'Ask for a refund (SetRefundRequestedRequested): from FundsLocked or ResultSubmitted, before unlockTime', body: EscrowActionBody, response: { 200: One } },
  }, async (request) => ok(purchaseDto(await requestCommand(deps, requireKey(request), 'SetRefundRequested', request.body))));

  app.post('/purchase/cancel-refund-request', {
    config: { permission: 'ReadAndPay' },
    schema: { tags, summary: 'Withdraw a refund request (UnSetRefundRequestedRequested): from RefundRequested or Disputed', body: EscrowActionBody, response: { 200: One } },
  }, async (request) => ok(purchaseDto(await requestCommand(deps, requireKey(request), 'UnSetRefundRequested', request.body))));

  app.post('/purchase/resolve-blockchain-identifier', {
    config: { permission: 'Read' },
    schema: { tags, summary: 'One purchase by its blockchainIdentifier', body: ResolveEscrowBody, response: { 200: One } },
  }, async (request) => {
    const { network, blockchainIdentifier, includeHistory } = request.body;
    return ok(purchaseDto(await findEscrow(deps, 'Buyer', network, blockchainIdentifier, includeHistory ?? false), includeHistory ?? false));
  });

  app.post('/purchase/error-state-recovery', {
    config: { permission: 'ReadAndPay' },
    schema: { tags, summary: 'Clear WaitingForManualAction (optimistic lock on updatedAt; optionally retry the previous action)', body: ErrorStateRecoveryBody, response: { 200: One } },
  }, async (request) => {
    await recoverFromError(deps, requireKey(request), 'Buyer', request.body);
    return ok(purchaseDto(await findEscrow(deps, 'Buyer', request.body.network, request.body.blockchainIdentifier)));
  });
}
