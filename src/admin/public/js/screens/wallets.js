import { code, DASH, h, lovelaceToAda, replace, table, text } from '../dom.js';
import { noticeArea, runAction, section } from '../ui.js';
import { fetchSources, walletsOf } from '../sources.js';

const UTXO_PAGE = 100;
const MAX_PAGES = 100;

function quantityOf(entry) {
  const value = entry?.quantity ?? entry?.amount;
  return BigInt(typeof value === 'number' ? Math.trunc(value) : String(value));
}

/** Sum of the address's UTxOs, page by page; lovelace exactly (bigint), other units counted. */
export async function fetchBalance(api, address, network) {
  let lovelace = 0n;
  const tokens = new Set();
  for (let page = 1; page <= MAX_PAGES; page++) {
    const data = await api.get('/utxos', { address, network, count: UTXO_PAGE, page });
    const utxos = Array.isArray(data?.Utxos) ? data.Utxos : [];
    for (const utxo of utxos) {
      for (const entry of utxo.Amounts ?? utxo.amount ?? []) {
        if (entry.unit === 'lovelace' || entry.unit === '') lovelace += quantityOf(entry);
        else tokens.add(entry.unit);
      }
    }
    if (utxos.length < UTXO_PAGE) break;
  }
  return { lovelace, tokens: tokens.size };
}

function balanceCell(api, wallet, network) {
  const cell = h('span', { class: 'balance', 'aria-busy': 'true' }, '…');
  if (!wallet.walletAddress) return replace(cell, DASH);
  fetchBalance(api, wallet.walletAddress, network).then(
    ({ lovelace, tokens }) => {
      cell.removeAttribute('aria-busy');
      replace(cell, `${lovelaceToAda(lovelace)} ADA`, tokens ? ` + ${tokens} token${tokens === 1 ? '' : 's'}` : '');
    },
    (error) => {
      cell.removeAttribute('aria-busy');
      cell.classList.add('error-text');
      replace(cell, `${error.message}${error.code ? ` (${error.code})` : ''}`);
    },
  );
  return cell;
}

export default {
  id: 'wallets',
  title: 'Wallets',
  mount(container, { api, network }) {
    const notices = noticeArea();
    const list = h('div', { class: 'list' });
    const refresh = h('button', { type: 'button', class: 'secondary' }, 'Refresh balances');

    async function load() {
      const sources = await runAction(refresh, notices, () => fetchSources(api));
      if (!sources) return list.replaceChildren();
      const onNetwork = sources.filter((source) => source.network === network);
      if (!onNetwork.length) return replace(list, h('p', { class: 'empty' }, `No payment source on ${network}.`));
      const columns = [
        { label: 'Type', cell: (wallet) => wallet.type },
        { label: 'ID', cell: (wallet) => code(wallet.id) },
        { label: 'Vkey', cell: (wallet) => code(wallet.walletVkey, 10, 6) },
        { label: 'Address', cell: (wallet) => code(wallet.walletAddress, 14, 8) },
        { label: 'Balance', cell: (wallet) => balanceCell(api, wallet, network) },
        { label: 'Collection address', cell: (wallet) => code(wallet.collectionAddress, 14, 8) },
        { label: 'Note', cell: (wallet) => text(wallet.note) },
      ];
      replace(list, onNetwork.map((source) => h('div', { class: 'source-block' },
        h('h3', null, 'Payment source ', code(source.id), ' · ', code(source.smartContractAddress, 14, 8)),
        table(columns, walletsOf(source), { label: `Wallets of ${source.id}`, empty: 'This source has no wallets.' }))));
    }
    refresh.addEventListener('click', () => void load());
    replace(container, section(`Wallets on ${network}`, h('div', { class: 'toolbar' }, refresh), notices, list));
    void load();
  },
};
