/* global document, window */
import { ApiError, createApi } from './api.js';
import { h, replace, shorten } from './dom.js';
import { NETWORKS, session } from './session.js';
import { field, input, noticeArea, runAction, select, showError } from './ui.js';
import agents from './screens/agents.js';
import apiKeys from './screens/api-keys.js';
import payments from './screens/payments.js';
import paymentSources from './screens/payment-sources.js';
import purchases from './screens/purchases.js';
import wallets from './screens/wallets.js';

const screens = [apiKeys, wallets, paymentSources, payments, purchases, agents];
const root = document.getElementById('app');
const api = createApi(session.token);
let stopApp = () => undefined;

/** The dashboard acts with the key's own rights, so anything below Admin would only meet 403s. */
async function verifyAdmin(token) {
  const key = await api.request('GET', '/api-key-status', { token });
  if (key?.permission !== 'Admin' && key?.canAdmin !== true) {
    throw new ApiError(403, 'FORBIDDEN', `this key has the ${key?.permission ?? 'unknown'} permission; the dashboard needs an Admin key`);
  }
  return key;
}

function showLogin(error) {
  stopApp();
  const token = input({ type: 'password', name: 'token', required: true, placeholder: 'the admin API key' });
  const submit = h('button', { type: 'submit' }, 'Log in');
  const notices = noticeArea();
  if (error) showError(notices, error);
  const form = h('form', { class: 'login panel', 'aria-label': 'Log in' },
    h('h1', null, 'Payment node · admin'),
    h('p', { class: 'hint' }, 'Paste an API key with the Admin permission. It is kept in this tab only (session storage) and sent as the token header.'),
    field('Admin API key', token), h('div', { class: 'actions' }, submit), notices);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = token.value.trim();
    const key = await runAction(submit, notices, () => verifyAdmin(value));
    if (!key) return;
    session.setToken(value);
    showApp(key);
  });
  replace(root, form);
  token.focus();
}

function showApp(key) {
  const network = select(NETWORKS, { 'aria-label': 'Network', name: 'network' });
  network.value = session.network();
  const logout = h('button', { type: 'button', class: 'secondary' }, 'Log out');
  const nav = h('nav', { 'aria-label': 'Screens' }, screens.map((screen) => h('a', { href: `#/${screen.id}`, 'data-screen': screen.id }, screen.title)));
  const main = h('main', { id: 'screen' });
  const who = key?.id ? `Admin key ${shorten(String(key.id), 6, 4)}` : 'Admin key';
  replace(root,
    h('header', { class: 'topbar' }, h('strong', { class: 'brand' }, 'Payment node'), nav,
      h('div', { class: 'session' }, h('label', { class: 'network' }, 'Network ', network), h('span', { class: 'who' }, who), logout)),
    main);

  function mountCurrent() {
    const id = window.location.hash.replace(/^#\/?/, '');
    const current = screens.find((screen) => screen.id === id) ?? screens[0];
    for (const link of nav.querySelectorAll('a')) {
      if (link.dataset.screen === current.id) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    document.title = `${current.title} · Payment node admin`;
    current.mount(main, { api, network: session.network() });
  }
  network.addEventListener('change', () => {
    session.setNetwork(network.value);
    mountCurrent();
  });
  logout.addEventListener('click', () => {
    session.clear();
    showLogin();
  });
  window.addEventListener('hashchange', mountCurrent);
  stopApp = () => window.removeEventListener('hashchange', mountCurrent);
  mountCurrent();
}

async function boot() {
  const token = session.token();
  if (!token) return showLogin();
  replace(root, h('p', { class: 'boot' }, 'Checking the stored key…'));
  try {
    showApp(await verifyAdmin(token));
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) session.clear();
    showLogin(error);
  }
}

void boot();
