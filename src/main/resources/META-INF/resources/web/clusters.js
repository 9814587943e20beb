// Every cluster at a glance: alias, primary, size, current problems, last recovery; a text filter.
import { api, details } from './api.js';
import { actionBar } from './actions.js';
import { badge, fill, h, instanceLink, keyText, link, section, table, when } from './dom.js';

export function clustersPage({ mayChange }) {
  let filter = '';
  const input = h('input', { type: 'search', placeholder: 'filter by name, alias, host, problem', class: 'filter',
    'aria-label': 'filter clusters' });
  const body = h('div', { class: 'clusters-body' });
  const global = h('div', { class: 'global' });
  let lastRows = [];
  input.addEventListener('input', () => {
    filter = input.value.trim().toLowerCase();
    draw(lastRows);
  });
  const root = h('div', { class: 'page clusters' },
    h('div', { class: 'page-head' }, h('h1', null, 'Clusters'), input), global, body);

  function draw(rows) {
    lastRows = rows;
    const shown = rows.filter((r) => !filter || r.text.toLowerCase().includes(filter));
    fill(body, rows.length === 0
      ? h('p', { class: 'muted' }, 'No clusters known yet: discover any one server and quorch crawls the rest.')
      : table(['Cluster', 'Alias', 'Primary', 'Instances', 'Problems', 'Last recovery', 'Auto-recovery'],
        shown.map((r) => ({ attrs: { class: r.problems.length ? 'has-problems' : '', 'data-cluster': r.name }, cells: r.cells })),
        'clusters-table'),
    h('p', { class: 'muted count' }, `${shown.length} of ${rows.length} clusters`));
  }

  async function refresh() {
    const [infos, masters, analysis, recoveries, recoveriesState] = await Promise.all([
      api('clusters-info'), api('masters'), details('replication-analysis'), api('audit-recovery'),
      details('check-global-recoveries')]);
    const primaryOf = new Map(masters.map((m) => [m.ClusterName, m]));
    const rows = infos.map((c) => {
      const problems = (analysis || []).filter((a) => a.ClusterDetails && a.ClusterDetails.ClusterName === c.ClusterName);
      const last = (recoveries || []).find((r) => r.ClusterName === c.ClusterName);
      const primary = primaryOf.get(c.ClusterName);
      const cells = [
        link(c.ClusterName, 'cluster', c.ClusterName),
        c.ClusterAlias && c.ClusterAlias !== c.ClusterName ? c.ClusterAlias : '',
        primary ? instanceLink(primary.Key) : badge('no primary', 'bad'),
        String(c.CountInstances),
        problems.length ? problems.map((a) => badge(`${a.Analysis} ${keyText(a.AnalyzedInstanceKey)}`, 'bad')) : badge('ok', 'good'),
        last ? [badge(last.IsActive ? 'running' : last.IsSuccessful ? 'recovered' : 'failed', last.IsSuccessful ? 'good' : 'bad'),
          ` ${last.Analysis} ${when(last.RecoveryStartTimestamp)}`,
          last.SuccessorKey ? [' → ', instanceLink(last.SuccessorKey)] : ''] : '',
        c.HasAutomatedMasterRecovery ? 'yes' : 'no',
      ];
      const text = [c.ClusterName, c.ClusterAlias, keyText(primary && primary.Key), ...problems.map((a) => a.Analysis)].join(' ');
      return { name: c.ClusterName, problems, cells, text };
    });
    const disabled = recoveriesState === 'disabled';
    fill(global, h('p', null, 'Automated recoveries: ', disabled ? badge('disabled', 'bad') : badge('enabled', 'good')),
      actionBar([
        {
          id: 'discover', label: 'Discover a server',
          text: 'quorch probes the server and crawls its whole cluster (up to its primary, down to its replicas).',
          fields: [{ name: 'host', label: 'host', placeholder: 'db1.example.com' }, { name: 'port', label: 'port', value: '3306' }],
          path: (v) => `discover/${encodeURIComponent(v.host)}/${encodeURIComponent(v.port)}`,
        },
        disabled ? {
          id: 'enable-global-recoveries', label: 'Enable automated recoveries',
          text: 'quorch will again recover failures automatically in the clusters its filters select, on every node.',
          path: () => 'enable-global-recoveries',
        } : {
          id: 'disable-global-recoveries', label: 'Disable automated recoveries', danger: true,
          text: 'quorch will detect failures but recover none automatically until recoveries are enabled again.',
          path: () => 'disable-global-recoveries',
        },
      ], mayChange));
    draw(rows);
  }

  return { root, refresh };
}

/** A section listing a cluster's problems (used by the cluster page). */
export function problemList(problems) {
  if (!problems.length) return null;
  return section('Problems', h('ul', { class: 'problems' }, problems.map((a) =>
    h('li', null, badge(a.Analysis, 'bad'), ' ', instanceLink(a.AnalyzedInstanceKey), ' ', a.Description || ''))));
}
