/* global document, Node */
// Every piece of API data reaches the page as a text node or an attribute value, never as markup.

/** `h('button', { class: 'x', onclick: fn, disabled: true }, 'label', child)` */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = String(value);
    else if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (key === 'checked' || key === 'value' || key === 'disabled' || key === 'selected') element[key] = value;
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(element, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function replace(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

export const DASH = '—';

/** Unix-ms strings or numbers (contract times) and ISO strings (row timestamps) as local time. */
export function formatTime(value) {
  if (value === undefined || value === null || value === '') return DASH;
  const text = String(value);
  const millis = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(millis)) return text;
  return new Date(millis).toLocaleString();
}

export function formatDuration(ms) {
  if (ms === undefined || ms === null || ms === '') return DASH;
  const text = String(ms);
  if (!/^\d+$/.test(text)) return text;
  const minutes = Number(text) / 60000;
  return minutes >= 1 ? `${text} ms (${Number(minutes.toFixed(2))} min)` : `${text} ms`;
}

/** Exact decimal ADA from integer lovelace, with bigint: quantities never go through floats. */
export function lovelaceToAda(lovelace) {
  const value = BigInt(lovelace);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  const fraction = (abs % 1000000n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${sign}${abs / 1000000n}${fraction ? `.${fraction}` : ''}`;
}

export function isAdaUnit(unit) {
  return unit === '' || unit === 'lovelace' || unit === undefined || unit === null;
}

export function formatAmount(entry) {
  if (!entry || typeof entry !== 'object') return DASH;
  const amount = String(entry.amount ?? entry.quantity ?? '');
  if (isAdaUnit(entry.unit)) {
    try {
      return `${lovelaceToAda(amount)} ADA`;
    } catch {
      return `${amount} lovelace`;
    }
  }
  return `${amount} × ${shorten(String(entry.unit), 12, 8)}`;
}

export function formatAmounts(list) {
  if (!Array.isArray(list) || list.length === 0) return DASH;
  return list.map(formatAmount).join(', ');
}

export function shorten(text, head = 10, tail = 6) {
  if (typeof text !== 'string' || text === '') return DASH;
  return text.length <= head + tail + 1 ? text : `${text.slice(0, head)}…${text.slice(-tail)}`;
}

/** A long identifier shown short, with the full value in the tooltip and for copy/paste. */
export function code(text, head, tail) {
  if (typeof text !== 'string' || text === '') return DASH;
  return h('code', { title: text }, head === undefined ? text : shorten(text, head, tail));
}

export function text(value) {
  if (value === undefined || value === null || value === '') return DASH;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function badge(value, kind) {
  if (value === undefined || value === null || value === '') return DASH;
  return h('span', { class: `badge ${kind ?? ''}`.trim(), 'data-value': String(value) }, String(value));
}

/** `columns`: [{ label, cell(row) → node | string }]. */
export function table(columns, rows, options = {}) {
  if (!rows.length) return h('p', { class: 'empty' }, options.empty ?? 'Nothing here yet.');
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { 'aria-label': options.label },
      h('thead', null, h('tr', null, columns.map((column) => h('th', { scope: 'col' }, column.label)))),
      h(
        'tbody',
        null,
        rows.map((row) => h('tr', { 'data-id': row?.id }, columns.map((column) => h('td', { 'data-label': column.label }, column.cell(row))))),
      ),
    ),
  );
}

/** A definition list from [label, value] pairs, skipping pairs whose value is undefined. */
export function fields(pairs) {
  return h(
    'dl',
    { class: 'fields' },
    pairs.filter(([, value]) => value !== undefined).map(([label, value]) => [h('dt', null, label), h('dd', null, value ?? DASH)]),
  );
}
