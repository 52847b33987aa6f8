import { badge, code, DASH, formatAmounts, formatTime, h, replace, table, text } from '../dom.js';
import { amountRows, confirmed, createPager, field, input, noticeArea, runAction, section, select } from '../ui.js';
import { fetchSources } from '../sources.js';

const PAGE_SIZE = 10;
const FILTERS = [{ value: '', label: 'All' }, 'Registered', 'Pending', 'Failed', 'Deregistered'];

function pricingOf(agent) {
  const pricing = agent.AgentPricing;
  if (!pricing) return DASH;
  return pricing.pricingType === 'Fixed' ? formatAmounts(pricing.Pricing) : text(pricing.pricingType);
}

function stateKind(state) {
  if (/Failed$/.test(state ?? '')) return 'warn';
  if (/Confirmed$/.test(state ?? '')) return 'ok';
  return 'action';
}

/** Drops empty optional strings: the API refuses unknown fields and Masumi refuses empty ones. */
function compact(object) {
  const entries = Object.entries(object).filter(([, value]) => value !== '');
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function registerForm(api, network, notices, onRegistered) {
  const value = (control) => control.value.trim();
  const wallets = h('datalist', { id: 'selling-wallets' });
  const c = {
    wallet: input({ list: 'selling-wallets', required: true, placeholder: '56 hex: payment key hash of a selling wallet' }),
    name: input({ required: true }),
    description: input({ required: true }),
    apiBaseUrl: input({ type: 'url', required: true, placeholder: 'https://agent.example.com' }),
    capabilityName: input({ required: true }),
    capabilityVersion: input({ required: true, placeholder: '1.0.0' }),
    tags: input({ required: true, placeholder: 'comma, separated' }),
    authorName: input({ required: true }),
    authorEmail: input({ type: 'email' }),
    authorOther: input(),
    authorOrganization: input(),
    privacyPolicy: input({ type: 'url' }),
    terms: input({ type: 'url' }),
    legalOther: input(),
    pricingType: select(['Fixed', 'Free']),
  };
  const prices = amountRows('Price per job (base units)', { addLabel: 'price' });
  c.pricingType.addEventListener('change', () => {
    prices.element.hidden = c.pricingType.value !== 'Fixed';
  });
  const submit = h('button', { type: 'submit' }, 'Register agent');

  // Suggest our selling wallets; the field still takes any vkey if the sources do not load.
  fetchSources(api).then((sources) => {
    for (const source of sources.filter((s) => s.network === network)) {
      for (const wallet of source.SellingWallets ?? []) wallets.append(h('option', { value: wallet.walletVkey }, wallet.note ?? wallet.walletAddress ?? ''));
    }
  }, () => undefined);

  const form = h('form', { class: 'stack', 'aria-label': 'Register an agent' },
    wallets,
    h('div', { class: 'grid' },
      field('Selling wallet vkey', c.wallet), field('Name', c.name), field('Description', c.description), field('API base URL', c.apiBaseUrl),
      field('Capability', c.capabilityName), field('Capability version', c.capabilityVersion), field('Tags', c.tags),
      field('Author', c.authorName), field('Author e-mail', c.authorEmail), field('Author contact (other)', c.authorOther),
      field('Organization', c.authorOrganization), field('Privacy policy URL', c.privacyPolicy), field('Terms URL', c.terms),
      field('Legal (other)', c.legalOther), field('Pricing', c.pricingType)),
    prices.element,
    h('div', { class: 'actions' }, submit));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const legal = compact({ privacyPolicy: value(c.privacyPolicy), terms: value(c.terms), other: value(c.legalOther) });
    const body = {
      network,
      sellingWalletVkey: value(c.wallet),
      name: value(c.name),
      description: value(c.description),
      apiBaseUrl: value(c.apiBaseUrl),
      Capability: { name: value(c.capabilityName), version: value(c.capabilityVersion) },
      Tags: value(c.tags).split(',').map((tag) => tag.trim()).filter(Boolean),
      ExampleOutputs: [],
      Author: compact({ name: value(c.authorName), contactEmail: value(c.authorEmail), contactOther: value(c.authorOther), organization: value(c.authorOrganization) }) ?? {},
      ...(legal ? { Legal: legal } : {}),
      AgentPricing: c.pricingType.value === 'Fixed' ? { pricingType: 'Fixed', Pricing: prices.values() } : { pricingType: 'Free' },
    };
    void runAction(submit, notices, () => api.post('/registry', body),
      (agent) => `Registration of ${agent.name ?? body.name} requested (state ${agent.state ?? 'unknown'}).`).then((agent) => agent && onRegistered());
  });
  return form;
}

export default {
  id: 'agents',
  title: 'Agents',
  mount(container, { api, network }) {
    const notices = noticeArea();
    const listNotices = noticeArea();
    const list = h('div', { class: 'list' });
    const refresh = h('button', { type: 'button', class: 'secondary' }, 'Refresh');
    const filter = select(FILTERS, { 'aria-label': 'Filter by status' });

    async function deregister(button, agent) {
      if (!confirmed(`Deregister agent ${agent.name}? Its NFT is burned.`)) return;
      const result = await runAction(button, notices, () => api.post('/registry/deregister', { agentIdentifier: agent.agentIdentifier, network }),
        (row) => `Deregistration of ${row.name ?? agent.name} requested (state ${row.state ?? 'unknown'}).`);
      if (result) void pager.reload();
    }

    const columns = [
      { label: 'Name', cell: (agent) => text(agent.name) },
      { label: 'State', cell: (agent) => badge(agent.state, stateKind(agent.state)) },
      { label: 'Agent identifier', cell: (agent) => code(agent.agentIdentifier ?? undefined, 10, 8) },
      { label: 'API URL', cell: (agent) => text(agent.apiBaseUrl) },
      { label: 'Pricing', cell: pricingOf },
      { label: 'Wallet', cell: (agent) => code(agent.SmartContractWallet?.walletVkey, 10, 6) },
      { label: 'Transaction', cell: (agent) => agent.CurrentTransaction ? h('span', null, code(agent.CurrentTransaction.txHash ?? undefined, 8, 6), ' ', badge(agent.CurrentTransaction.status, 'muted')) : DASH },
      { label: 'Error', cell: (agent) => (agent.error ? h('span', { class: 'error-text' }, agent.error) : DASH) },
      { label: 'Created', cell: (agent) => formatTime(agent.createdAt) },
      {
        label: 'Actions',
        cell: (agent) => {
          if (!agent.agentIdentifier) return DASH;
          const button = h('button', { type: 'button', class: 'danger' }, 'Deregister');
          button.addEventListener('click', () => void deregister(button, agent));
          return button;
        },
      },
    ];

    const pager = createPager(PAGE_SIZE, async (cursorId, button) => {
      const query = { network, limit: PAGE_SIZE, cursorId, filterStatus: filter.value };
      const data = await runAction(button ?? refresh, listNotices, () => api.get('/registry', query));
      if (!data) return void list.replaceChildren();
      const rows = Array.isArray(data.Assets) ? data.Assets : [];
      replace(list, table(columns, rows, { label: 'Agents', empty: `No agents on ${network} on this page.` }));
      return rows;
    });
    refresh.addEventListener('click', () => void pager.reload(refresh));
    filter.addEventListener('change', () => void pager.first(refresh));

    replace(container, section(`Agents on ${network}`, notices,
      h('details', { class: 'create' }, h('summary', null, 'Register an agent'), registerForm(api, network, notices, () => void pager.first())),
      h('div', { class: 'toolbar' }, refresh, filter, pager.controls), listNotices, list));
    void pager.first();
  },
};
