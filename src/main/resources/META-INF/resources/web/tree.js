// A cluster drawn as a tree: the primary at the root, intermediate primaries and replicas below.
// Co-primaries (servers replicating from each other) are drawn side by side as roots; a server
// whose last check failed is drawn as unreachable.
import { age, badge, h, instanceLink, keyText } from './dom.js';

/** The instances as a forest: [{instance, children, coMaster}], roots first. */
export function buildTree(instances) {
  const byKey = new Map(instances.map((i) => [keyText(i.Key), i]));
  const children = new Map();
  const roots = [];
  for (const i of instances) {
    const master = keyText(i.MasterKey);
    if (master && byKey.has(master) && master !== keyText(i.Key)) {
      if (!children.has(master)) children.set(master, []);
      children.get(master).push(i);
    } else {
      roots.push(i);
    }
  }
  const seen = new Set();
  const node = (i, coMaster = false) => {
    const k = keyText(i.Key);
    seen.add(k);
    const kids = (children.get(k) || []).filter((c) => !seen.has(keyText(c.Key)))
      .sort((a, b) => keyText(a.Key).localeCompare(keyText(b.Key)));
    return { instance: i, coMaster, children: kids.map((c) => node(c)) };
  };
  const forest = roots.sort((a, b) => (a.ReplicationDepth - b.ReplicationDepth) || keyText(a.Key).localeCompare(keyText(b.Key)))
    .map((r) => node(r));
  // servers in a replication ring (co-primaries) have a known source each, so none was a root
  for (const i of instances) {
    if (!seen.has(keyText(i.Key))) forest.push(node(i, true));
  }
  return forest;
}

/** The keys of every server below this one. */
export function descendants(forest, key) {
  const out = new Set();
  const walk = (n, inside) => {
    const here = keyText(n.instance.Key) === key;
    if (inside) out.add(keyText(n.instance.Key));
    n.children.forEach((c) => walk(c, inside || here));
  };
  forest.forEach((n) => walk(n, false));
  return out;
}

function threads(i) {
  if (!keyText(i.MasterKey)) return null;
  const io = i.ReplicationIOThreadRuning;
  const sql = i.ReplicationSQLThreadRuning;
  return badge(`IO ${io ? 'on' : 'off'} · SQL ${sql ? 'on' : 'off'}`, io && sql ? 'good' : 'bad');
}

function lag(i) {
  if (!keyText(i.MasterKey)) return null;
  const l = i.ReplicationLagSeconds;
  if (!l || !l.Valid) return badge('lag ?', 'warn');
  return badge(`lag ${l.Int64}s`, l.Int64 > 10 ? 'warn' : '');
}

function gtid(i) {
  if (i.UsingMariaDBGTID) return 'MariaDB GTID';
  if (i.UsingOracleGTID) return 'GTID';
  if (i.GTIDMode && i.GTIDMode !== 'OFF') return `gtid_mode ${i.GTIDMode}`;
  return keyText(i.MasterKey) ? 'binlog position' : '';
}

/** One server's box: the fields an operator scans for, and its problems. */
export function instanceBox(i, { problems = [], coMaster = false, isRoot = false } = {}) {
  const down = !i.IsLastCheckValid;
  const cls = ['box', down ? 'down' : '', coMaster ? 'co-master' : '', problems.length ? 'problem' : '',
    i.IsDowntimed ? 'downtimed' : '', isRoot ? 'root' : ''].filter(Boolean).join(' ');
  const seen = i.SecondsSinceLastSeen && i.SecondsSinceLastSeen.Valid ? i.SecondsSinceLastSeen.Int64 : null;
  return h('div', { class: cls, 'data-key': keyText(i.Key), 'data-master': keyText(i.MasterKey), tabindex: '0' },
    h('div', { class: 'box-head' }, instanceLink(i.Key),
      down ? badge('unreachable', 'bad') : null,
      coMaster ? badge('co-master', 'warn') : null),
    h('div', { class: 'box-line' }, i.Version || '?', ' ', badge(i.ReadOnly ? 'read-only' : 'writable', i.ReadOnly ? '' : 'rw')),
    h('div', { class: 'box-line' }, threads(i), ' ', lag(i), ' ', gtid(i)),
    h('div', { class: 'box-line muted' },
      i.DataCenter ? `dc ${i.DataCenter} · ` : '',
      i.PromotionRule && i.PromotionRule !== 'neutral' ? `${i.PromotionRule} · ` : '',
      `checked ${seen === null ? '?' : age(seen)} ago`),
    i.IsDowntimed ? h('div', { class: 'box-line' }, badge('downtimed', 'warn'), ' ', i.DowntimeOwner || '', ': ', i.DowntimeReason || '') : null,
    i.InMaintenance ? h('div', { class: 'box-line' }, badge('maintenance', 'warn'), ' ', i.MaintenanceReason || '') : null,
    i.LastIOError ? h('div', { class: 'box-line error' }, i.LastIOError) : null,
    i.LastSQLError ? h('div', { class: 'box-line error' }, i.LastSQLError) : null,
    problems.length || (i.Problems || []).length
      ? h('div', { class: 'box-line' }, problems.map((a) => badge(a.Analysis, 'bad')), (i.Problems || []).map((p) => badge(p, 'warn')))
      : null);
}

/** The forest drawn as nested lists of boxes. */
export function drawTree(forest, problemsOf) {
  const draw = (n, isRoot) => h('li', null,
    instanceBox(n.instance, { problems: problemsOf(keyText(n.instance.Key)), coMaster: n.coMaster, isRoot }),
    n.children.length ? h('ul', null, n.children.map((c) => draw(c, false))) : null);
  return h('ul', { class: 'tree' }, forest.map((n) => draw(n, true)));
}
