// Building the page: every string goes in as text (never parsed as markup), every link is a
// page of this UI. Server- and user-controlled strings (host names, aliases, reasons, errors) can
// therefore never become elements or scripts.

/** An element with attributes, event handlers (onclick: fn) and children (nodes or text). */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'href' && !String(v).startsWith('#/')) throw new Error('only links within the UI: ' + v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  add(el, children);
  return el;
}

function add(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** A link to a page of this UI; parts are encoded. */
export function link(text, ...parts) {
  return h('a', { href: '#/' + parts.map((p) => encodeURIComponent(String(p))).join('/') }, text);
}

/** "host:port" of an orchestrator key ({Hostname, Port}). */
export function keyText(k) {
  if (!k) return '';
  const host = k.Hostname ?? k.hostname ?? '';
  const port = k.Port ?? k.port ?? 0;
  return host ? `${host}:${port}` : '';
}

/** The API path of a key: "host/port", encoded. */
export function keyPath(k) {
  return `${encodeURIComponent(k.Hostname)}/${encodeURIComponent(k.Port)}`;
}

/** A link to an instance's page. */
export function instanceLink(k, text) {
  return link(text ?? keyText(k), 'instance', k.Hostname, k.Port);
}

/** A small label. */
export function badge(text, kind = '') {
  return h('span', { class: `badge ${kind}` }, text);
}

/** Seconds as "12s", "3m", "2h", "4d". */
export function age(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86400)}d`;
}

/** A timestamp ("2026-12-01T21:00:00Z" or orchestrator's zero time) for people; "" when none. */
export function when(ts) {
  if (!ts || String(ts).startsWith('0001-')) return '';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return String(ts);
  return `${d.toLocaleString()} (${age((Date.now() - d.getTime()) / 1000)} ago)`;
}

/** Any JSON value as readable text. */
export function valueText(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('Hostname' in v && 'Port' in v && Object.keys(v).length === 2) return keyText(v);
    if ('Int64' in v && 'Valid' in v) return v.Valid ? String(v.Int64) : 'null';
    return JSON.stringify(v);
  }
  return String(v);
}

/** A table with a header row; rows are arrays of cells (nodes or text). */
export function table(headers, rows, cls = '') {
  return h('table', { class: cls },
    h('thead', null, h('tr', null, headers.map((x) => h('th', null, x)))),
    h('tbody', null, rows.map((r) => h('tr', r.attrs || null, (r.cells || r).map((c) => h('td', null, c))))));
}

/** A section with a heading. */
export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', null, title), ...children);
}

/** Replaces an element's children (nodes, text, nested arrays; null and false are skipped). */
export function fill(el, ...children) {
  el.replaceChildren();
  add(el, children);
  return el;
}
