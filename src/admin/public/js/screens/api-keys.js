import { badge, code, DASH, formatAmounts, formatTime, h, replace, table, text } from '../dom.js';
import { amountRows, confirmed, copyButton, createPager, field, noticeArea, runAction, section, select, showSuccess } from '../ui.js';

const PAGE_SIZE = 10;
const NETWORKS = ['Preprod', 'Mainnet'];

function createForm(api, notices, onCreated) {
  const permission = select(['Read', 'ReadAndPay', 'Admin'], { name: 'permission' });
  const networks = NETWORKS.map((network) => h('input', { type: 'checkbox', name: 'network', value: network, checked: true }));
  const usageLimited = h('input', { type: 'checkbox', name: 'usageLimited' });
  const credits = amountRows('Usage credits', { addLabel: 'credit' });
  const submit = h('button', { type: 'submit' }, 'Create key');

  const form = h(
    'form',
    { class: 'stack', 'aria-label': 'Create an API key' },
    h('div', { class: 'row' },
      field('Permission', permission),
      h('fieldset', { class: 'inline' }, h('legend', null, 'Network limit'),
        networks.map((box) => h('label', { class: 'check' }, box, box.value))),
      h('label', { class: 'check' }, usageLimited, 'Usage limited')),
    credits.element,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const isAdmin = permission.value === 'Admin';
    // Admin keys have every network and no limit; Masumi refuses those fields on them.
    const body = {
      permission: permission.value,
      UsageCredits: credits.values(),
      ...(isAdmin ? {} : {
        usageLimited: usageLimited.checked,
        NetworkLimit: networks.filter((box) => box.checked).map((box) => box.value),
      }),
    };
    void runAction(submit, notices, () => api.post('/api-key', body)).then((key) => key && onCreated(key));
  });
  return form;
}

function newKeyPanel(key) {
  return h(
    'div',
    { class: 'new-key', role: 'region', 'aria-label': 'New API key' },
    h('p', null, h('strong', null, 'New key created. '), 'Copy the token now: it is shown only once.'),
    h('p', null, 'Key id: ', h('code', { class: 'new-key-id' }, text(key.id)), ` · ${text(key.permission)}`),
    h('div', { class: 'token-line' }, h('code', { class: 'token' }, text(key.token)), copyButton(String(key.token ?? ''))),
  );
}

function creditsForm(api, key, notices, done) {
  const credits = amountRows('Add (positive) or remove (negative) credits', { signed: true, addLabel: 'unit' });
  const apply = h('button', { type: 'submit' }, 'Apply credits');
  const cancel = h('button', { type: 'button', class: 'secondary', onclick: () => done(false) }, 'Cancel');
  const form = h('form', { class: 'stack credits-form', 'aria-label': 'Change usage credits' },
    h('h3', null, 'Credits of key ', code(key.id)), credits.element, h('div', { class: 'actions' }, apply, cancel));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = { id: key.id, UsageCreditsToAddOrRemove: credits.values() };
    void runAction(apply, notices, () => api.patch('/api-key', body), (row) =>
      `Credits of ${row.id} are now ${formatAmounts(row.RemainingUsageCredits)}.`).then((row) => row && done(true));
  });
  return form;
}

export default {
  id: 'api-keys',
  title: 'API keys',
  mount(container, { api }) {
    const notices = noticeArea();
    const listNotices = noticeArea();
    const created = h('div');
    const list = h('div', { class: 'list' });
    const editor = h('div');
    const refresh = h('button', { type: 'button', class: 'secondary' }, 'Refresh');

    async function keyAction(button, key, label, work) {
      if (!confirmed(`${label} key ${key.id}? The key stops working at once.`)) return;
      const row = await runAction(button, notices, work, (result) => `Key ${result.id} is now ${result.status}.`);
      if (row) await pager.reload();
    }

    const columns = [
      { label: 'ID', cell: (key) => code(key.id) },
      { label: 'Token', cell: (key) => code(key.token) },
      { label: 'Permission', cell: (key) => badge(key.permission) },
      { label: 'Status', cell: (key) => badge(key.status, key.status === 'Active' ? 'ok' : 'muted') },
      { label: 'Networks', cell: (key) => (key.NetworkLimit ?? key.networkLimit ?? []).join(', ') || DASH },
      { label: 'Usage limited', cell: (key) => text(key.usageLimited) },
      { label: 'Credits', cell: (key) => formatAmounts(key.RemainingUsageCredits) },
      { label: 'Created', cell: (key) => formatTime(key.createdAt) },
      {
        label: 'Actions',
        cell: (key) => {
          const revoke = h('button', { type: 'button', class: 'danger' }, 'Revoke');
          const remove = h('button', { type: 'button', class: 'danger secondary' }, 'Delete');
          const credits = h('button', { type: 'button', class: 'secondary' }, 'Credits');
          revoke.addEventListener('click', () => keyAction(revoke, key, 'Revoke', () => api.patch('/api-key', { id: key.id, status: 'Revoked' })));
          remove.addEventListener('click', () => keyAction(remove, key, 'Delete', () => api.delete('/api-key', { id: key.id })));
          credits.addEventListener('click', () => {
            replace(editor, creditsForm(api, key, notices, (changed) => {
              editor.replaceChildren();
              if (changed) void pager.reload();
            }));
            editor.querySelector('input')?.focus();
          });
          return h('div', { class: 'actions' }, key.status === 'Active' ? revoke : null, remove, credits);
        },
      },
    ];

    const pager = createPager(PAGE_SIZE, async (cursorId, button) => {
      const data = await runAction(button ?? refresh, listNotices, () => api.get('/api-key', { take: PAGE_SIZE, cursorId }));
      if (!data) return void list.replaceChildren();
      const rows = Array.isArray(data.ApiKeys) ? data.ApiKeys : [];
      replace(list, table(columns, rows, { label: 'API keys', empty: 'No API keys on this page.' }));
      return rows;
    });
    refresh.addEventListener('click', () => void pager.reload(refresh));

    const form = createForm(api, notices, (key) => {
      replace(created, newKeyPanel(key));
      showSuccess(notices, `Key ${key.id} created with permission ${key.permission}.`);
      void pager.first();
    });

    replace(container,
      section('API keys', notices, h('details', { class: 'create', open: true }, h('summary', null, 'Create a key'), form), created, editor,
        h('div', { class: 'toolbar' }, refresh, pager.controls), listNotices, list));
    void pager.first();
  },
};
