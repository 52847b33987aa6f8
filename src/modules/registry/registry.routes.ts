import { z } from 'zod';
import { AppError } from '../../errors.js';
import { envelope, ok } from '../../http/envelope.js';
import type { RouteApp } from '../../http/route-types.js';
import { requireKey } from '../../plugins/auth.js';
import { resolveAgent } from './agent-lookup.js';
import { toPaymentInformationDto, toRegistryEntryDto } from './registry.dto.js';
import {
  DeleteRegistryBody,
  DeregisterAgentBody,
  ListRegistryQuery,
  PaymentInformationDto,
  PaymentInformationQuery,
  RegisterAgentBody,
  RegistryEntryDto,
  WalletAgentDto,
  WalletAgentsQuery,
} from './registry.schemas.js';
import { agentsOfWallet, deleteRegistration, listRegistrations, requestDeregistration, requestRegistration } from './registry.service.js';

const tags = ['registry'];

export async function registryRoutes(app: RouteApp): Promise<void> {
  const deps = app.deps;

  app.get('/registry', {
    config: { permission: 'Read' },
    schema: { tags, summary: "This node's agent registrations, newest first", querystring: ListRegistryQuery, response: { 200: envelope(z.object({ Assets: z.array(RegistryEntryDto) })) } },
  }, async (request) => ok({ Assets: (await listRegistrations(deps, request.query)).map(toRegistryEntryDto) }));

  app.post('/registry', {
    config: { permission: 'ReadAndPay' },
    schema: { tags, summary: 'Register an agent: a job mints its NFT with CIP-25 metadata to the selling wallet (RegistrationRequested → Initiated → Confirmed/Failed)', body: RegisterAgentBody, response: { 200: envelope(RegistryEntryDto) } },
  }, async (request) => ok(toRegistryEntryDto(await requestRegistration(deps, requireKey(request), request.body))));

  app.post('/registry/deregister', {
    config: { permission: 'ReadAndPay' },
    schema: { tags, summary: "Deregister an agent: a job burns its NFT (the holder must be one of this node's selling wallets)", body: DeregisterAgentBody, response: { 200: envelope(RegistryEntryDto) } },
  }, async (request) => ok(toRegistryEntryDto(await requestDeregistration(deps, requireKey(request), request.body))));

  app.delete('/registry', {
    config: { permission: 'Admin' },
    schema: { tags, summary: 'Delete a failed or deregistered registry record', body: DeleteRegistryBody, response: { 200: envelope(RegistryEntryDto) } },
  }, async (request) => ok(toRegistryEntryDto(await deleteRegistration(deps, request.body.id))));

  app.get('/registry/wallet', {
    config: { permission: 'Read' },
    schema: { tags, summary: 'Agents held by one of our selling wallets, with their on-chain metadata', querystring: WalletAgentsQuery, response: { 200: envelope(z.object({ Assets: z.array(WalletAgentDto) })) } },
  }, async (request) => {
    const vkey = request.query.walletVkey ?? request.query.walletVKey;
    if (!vkey) throw new AppError('VALIDATION_ERROR', 'walletVkey: required');
    return ok({ Assets: await agentsOfWallet(deps, request.query.network, vkey) });
  });

  app.get('/payment-information', {
    config: { permission: 'Read' },
    schema: { tags, summary: "Resolve an agent from the chain: seller vkey and address (the NFT holder), price, API URL, description", querystring: PaymentInformationQuery, response: { 200: envelope(PaymentInformationDto) } },
  }, async (request) => ok(toPaymentInformationDto(await resolveAgent(deps, request.query.network, request.query.agentIdentifier))));
}
