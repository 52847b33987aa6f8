/* global sessionStorage */
// sessionStorage: the key lives only as long as this tab, and is never written to disk by us.
const TOKEN = 'apn-admin.token';
const NETWORK = 'apn-admin.network';
export const NETWORKS = ['Preprod', 'Mainnet'];

export const session = {
  token: () => sessionStorage.getItem(TOKEN) ?? '',
  setToken: (token) => sessionStorage.setItem(TOKEN, token),
  network: () => {
    const stored = sessionStorage.getItem(NETWORK);
    return NETWORKS.includes(stored) ? stored : 'Preprod';
  },
  setNetwork: (network) => sessionStorage.setItem(NETWORK, network),
  clear: () => {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(NETWORK);
  },
};
