// The raft group as the node serving this page sees it: members, the leader, health, and the
// leadership hand-over actions (which only the leader can run).
import { api } from './api.js';
import { actionBar } from './actions.js';
import { badge, fill, h, section, table } from './dom.js';

export function raftPage({ mayChange }) {
  const body = h('div');
  const root = h('div', { class: 'page raft' }, h('div', { class: 'page-head' }, h('h1', null, 'Raft')), body);

  async function refresh() {
    const [status, health] = await Promise.all([api('raft-status'), api('health').catch((e) => ({ Details: { Error: e.message } }))]);
    const d = (health && health.Details) || {};
    const peers = status.Peers || [];
    const healthy = new Set(status.HealthyMembers || []);
    const isLeader = status.State === 'Leader';
    const single = peers.length === 0;
    fill(body,
      section('This node', h('dl', { class: 'fields' },
        h('dt', null, 'Node'), h('dd', null, status.RaftAdvertise || d.Hostname || '(single node)'),
        h('dt', null, 'State'), h('dd', { 'data-field': 'State' }, badge(status.State, isLeader ? 'good' : '')),
        h('dt', null, 'Healthy'), h('dd', null, status.Healthy ? badge('healthy', 'good') : badge('unhealthy', 'bad')),
        h('dt', null, 'Leader'), h('dd', { 'data-field': 'Leader' }, status.Leader || '(none)'),
        h('dt', null, 'Leader API'), h('dd', null, status.LeaderURI || ''),
        h('dt', null, 'Term'), h('dd', { 'data-field': 'Term' }, status.Term !== undefined ? String(status.Term) : ''),
        h('dt', null, 'Applied index'), h('dd', null, status.AppliedIndex !== undefined
          ? `${status.AppliedIndex} (committed ${status.CommitIndex})` : ''),
        h('dt', null, 'Backend'), h('dd', null, d.BackendDescription || d.Backend || ''),
        h('dt', null, 'Version'), h('dd', null, d.Version || ''),
        h('dt', null, 'Up for'), h('dd', null, d.UptimeSeconds !== undefined ? `${d.UptimeSeconds}s` : ''))),
      section('Members', single ? h('p', { class: 'muted' }, 'Single-node mode: this node always leads.')
        : table(['Member', 'Role', isLeader ? 'Heard by the leader' : 'Health', 'Entries behind', 'Last contact'],
          peers.map((p) => {
            const f = (status.Followers || []).find((x) => x.Member === p);
            return [p, p === status.Leader ? badge('leader', 'good') : 'follower',
              isLeader ? (healthy.has(p) ? badge('yes', 'good') : badge('no', 'bad')) : (p === status.Leader ? 'leading' : ''),
              f ? String(f.LagEntries) : '',
              f && f.LastContactMillis !== null && f.LastContactMillis !== undefined ? `${f.LastContactMillis} ms ago` : ''];
          }))),
      !single && !isLeader ? h('p', { class: 'muted' }, 'Leadership can be handed over from the leader\'s own page'
        + (status.LeaderURI ? ` (${status.LeaderURI})` : '') + '.') : null,
      !single && isLeader ? actionBar([
        {
          id: 'raft-yield', label: 'Yield leadership', danger: true,
          text: 'This node hands leadership to another member; recoveries pause for the election (well under a second).',
          path: () => 'raft-yield',
        },
        {
          id: 'raft-yield-hint', label: 'Yield to…', danger: true,
          text: 'This node hands leadership to the chosen member.',
          fields: [{ name: 'to', label: 'member', options: peers.filter((p) => p !== status.RaftAdvertise), value: '' }],
          path: (v) => `raft-yield-hint/${encodeURIComponent(v.to)}`,
        },
      ], mayChange) : null);
  }

  return { root, refresh };
}
