import { z } from 'zod';
import { envelope, ok } from '../../http/envelope.js';
import type { RouteApp } from '../../http/route-types.js';
import { requireKey } from '../../plugins/auth.js';
import { paymentDto } from '../escrow/escrow.dto.js';
import { ErrorStateRecoveryBody, EscrowActionBody, ListEscrowQuery, PaymentDto, ResolveEscrowBody } from '../escrow/escrow.schemas.js';
import { findEscrow, listEscrows, requestCommand } from '../escrow/escrow.service.js';
import { recoverFromError } from '../escrow/escrow-recovery.js';
import { CreatePaymentBody, SubmitResultBody } from './payment.schemas.js';
import { createPayment } from './payment.service.js';

const tags = ['payment'];
const One = envelope(PaymentDto);

export async function paymentRoutes(app: RouteApp): Promise<void> {
  const deps = app.deps;

  app.get('/payment', {
    config: { permission: 'Read' },
    schema: { tags, summary: 'Payments (seller side), newest first; with updatedSince, oldest change first (a change feed)', querystring: ListEscrowQuery, response: { 200: envelope(z.object({ Payments: z.array(PaymentDto) })) } },
  }, async (request) => {
    const rows = await listEscrows(deps, 'Seller', request.query);
    return ok({ Payments: rows.map((row) => paymentDto(row, request.query.includeHistory ?? false)) });
  });

  app.post('/payment', {
    config: { permission: 'ReadAndPay' },
    schema: { tags, summary: 'Create a payment request for a job of one of our agents; returns the blockchainIdentifier for the buyer', body: CreatePaymentBody, response: { 200: One } },
  }, async (request) => ok(paymentDto(await createPayment(deps, requireKey(request), request.body))));

  app.post('/payment/submit-result', {
    config: { permission: 'ReadAndPay' },
    schema: { tags, summary: 'Submit the hash of the result (SubmitResultRequested); only the key that created the payment, or an admin', body: SubmitResultBody, response: { 200: One } },
  }, async (request) => {
    const { network, blockchainIdentifier, submitResultHash } = request.body;
    return ok(paymentDto(await requestCommand(deps, requireKey(request), 'SubmitResult', { network, blockchainIdentifier, resultHash: submitResultHash })));
  });

  app.post('/payment/authorize-refund', {
    config: { permission: 'ReadAndPay' },
    schema: { tags, summary: 'Agree to refund a disputed payment (AuthorizeRefundRequested)', body: EscrowActionBody, response: { 200: One } },
  }, async (request) => ok(paymentDto(await requestCommand(deps, requireKey(request), 'AuthorizeRefund', request.body))));

  app.post('/payment/resolve-blockchain-identifier', {
    config: { permission: 'Read' },
    schema: { tags, summary: 'One payment by its blockchainIdentifier', body: ResolveEscrowBody, response: { 200: One } },
  }, async (request) => {
    const { network, blockchainIdentifier, includeHistory } = request.body;
    return ok(paymentDto(await findEscrow(deps, 'Seller', network, blockchainIdentifier, includeHistory ?? false), includeHistory ?? false));
  });

  app.post('/payment/error-state-recovery', {
    config: { permission: 'ReadAndPay' },
    schema: { tags, summary: 'Clear WaitingForManualAction (optimistic lock on updatedAt; optionally retry the previous action)', body: ErrorStateRecoveryBody, response: { 200: One } },
  }, async (request) => {
    await recoverFromError(deps, requireKey(request), 'Seller', request.body);
    return ok(paymentDto(await findEscrow(deps, 'Seller', request.body.network, request.body.blockchainIdentifier)));
  });
}
