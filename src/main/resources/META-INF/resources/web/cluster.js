// One cluster: its tree, its problems, its actions; drag a server onto another to move it there
// (quorch is asked whether it can replicate from that server first, and a refusal says why).
import { api, details, ApiError } from './api.js';
import { actionBar, confirmAction, toast } from './actions.js';
import { badge, fill, h, instanceLink, keyText, link, section, when } from './dom.js';
import { buildTree, descendants, drawTree } from './tree.js';
import { problemList } from './clusters.js';

function keyParts(text) {
  const at = text.lastIndexOf(':');
  return { Hostname: text.slice(0, at), Port: Number(text.slice(at + 1)) };
}

function pathOf(text) {
  const k = keyParts(text);
  return `${encodeURIComponent(k.Hostname)}/${encodeURIComponent(k.Port)}`;
}

/** The last recoveries that involved this cluster (under its name then, or of its servers now). */
function recent(recoveries, instances, clusterName) {
  const members = new Set(instances.map((i) => keyText(i.Key)));
  const mine = recoveries.filter((r) => r.ClusterName === clusterName || members.has(keyText(r.SuccessorKey))
    || members.has(keyText(r.FailedKey))).slice(0, 3);
  if (!mine.length) return null;
  return section('Recent recoveries', h('ul', { class: 'recoveries' }, mine.map((r) => h('li', { 'data-recovery': String(r.Id) },
    badge(r.IsActive ? 'running' : r.IsSuccessful ? 'recovered' : 'failed', r.IsSuccessful ? 'good' : 'bad'), ' ',
    r.Analysis, ' on ', instanceLink(r.FailedKey), r.SuccessorKey ? [': promoted ', instanceLink(r.SuccessorKey)] : '',
    (r.LostReplicas || []).length ? [', lost ', r.LostReplicas.map((k) => [instanceLink(k), ' '])] : '',
    ' ', h('span', { class: 'muted' }, when(r.RecoveryStartTimestamp)),
    r.Acknowledged ? '' : [' ', link('acknowledge…', 'problems')]))));
}

