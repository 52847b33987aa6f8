import { type EscrowScript, escrowScript } from '../cardano/contract/scripts.js';
import { paymentKeyHashOf } from '../cardano/wallet-keys.js';
import type { PaymentSource } from '../generated/prisma/client.js';
import { networkIdOf } from './chain-registry.js';

const cache = new Map<string, EscrowScript>();

/** The escrow validator of a payment source, with its parameters applied (cached: applying costs ms). */
export function escrowScriptOf(source: Pick<PaymentSource, 'id' | 'network' | 'adminAddresses' | 'requiredAdminSignatures' | 'feeReceiverAddress' | 'feeRatePermille' | 'cooldownTime' | 'scriptHash'>): EscrowScript {
  const cached = cache.get(source.id);
  if (cached?.hash === source.scriptHash) return cached;
  const script = escrowScript(
    {
      adminKeyHashes: source.adminAddresses.map(paymentKeyHashOf),
      requiredAdminSignatures: source.requiredAdminSignatures,
      feeAddress: source.feeReceiverAddress,
      feePermille: source.feeRatePermille,
      cooldownPeriodMs: source.cooldownTime,
    },
    networkIdOf(source.network),
  );
  if (script.hash !== source.scriptHash) throw new Error(`payment source ${source.id}: its parameters no longer give script ${source.scriptHash}`);
  cache.set(source.id, script);
  return script;
}
