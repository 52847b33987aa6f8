import { badge, code, DASH, fields, formatDuration, formatTime, h, replace, text } from '../dom.js';
import { createPager, noticeArea, runAction, section } from '../ui.js';
import { sourcesOf } from '../sources.js';

const PAGE_SIZE = 10;

function feeRate(permille) {
  if (permille === undefined || permille === null) return DASH;
  const value = Number(permille);
  return Number.isFinite(value) ? `${value} ‰ (${value / 10} %)` : text(permille);
}

function addressList(wallets) {
  if (!Array.isArray(wallets) || wallets.length === 0) return DASH;
  return h('ol', { class: 'plain' }, wallets.map((wallet) => h('li', null, code(wallet.walletAddress, 14, 8))));
}

function sourceCard(source, network) {
  const config = source.PaymentSourceConfig ?? {};
  return h(
    'article',
    { class: `card${source.network === network ? '' : ' other-network'}`, 'data-id': source.id },
    h('h3', null, badge(source.network), ' ', code(source.id)),
    fields([
      ['Chain', source.chain === undefined ? undefined : text(source.chain)],
      ['Contract address', code(source.smartContractAddress)],
      ['Registry policy id', code(source.policyId)],
      ['Type', text(source.paymentSourceType ?? source.paymentType)],
      ['Fee rate', feeRate(source.feeRatePermille)],
      ['Cooldown', formatDuration(source.cooldownTime)],
      ['Admin signatures', source.requiredAdminSignatures === undefined ? undefined : text(source.requiredAdminSignatures)],
      ['Admin wallets', addressList(source.AdminWallets)],
      ['Fee receiver', code(source.FeeReceiverNetworkWallet?.walletAddress, 14, 8)],
      ['Provider', `${text(config.rpcProvider)} · key ${text(config.rpcProviderApiKey)}`],
      ['Selling wallets', String(source.SellingWallets?.length ?? 0)],
      ['Purchasing wallets', String(source.PurchasingWallets?.length ?? 0)],
      ['Sync', source.syncInProgress ? 'in progress' : 'idle'],
      ['Last identifier checked', code(source.lastIdentifierChecked, 12, 6)],
      ['Last checked', formatTime(source.lastCheckedAt)],
      ['Created', formatTime(source.createdAt)],
    ]),
  );
}

export default {
  id: 'payment-sources',
  title: 'Payment sources',
  mount(container, { api, network }) {
    const notices = noticeArea();
    const list = h('div', { class: 'cards' });
    const refresh = h('button', { type: 'button', class: 'secondary' }, 'Refresh');
    const pager = createPager(PAGE_SIZE, async (cursorId, button) => {
      const data = await runAction(button ?? refresh, notices, () => api.get('/payment-source-extended', { take: PAGE_SIZE, cursorId }));
      if (!data) return void list.replaceChildren();
      const rows = sourcesOf(data);
      replace(list, rows.length ? rows.map((source) => sourceCard(source, network)) : h('p', { class: 'empty' }, 'No payment sources.'));
      return rows;
    });
    refresh.addEventListener('click', () => void pager.reload(refresh));
    replace(container, section('Payment sources', h('p', { class: 'hint' }, `Sources on other networks than ${network} are dimmed.`),
      h('div', { class: 'toolbar' }, refresh, pager.controls), notices, list));
    void pager.first();
  },
};
