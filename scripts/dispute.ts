/**
 * Settling a dispute without any private key on a node: an admin builds the transaction with the
 * split, each admin signs it on their own machine, and anyone submits it once enough have signed.
 *
 *   npm run dispute -- build  --source source.json --escrow <txHash>#<index> --to-buyer <lovelace> --to-seller <lovelace> \
 *                             --fee-payer <admin address> --signers <vkey,vkey> --provider <url|projectId> --out settlement.json
 *   npm run dispute -- sign   --in settlement.json --mnemonic-file admin.txt [--out settlement.json]
 *   npm run dispute -- submit --in settlement.json --provider <url|projectId>
 *
 * source.json is one entry of GET /api/v1/payment-source (data.PaymentSources[i]). --provider is a
 * Blockfrost project id, or the URL of a Blockfrost-compatible API such as the local devnet.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createBlockfrostChain } from '../src/cardano/blockfrost-chain.js';
import { buildSettlement, type SettlementFile, type SettlementSource, signSettlement, submitSettlement } from '../src/cardano/dispute-settlement.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    source: { type: 'string' }, escrow: { type: 'string' }, 'to-buyer': { type: 'string' }, 'to-seller': { type: 'string' },
    'fee-payer': { type: 'string' }, signers: { type: 'string' }, provider: { type: 'string' }, in: { type: 'string' }, out: { type: 'string' },
    'mnemonic-file': { type: 'string' },
  },
});

function need(name: keyof typeof values): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new Error(`--${name} is required`);
  return value;
}

function chainFor(provider: string, network: SettlementSource['network']) {
  const networkId = network === 'Mainnet' ? 1 : 0;
  return /^https?:\/\//.test(provider) ? createBlockfrostChain({ kind: 'devnet' }, networkId, provider) : createBlockfrostChain({ kind: 'blockfrost', projectId: provider }, networkId);
}

const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;

async function main(): Promise<void> {
  const [command] = positionals;
  if (command === 'build') {
    const source = await readJson<SettlementSource>(need('source'));
    const [txHash, index] = need('escrow').split('#');
    const file = await buildSettlement({
      chain: chainFor(need('provider'), source.network),
      source,
      escrow: { txHash: txHash ?? '', outputIndex: Number(index) },
      toBuyer: [{ unit: 'lovelace', quantity: need('to-buyer') }],
      toSeller: [{ unit: 'lovelace', quantity: need('to-seller') }],
      feePayerAddress: need('fee-payer'),
      adminSigners: need('signers').split(','),
    });
    await writeFile(need('out'), JSON.stringify(file, null, 2));
    console.log(`settlement ${file.txHash} written to ${need('out')}; ${file.requiredAdminSignatures} admins must sign it`);
  } else if (command === 'sign') {
    const file = await signSettlement(await readJson<SettlementFile>(need('in')), await readFile(need('mnemonic-file'), 'utf8'));
    await writeFile(values.out ?? need('in'), JSON.stringify(file, null, 2));
    console.log(`signed; admins so far: ${file.signedBy.join(', ')} (${file.signedBy.length}/${file.requiredAdminSignatures})`);
  } else if (command === 'submit') {
    const file = await readJson<SettlementFile>(need('in'));
    console.log(`submitted ${await submitSettlement(chainFor(need('provider'), file.network), file)}`);
  } else {
    throw new Error('usage: npm run dispute -- build|sign|submit … (see scripts/dispute.ts)');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
