/** A POST /registry body: a fixed-price agent held by `sellingWalletVkey` on Preprod. */
export function agentRegistrationBody(sellingWalletVkey: string, priceLovelace: bigint) {
  return {
    network: 'Preprod',
    sellingWalletVkey,
    name: 'Translator',
    description: 'Translates text',
    apiBaseUrl: 'https://translator.example.com',
    Capability: { name: 'translate', version: '2.1.0' },
    Author: { name: 'Grace' },
    Tags: ['text'],
    AgentPricing: { pricingType: 'Fixed', Pricing: [{ unit: '', amount: priceLovelace.toString() }] },
  };
}
