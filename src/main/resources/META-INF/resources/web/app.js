// quorch's web UI: plain ES modules served by quorch itself (no build step, no CDN). Pages are
// chosen by the URL's fragment (#/cluster/NAME ...); the server pushes a fingerprint of its state
// over Server-Sent Events (/web/events) and the current page reads the API again when it changes.
import { whoami } from './api.js';
import { h } from './dom.js';
import { clustersPage } from './clusters.js';
import { clusterPage } from './cluster.js';
import { instancePage } from './instance.js';
import { problemsPage } from './problems.js';
import { raftPage } from './raft.js';

const routes = {
  '': clustersPage,
  cluster: clusterPage,
  instance: instancePage,
  problems: problemsPage,
  raft: raftPage,
};

let current = null;
let refreshing = null;
let pending = false;

function parseRoute() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter((p) => p !== '').map(decodeURIComponent);
  const name = parts.shift() || '';
  return { name: routes[name] ? name : '', params: parts };
}

async function show() {
  const { name, params } = parseRoute();
  const main = document.getElementById('main');
  for (const a of document.querySelectorAll('nav a')) {
    a.classList.toggle('here', a.dataset.nav === (name || 'clusters') || (name === 'cluster' && a.dataset.nav === 'clusters'));
  }
  const me = await whoami();
  const page = routes[name]({ params, mayChange: !!me.MayChange });
  current = page;
  main.replaceChildren(page.root);
  await refresh();
}

/** Reads the API again for the current page; one refresh at a time, a request meanwhile runs once after. */
async function refresh() {
  if (refreshing) {
    pending = true;
    return refreshing;
  }
  const page = current;
  refreshing = (async () => {
    try {
      await page.refresh();
      document.body.dataset.rendered = String(Date.now());
    } catch (e) {
      page.root.replaceChildren(h('p', { class: 'error' }, 'Cannot show this page: ' + e.message));
    }
  })();
  await refreshing;
  refreshing = null;
  if (pending) {
    pending = false;
    await refresh();
  }
}

function live() {
  const status = document.getElementById('live');
  let last = null;
  const events = new EventSource('/web/events');
  events.onopen = () => {
    status.textContent = 'live';
    status.className = 'live on';
  };
  events.onmessage = (event) => {
    status.textContent = 'live';
    status.className = 'live on';
    if (event.data !== last) {
      const first = last === null;
      last = event.data;
      document.body.dataset.digest = event.data;
      if (!first && current) refresh();
    }
  };
  events.onerror = () => {
    status.textContent = 'reconnecting';
    status.className = 'live off';
  };
}

function theme() {
  const stored = localStorage.getItem('quorch-theme');
  if (stored === 'dark' || stored === 'light') document.documentElement.dataset.theme = stored;
  document.getElementById('theme').addEventListener('click', () => {
    const dark = document.documentElement.dataset.theme
      ? document.documentElement.dataset.theme === 'dark'
      : matchMedia('(prefers-color-scheme: dark)').matches;
    const next = dark ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    localStorage.setItem('quorch-theme', next);
  });
}

async function start() {
  theme();
  const me = await whoami();
  const who = document.getElementById('who');
  who.textContent = me.User ? `${me.User}${me.MayChange ? '' : ' (read-only)'}` : (me.MayChange ? '' : 'read-only');
  document.body.dataset.mayChange = String(!!me.MayChange);
  window.addEventListener('hashchange', show);
  live();
  await show();
}

start();
