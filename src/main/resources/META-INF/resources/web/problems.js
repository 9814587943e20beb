// Problems across every cluster, the recovery audit (steps, successor, lost replicas,
// acknowledgements) and the recoveries an earlier one blocks, with their acknowledge buttons.
import { api, details } from './api.js';
import { actionBar, actionButton } from './actions.js';
import { badge, fill, h, instanceLink, keyText, link, section, table, when } from './dom.js';

function ackSpec(id, what) {
  return {
    id: 'ack-recovery', label: 'Acknowledge',
    text: `Acknowledge recovery ${id}${what}: it no longer blocks another recovery of its cluster (on every node).`,
    fields: [{ name: 'comment', label: 'comment', placeholder: 'what was checked' }],
    path: (v) => `ack-recovery/${encodeURIComponent(id)}?comment=${encodeURIComponent(v.comment)}`,
  };
}

function steps(uid) {
  const list = h('ol', { class: 'steps' });
  const toggle = h('button', { type: 'button', class: 'ghost small' }, 'steps');
  toggle.addEventListener('click', async () => {
    if (list.childElementCount) {
      list.replaceChildren();
      return;
    }
    try {
      const s = await api(`audit-recovery-steps/${encodeURIComponent(uid)}`);
      list.replaceChildren(...(s || []).map((x) => h('li', null, h('span', { class: 'muted' }, when(x.AuditAt)), ' ', x.Message)));
    } catch (e) {
      list.replaceChildren(h('li', { class: 'error' }, e.message));
    }
  });
  return [toggle, list];
}

export function problemsPage({ mayChange }) {
  const body = h('div');
  const root = h('div', { class: 'page problems' }, h('div', { class: 'page-head' }, h('h1', null, 'Problems & recoveries')), body);

  async function refresh() {
    const [analysis, recoveries, blocked] = await Promise.all([
      details('replication-analysis'), api('audit-recovery'), api('blocked-recoveries')]);
    const unacked = (recoveries || []).filter((r) => !r.Acknowledged && !r.IsActive);
    fill(body,
      section('Current problems', (analysis || []).length
        ? table(['Problem', 'Server', 'Cluster', 'Description'], analysis.map((a) => ({
          attrs: { class: 'has-problems' },
          cells: [badge(a.Analysis, 'bad'), instanceLink(a.AnalyzedInstanceKey),
            link(a.ClusterDetails.ClusterAlias || a.ClusterDetails.ClusterName, 'cluster', a.ClusterDetails.ClusterName),
            a.Description || ''],
        })))
        : h('p', { class: 'muted' }, 'No problems.')),
      section('Blocked recoveries', (blocked || []).length
        ? table(['Server', 'Analysis', 'Blocked since', 'Blocked by', ''], blocked.map((b) => [
          instanceLink(b.FailedInstanceKey), b.Analysis, when(b.LastBlockedTimestamp), `recovery ${b.BlockingRecoveryId}`,
          actionButton(ackSpec(b.BlockingRecoveryId, ` (it blocks recovering ${keyText(b.FailedInstanceKey)})`), mayChange)]))
        : h('p', { class: 'muted' }, 'None.')),
      section('Recoveries', unacked.length > 1 ? actionBar([{
        id: 'ack-all-recoveries', label: `Acknowledge all ${unacked.length}`,
        text: 'Acknowledge every recovery not yet acknowledged: none of them blocks another recovery any more.',
        fields: [{ name: 'comment', label: 'comment', placeholder: 'what was checked' }],
        path: (v) => `ack-all-recoveries?comment=${encodeURIComponent(v.comment)}`,
      }], mayChange) : null,
      (recoveries || []).length
        ? table(['Id', 'Cluster', 'Analysis', 'Failed', 'Successor', 'Lost replicas', 'Started', 'Outcome', 'Acknowledged', ''],
          recoveries.slice(0, 100).map((r) => ({
            attrs: { 'data-recovery': String(r.Id) },
            cells: [String(r.Id), link(r.ClusterAlias || r.ClusterName, 'cluster', r.ClusterName), r.Analysis,
              instanceLink(r.FailedKey), r.SuccessorKey ? instanceLink(r.SuccessorKey) : '',
              (r.LostReplicas || []).map((k) => [instanceLink(k), ' ']),
              when(r.RecoveryStartTimestamp),
              [badge(r.IsActive ? 'running' : r.IsSuccessful ? 'recovered' : 'failed', r.IsSuccessful ? 'good' : 'bad'),
                (r.AllErrors || []).length ? h('div', { class: 'error' }, r.AllErrors.join('; ')) : null],
              r.Acknowledged ? `${r.AcknowledgedBy || ''} ${when(r.AcknowledgedAt)}: ${r.AcknowledgedComment || ''}`
                : actionButton(ackSpec(r.Id, ''), mayChange) || 'no',
              steps(r.UID)],
          })))
        : h('p', { class: 'muted' }, 'No recoveries yet.')));
  }

  return { root, refresh };
}
