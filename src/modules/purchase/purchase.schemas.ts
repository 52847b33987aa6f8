import { z } from 'zod';
import { Amount, Hex, Network } from '../../http/wire-types.js';
import { BlockchainIdentifier } from '../escrow/escrow.schemas.js';
import { IdentifierFromPurchaser, InputHash, TimeInput } from '../escrow/escrow-inputs.js';
import { AgentIdentifier } from '../registry/registry.schemas.js';

export const CreatePurchaseBody = z.strictObject({
  blockchainIdentifier: BlockchainIdentifier,
  network: Network,
  inputHash: InputHash,
  sellerVkey: Hex(56).refine((value) => value.length === 56, 'must be a 56-hex payment key hash'),
  agentIdentifier: AgentIdentifier,
  identifierFromPurchaser: IdentifierFromPurchaser,
  payByTime: TimeInput,
  submitResultTime: TimeInput,
  unlockTime: TimeInput,
  externalDisputeUnlockTime: TimeInput,
  Amounts: z.array(Amount).max(7).optional(),
  metadata: z.string().max(10_000).optional(),
  paymentType: z.literal('Web3CardanoV1').optional(),
});
export type CreatePurchaseBody = z.infer<typeof CreatePurchaseBody>;
