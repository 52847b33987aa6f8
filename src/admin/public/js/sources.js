/** Masumi answers `ExtendedPaymentSources` on the admin route, `PaymentSources` elsewhere: accept both. */
export function sourcesOf(data) {
  if (Array.isArray(data?.ExtendedPaymentSources)) return data.ExtendedPaymentSources;
  if (Array.isArray(data?.PaymentSources)) return data.PaymentSources;
  return [];
}

export function walletsOf(source) {
  return [
    ...(Array.isArray(source.SellingWallets) ? source.SellingWallets : []).map((wallet) => ({ ...wallet, type: 'Selling' })),
    ...(Array.isArray(source.PurchasingWallets) ? source.PurchasingWallets : []).map((wallet) => ({ ...wallet, type: 'Purchasing' })),
  ];
}

export async function fetchSources(api, query = { take: 100 }) {
  return sourcesOf(await api.get('/payment-source-extended', query));
}