export function clusterPage({ params, mayChange }) {
  let hint = params[0] || '';
  /** A replica seen on the last drawing: it survives a failover, and its cluster is this one's successor. */
  let anchor = null;
  const title = h('h1', null, 'Cluster ', hint);
  const body = h('div', { class: 'cluster-body' });
  const notice = h('div', { class: 'notice', role: 'status', 'aria-live': 'polite' });
  const root = h('div', { class: 'page cluster' }, h('div', { class: 'page-head' }, title, link('all clusters', '')),
    notice, body);
  let forest = [];
  let clusterName = hint;

  async function drop(source, target) {
    if (source === target) return;
    const refuse = (reason) => {
      fill(notice, badge('refused', 'bad'), ` ${source} cannot move below ${target}: `, h('span', { class: 'reason' }, reason));
      notice.className = 'notice error';
      toast(`${source} cannot move below ${target}: ${reason}`, 'error');
    };
    if (descendants(forest, source).has(target)) {
      // the server's own wording for this refusal (relocate refuses the same before changing anything)
      refuse(`relocate: ${target} is a descendant of ${source}`);
      return;
    }
    fill(notice, `Asking quorch whether ${source} can replicate from ${target}…`);
    notice.className = 'notice';
    try {
      await api(`can-replicate-from/${pathOf(source)}/${pathOf(target)}`);
    } catch (e) {
      refuse(e instanceof ApiError ? e.message : String(e));
      return;
    }
    fill(notice);
    const answer = await confirmAction({
      id: 'relocate', label: `Move ${source} below ${target}`,
      text: `${source} will stop replicating from its current source and replicate from ${target} `
        + '(by GTID where both use it, else by binlog position), with orchestrator\'s relocate rules.',
      path: () => `relocate/${pathOf(source)}/${pathOf(target)}`,
    });
    if (answer) toast(answer.Message || 'moved', 'ok');
  }

  function enableDrag(container) {
    if (!mayChange) return;
    for (const box of container.querySelectorAll('.box')) {
      box.draggable = true;
      box.addEventListener('dragstart', (e) => {
        e.dataTransfer.setData('application/x-quorch-instance', box.dataset.key);
        e.dataTransfer.setData('text/plain', box.dataset.key);
        e.dataTransfer.effectAllowed = 'move';
        box.classList.add('dragging');
      });
      box.addEventListener('dragend', () => box.classList.remove('dragging'));
      box.addEventListener('dragover', (e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        box.classList.add('drop-target');
      });
      box.addEventListener('dragleave', () => box.classList.remove('drop-target'));
      box.addEventListener('drop', (e) => {
        e.preventDefault();
        box.classList.remove('drop-target');
        const source = e.dataTransfer.getData('application/x-quorch-instance') || e.dataTransfer.getData('text/plain');
        if (source) drop(source, box.dataset.key);
      });
    }
  }

  async function follow() {
    if (!anchor) return;
    try {
      const seen = await api(`instance/${pathOf(anchor)}`);
      if (seen.ClusterName && seen.ClusterName !== hint) {
        // a failover renamed the cluster (its name is its primary's key): follow it
        hint = seen.ClusterName;
        history.replaceState(null, '', `#/cluster/${encodeURIComponent(hint)}`);
      }
    } catch {
      // forgotten: keep the hint
    }
  }

  async function refresh() {
    await follow();
    let instances;
    try {
      instances = await api(`cluster/${encodeURIComponent(hint)}`);
    } catch (e) {
      fill(body, h('p', { class: 'error' }, e.message),
        h('p', null, 'The cluster may have a new name after a failover: ', link('see all clusters', '')));
      return;
    }
    const [info, analysis, recoveries] = await Promise.all([
      api(`cluster-info/${encodeURIComponent(hint)}`).catch(() => null),
      details(`replication-analysis/${encodeURIComponent(hint)}`).catch(() => []),
      api('audit-recovery').catch(() => [])]);
    clusterName = info ? info.ClusterName : hint;
    fill(title, 'Cluster ', info && info.ClusterAlias && info.ClusterAlias !== info.ClusterName
      ? [h('span', { class: 'alias' }, info.ClusterAlias), ' ', h('span', { class: 'muted' }, info.ClusterName)] : clusterName);
    forest = buildTree(instances);
    const member = instances.find((i) => keyText(i.MasterKey) && i.IsLastCheckValid);
    anchor = member ? keyText(member.Key) : anchor;
    const problemsOf = (k) => (analysis || []).filter((a) => keyText(a.AnalyzedInstanceKey) === k);
    const tree = drawTree(forest, problemsOf);
    enableDrag(tree);
    const primary = forest.length ? keyText(forest[0].instance.Key) : '';
    const replicas = forest.length ? forest[0].children.map((c) => keyText(c.instance.Key)) : [];
    fill(body,
      problemList(analysis || []),
      recent(recoveries || [], instances, clusterName),
      section('Topology', mayChange ? h('p', { class: 'muted hint' }, 'Drag a server onto another to make it replicate from it.') : null, tree),
      actionBar([
        {
          id: 'set-cluster-alias', label: 'Set alias',
          text: `Give cluster ${clusterName} a name people use; it wins over the detected alias, on every node.`,
          fields: [{ name: 'alias', label: 'alias', value: info ? info.ClusterAlias : '' }],
          path: (v) => `set-cluster-alias/${encodeURIComponent(clusterName)}?alias=${encodeURIComponent(v.alias)}`,
        },
        primary && replicas.length ? {
          id: 'graceful-master-takeover', label: 'Graceful takeover',
          text: `Planned promotion: ${primary} is set read-only, the chosen direct replica catches up and becomes the `
            + 'primary, its siblings move under it and the old primary replicates from it.',
          fields: [{ name: 'to', label: 'new primary', options: replicas, value: replicas[0] }],
          path: (v) => `graceful-master-takeover/${encodeURIComponent(clusterName)}/${pathOf(v.to)}`, danger: true,
        } : null,
        primary ? {
          id: 'force-master-failover', label: 'Force failover',
          text: `${primary} is fenced with read_only and failed over as if it had died: a replica is promoted now.`,
          path: () => `force-master-failover/${encodeURIComponent(clusterName)}`, danger: true,
        } : null,
        {
          id: 'forget-cluster', label: 'Forget cluster',
          text: `Every server of ${clusterName} is forgotten on every node (they return if discovered again).`,
          path: () => `forget-cluster/${encodeURIComponent(clusterName)}`, danger: true,
        },
      ], mayChange));
  }

  return { root, refresh };
}
