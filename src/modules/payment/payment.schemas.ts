import { z } from 'zod';
import { Network } from '../../http/wire-types.js';
import { AgentIdentifier } from '../registry/registry.schemas.js';
import { BlockchainIdentifier } from '../escrow/escrow.schemas.js';
import { IdentifierFromPurchaser, InputHash, ResultHash, TimeInput } from '../escrow/escrow-inputs.js';

export const CreatePaymentBody = z.strictObject({
  network: Network,
  agentIdentifier: AgentIdentifier,
  inputHash: InputHash,
  identifierFromPurchaser: IdentifierFromPurchaser,
  payByTime: TimeInput,
  submitResultTime: TimeInput,
  unlockTime: TimeInput.optional(),
  externalDisputeUnlockTime: TimeInput.optional(),
  metadata: z.string().max(10_000).optional(),
  paymentType: z.literal('Web3CardanoV1').optional(),
});
export type CreatePaymentBody = z.infer<typeof CreatePaymentBody>;

export const SubmitResultBody = z.strictObject({ network: Network, blockchainIdentifier: BlockchainIdentifier, submitResultHash: ResultHash });
