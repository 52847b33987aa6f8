/* global navigator, window */
import { h, replace } from './dom.js';

/** A live region for the outcome of the last request of one screen or panel. */
export function noticeArea(kind) {
  return h('div', { class: kind ? `notices ${kind}` : 'notices', 'aria-live': 'polite' });
}

export function showError(area, error, context) {
  const status = typeof error?.status === 'number' && error.status > 0 ? `HTTP ${error.status}` : undefined;
  const code = typeof error?.code === 'string' ? error.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  replace(
    area,
    h('div', { class: 'notice error', role: 'alert' }, h('strong', null, 'Error: '), context ? `${context}: ` : null, h('span', { class: 'message' }, message),
      code || status ? h('span', { class: 'code' }, [code, status].filter(Boolean).join(' · ')) : null),
  );
}

export function showSuccess(area, message) {
  replace(area, h('div', { class: 'notice success', role: 'status' }, message));
}

export function clearNotice(area) {
  area.replaceChildren();
}

/**
 * Runs one request for a button: the button stays disabled while it is in flight, the API's
 * error is shown on failure, and a success message only after a 2xx success envelope.
 */
export async function runAction(button, area, work, success) {
  if (button?.disabled) return undefined;
  if (button) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
  }
  if (area) clearNotice(area);
  try {
    const result = await work();
    const message = typeof success === 'function' ? success(result) : success;
    if (area && message) showSuccess(area, message);
    return result;
  } catch (error) {
    if (area) showError(area, error);
    return undefined;
  } finally {
    if (button) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }
}

/** Asks before an irreversible request; the browser's own dialog keeps this small and accessible. */
export function confirmed(question) {
  return window.confirm(question);
}

export function copyButton(value, label = 'Copy') {
  const button = h('button', { type: 'button', class: 'secondary' }, label);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(value);
      button.textContent = 'Copied';
    } catch {
      // Without clipboard permission, select the value so the operator can copy it by hand.
      const target = button.parentElement?.querySelector('code');
      if (target) window.getSelection()?.selectAllChildren(target);
      button.textContent = 'Selected: press Ctrl+C';
    }
  });
  return button;
}

/** Cursor paging over a list the API orders newest first; `cursorId` is the last row seen. */
export function createPager(pageSize, load) {
  const cursors = [undefined];
  let lastRows = [];
  const previous = h('button', { type: 'button', class: 'secondary' }, '← Newer');
  const next = h('button', { type: 'button', class: 'secondary' }, 'Older →');
  const label = h('span', { class: 'page-label' });
  const controls = h('div', { class: 'pager' }, previous, label, next);

  function update() {
    label.textContent = `Page ${cursors.length}`;
    previous.disabled = cursors.length === 1;
    next.disabled = lastRows.length < pageSize;
  }
  async function show(button) {
    const rows = await load(cursors[cursors.length - 1], button);
    if (rows) lastRows = rows;
    update();
    return rows;
  }
  previous.addEventListener('click', () => {
    if (cursors.length > 1) cursors.pop();
    void show(previous);
  });
  next.addEventListener('click', () => {
    const last = lastRows[lastRows.length - 1];
    if (!last?.id) return;
    cursors.push(last.id);
    void show(next);
  });
  update();
  return { controls, reload: (button) => show(button), first: (button) => (cursors.splice(1), show(button)) };
}

let nextId = 0;
/** A labelled form control; returns the wrapper, the control is `wrapper.control`. */
export function field(label, control, hint) {
  const id = control.id || `f${++nextId}`;
  control.id = id;
  const wrapper = h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('small', null, hint) : null);
  wrapper.control = control;
  return wrapper;
}

export function input(props) {
  return h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', ...props });
}

export function select(options, props) {
  return h('select', props, options.map((option) => h('option', { value: option.value ?? option }, option.label ?? option)));
}

/** Editable rows of {unit, amount} in base units; an empty unit means lovelace. */
export function amountRows(legend, options = {}) {
  const rows = h('div', { class: 'amount-rows' });
  function addRow() {
    const unit = input({ placeholder: 'lovelace, or policy id + asset name hex', 'aria-label': `${legend} unit` });
    const amount = input({ placeholder: options.signed ? '-5 or 5' : '1000000', inputmode: 'numeric', 'aria-label': `${legend} amount` });
    const remove = h('button', { type: 'button', class: 'link', 'aria-label': 'remove this row' }, '×');
    const row = h('div', { class: 'amount-row' }, unit, amount, remove);
    remove.addEventListener('click', () => row.remove());
    rows.append(row);
  }
  const add = h('button', { type: 'button', class: 'link' }, `+ ${options.addLabel ?? 'amount'}`);
  add.addEventListener('click', addRow);
  addRow();
  const element = h('fieldset', { class: 'amounts' }, h('legend', null, legend), rows, add);
  return {
    element,
    /** Rows with an amount; `unit` "" is lovelace, as on the wire. */
    values() {
      return [...rows.querySelectorAll('.amount-row')]
        .map((row) => {
          const [unit, amount] = row.querySelectorAll('input');
          const unitText = unit.value.trim();
          return { unit: unitText === 'lovelace' ? '' : unitText, amount: amount.value.trim() };
        })
        .filter((entry) => entry.amount !== '');
    },
  };
}

export function section(title, ...children) {
  return h('section', { class: 'panel' }, h('h2', null, title), children);
}
