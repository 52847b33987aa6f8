import { z } from 'zod';
import { type PaymentTimesInput, parseTime, TimeRuleError } from '../../domain/time-rules.js';
import { AppError } from '../../errors.js';
import { Hex } from '../../http/wire-types.js';
import type { ResolvedAgent } from '../registry/agent-lookup.js';

/** Masumi clients send ISO strings to /payment and unix-ms strings to /purchase: both are accepted everywhere. */
export const TimeInput = z.union([z.string().min(1).max(40), z.number().int()]);

export const IdentifierFromPurchaser = Hex(26).refine((value) => value.length >= 14 && value.length % 2 === 0, 'must be 14–26 hex characters, even length');
export const InputHash = Hex(128).refine((value) => value.length >= 2 && value.length % 2 === 0, 'must be hex of even length (a sha256 is 64 characters)');
export const ResultHash = Hex(64).refine((value) => value.length === 64, 'must be 64 hex characters (sha256)');

export function toAppError(error: unknown): never {
  if (error instanceof TimeRuleError) throw new AppError('VALIDATION_ERROR', error.message.startsWith(error.field) ? error.message : `${error.field}: ${error.message}`);
  throw error;
}

export function parseTimes(input: { payByTime: string | number; submitResultTime: string | number; unlockTime?: string | number | undefined; externalDisputeUnlockTime?: string | number | undefined }): PaymentTimesInput {
  try {
    return {
      payByTime: parseTime(input.payByTime, 'payByTime'),
      submitResultTime: parseTime(input.submitResultTime, 'submitResultTime'),
      ...(input.unlockTime === undefined ? {} : { unlockTime: parseTime(input.unlockTime, 'unlockTime') }),
      ...(input.externalDisputeUnlockTime === undefined ? {} : { externalDisputeUnlockTime: parseTime(input.externalDisputeUnlockTime, 'externalDisputeUnlockTime') }),
    };
  } catch (error) {
    return toAppError(error);
  }
}

/** The price an agent asks, from its on-chain metadata. */
export function priceOf(agent: ResolvedAgent): { unit: string; amount: bigint }[] {
  const pricing = agent.metadata.AgentPricing;
  if (pricing.pricingType !== 'Fixed') throw new AppError('VALIDATION_ERROR', `agentIdentifier: the agent is free (pricingType ${pricing.pricingType}); there is nothing to pay`);
  return pricing.Pricing.map(({ unit, amount }) => ({ unit, amount }));
}
