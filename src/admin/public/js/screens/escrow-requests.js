import { code, formatAmounts, formatTime, h, replace, table } from '../dom.js';
import { clearNotice, confirmed, createPager, noticeArea, runAction, section, showError } from '../ui.js';
import { actionBadge, detailFields, errorOf, stateBadge } from './escrow-detail.js';

const PAGE_SIZE = 10;

/**
 * One screen for payments (seller side) and purchases (buyer side): they share the record shape
 * and differ in the funds field, the counterparty and the operator actions (`config`).
 */
export function escrowScreen(config) {
  return {
    id: config.id,
    title: config.title,
    mount(container, { api, network }) {
      const listNotices = noticeArea();
      const list = h('div', { class: 'list' });
      const detail = h('div', { class: 'detail-host' });
      const refresh = h('button', { type: 'button', class: 'secondary' }, 'Refresh');
      let openId;

      // Survives re-renders of the detail, so an action's outcome stays visible after the refresh.
      const actionNotices = noticeArea('action-notices');

      function renderDetail(record, loadError) {
        const loadNotices = noticeArea();
        if (loadError) showError(loadNotices, loadError, 'showing the list row, the full record did not load');
        const buttons = config.actions.map((action) => {
          const button = h('button', { type: 'button', class: action.danger ? 'danger' : '' }, action.label);
          button.addEventListener('click', async () => {
            if (action.confirm && !confirmed(`${action.confirm}\n\n${record.blockchainIdentifier}`)) return;
            const result = await runAction(button, actionNotices, () => api.post(action.path, action.body(record, network)),
              (data) => `${action.label}: accepted. Next action is now ${data?.NextAction?.requestedAction ?? 'unknown'}.`);
            if (result) {
              await open(result, { afterAction: true });
              void pager.reload();
            }
          });
          return button;
        });
        const close = h('button', { type: 'button', class: 'secondary' }, 'Close');
        close.addEventListener('click', () => {
          openId = undefined;
          detail.replaceChildren();
        });
        replace(detail, h('section', { class: 'panel detail', 'aria-label': `${config.noun} detail` },
          h('div', { class: 'detail-head' }, h('h3', null, `${config.noun} `, code(record.id)), close),
          loadNotices, h('div', { class: 'actions' }, buttons), actionNotices, detailFields(config, record)));
      }

      /** Shows the row at once, then the full record with its history; keeps the row if that fails. */
      async function open(record, { afterAction = false } = {}) {
        openId = record.id;
        if (!afterAction) clearNotice(actionNotices);
        renderDetail(record);
        if (!afterAction) detail.scrollIntoView({ block: 'start' });
        let full;
        let loadError;
        try {
          full = await api.post(`${config.path}/resolve-blockchain-identifier`, {
            network,
            blockchainIdentifier: record.blockchainIdentifier,
            includeHistory: true,
          });
        } catch (error) {
          loadError = error;
        }
        if (openId === record.id) renderDetail(full ?? record, loadError);
      }

      const columns = [
        { label: 'Created', cell: (row) => formatTime(row.createdAt) },
        { label: 'Identifier', cell: (row) => code(row.blockchainIdentifier, 10, 6) },
        { label: 'Agent', cell: (row) => code(row.agentIdentifier ?? undefined, 8, 6) },
        { label: 'On-chain state', cell: (row) => stateBadge(row.onChainState) },
        { label: 'Next action', cell: (row) => actionBadge(row.NextAction) },
        { label: 'Error', cell: (row) => errorOf(row.NextAction) },
        { label: config.fundsLabel, cell: (row) => formatAmounts(row[config.fundsKey]) },
        { label: 'Pay by', cell: (row) => formatTime(row.payByTime) },
        { label: 'Submit result by', cell: (row) => formatTime(row.submitResultTime) },
        { label: 'Unlock', cell: (row) => formatTime(row.unlockTime) },
        { label: '', cell: (row) => h('button', { type: 'button', class: 'secondary', onclick: () => void open(row) }, 'Open') },
      ];

      const pager = createPager(PAGE_SIZE, async (cursorId, button) => {
        const data = await runAction(button ?? refresh, listNotices, () => api.get(config.path, { network, limit: PAGE_SIZE, cursorId }));
        if (!data) return void list.replaceChildren();
        const rows = Array.isArray(data[config.listKey]) ? data[config.listKey] : [];
        replace(list, table(columns, rows, { label: config.title, empty: `No ${config.title.toLowerCase()} on ${network} on this page.` }));
        return rows;
      });
      refresh.addEventListener('click', () => void pager.reload(refresh));

      replace(container, section(`${config.title} on ${network}`, h('p', { class: 'hint' }, config.hint),
        h('div', { class: 'toolbar' }, refresh, pager.controls), listNotices, list, detail));
      void pager.first();
    },
  };
}
