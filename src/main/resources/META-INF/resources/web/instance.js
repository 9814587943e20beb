// One server: every field of its instance JSON in readable groups, its problems, recent audit
// entries and recoveries, and the actions that apply to it.
import { api, details } from './api.js';
import { actionBar } from './actions.js';
import { badge, fill, h, instanceLink, keyPath, keyText, link, section, table, valueText, when } from './dom.js';

const GROUPS = [
  ['Server', /^(Key|InstanceAlias|ServerID|ServerUUID|Version|VersionComment|FlavorName|Uptime|DataCenter|Region|PhysicalEnvironment|ClusterName|SuggestedClusterAlias|ReplicationDepth|ReadOnly|SuperReadOnly|AllowTLS|UnresolvedHostname)$/],
  ['Replication', /^(MasterKey|MasterUUID|IsDetachedMaster|IsDetached|Slave_|Replication|HasReplicationFilters|SecondsBehindMaster|SlaveLagSeconds|SQLDelay|LastSQLError|LastIOError|ReadBinlog|ExecBinlog|Relaylog|Replicas|SlaveHosts|IsCoMaster)/],
  ['Binary logs', /^(LogBin|LogSlaveUpdates|LogReplicationUpdates|Binlog|SelfBinlog)/],
  ['GTID', /(GTID|Gtid)/],
  ['Semi-sync', /^SemiSync/],
  ['Health', /^(LastSeen|LastChecked|IsLastCheckValid|IsUpToDate|IsRecentlyChecked|SecondsSinceLastSeen|ConsecutiveFailedChecks|LastCheckError|LastDiscoveryLatency|Problems|CountMySQLSnapshots)/],
  ['Intents', /^(IsDowntimed|Downtime|PromotionRule|IsCandidate|InMaintenance|Maintenance)/],
];

function grouped(instance) {
  const groups = GROUPS.map(([name]) => [name, []]);
  const other = [];
  for (const [field, value] of Object.entries(instance)) {
    const g = GROUPS.findIndex(([, re]) => re.test(field));
    (g < 0 ? other : groups[g][1]).push([field, value]);
  }
  if (other.length) groups.push(['Other', other]);
  return groups.filter(([, fields]) => fields.length);
}

function fieldsTable(fields) {
  return h('dl', { class: 'fields' }, fields.map(([k, v]) => [h('dt', null, k), h('dd', { 'data-field': k }, valueText(v))]));
}

function actionsFor(i, key, path, primaryOfCluster, mayChange) {
  const isReplica = !!keyText(i.MasterKey);
  const directReplica = isReplica && primaryOfCluster && keyText(i.MasterKey) === primaryOfCluster;
  return actionBar([
    i.IsDowntimed ? {
      id: 'end-downtime', label: 'End downtime', text: `${key} may be recovered automatically again.`,
      path: () => `end-downtime/${path}`,
    } : {
      id: 'begin-downtime', label: 'Begin downtime',
      text: `${key} is not recovered automatically while downtimed (on every node); its problems are still shown.`,
      fields: [{ name: 'owner', label: 'owner', value: 'web' }, { name: 'reason', label: 'reason', placeholder: 'why' },
        { name: 'duration', label: 'duration', value: '1h' }],
      path: (v) => `begin-downtime/${path}/${encodeURIComponent(v.owner)}/${encodeURIComponent(v.reason)}/${encodeURIComponent(v.duration)}`,
    },
    i.InMaintenance ? {
      id: 'end-maintenance', label: 'End maintenance', text: `${key} may be moved and changed by quorch again.`,
      path: () => `end-maintenance/${path}`,
    } : {
      id: 'begin-maintenance', label: 'Begin maintenance',
      text: `quorch refuses topology changes that touch ${key} while the mark lasts (on every node).`,
      fields: [{ name: 'owner', label: 'owner', value: 'web' }, { name: 'reason', label: 'reason', placeholder: 'why' },
        { name: 'duration', label: 'duration', value: '10m' }],
      path: (v) => `begin-maintenance/${path}/${encodeURIComponent(v.owner)}/${encodeURIComponent(v.reason)}/${encodeURIComponent(v.duration)}`,
    },
    {
      id: 'register-candidate', label: 'Promotion rule',
      text: `How willingly quorch promotes ${key} in a failover (for CandidateInstanceExpireMinutes).`,
      fields: [{ name: 'rule', label: 'rule', options: ['prefer', 'neutral', 'prefer_not', 'must_not'], value: i.PromotionRule || 'neutral' }],
      path: (v) => `register-candidate/${path}/${encodeURIComponent(v.rule)}`,
    },
    directReplica ? {
      id: 'graceful-master-takeover', label: 'Promote (graceful takeover)', danger: true,
      text: `Planned promotion of ${key}: its primary ${primaryOfCluster} is set read-only, ${key} catches up and becomes `
        + 'the primary, its siblings move under it and the old primary replicates from it.',
      path: () => `graceful-master-takeover/${encodeURIComponent(i.ClusterName)}/${path}`,
    } : null,
    {
      id: 'recover', label: 'Recover', danger: true,
      text: `Run the recovery for ${key}'s current failure now, bypassing cluster filters, the block period and downtime `
        + '(refused when it has no failure to recover).',
      path: () => `recover/${path}`,
    },
    !isReplica ? {
      id: 'force-master-failover', label: 'Force failover', danger: true,
      text: `${key} is fenced with read_only and failed over as if it had died: a replica is promoted now.`,
      path: () => `force-master-failover/${path}`,
    } : null,
    isReplica ? {
      id: i.ReplicationIOThreadRuning && i.ReplicationSQLThreadRuning ? 'stop-replica' : 'start-replica',
      label: i.ReplicationIOThreadRuning && i.ReplicationSQLThreadRuning ? 'Stop replication' : 'Start replication',
      text: i.ReplicationIOThreadRuning && i.ReplicationSQLThreadRuning ? `STOP SLAVE on ${key}.` : `START SLAVE on ${key}.`,
      path: () => (i.ReplicationIOThreadRuning && i.ReplicationSQLThreadRuning ? 'stop-replica/' : 'start-replica/') + path,
      danger: i.ReplicationIOThreadRuning && i.ReplicationSQLThreadRuning,
    } : null,
    {
      id: 'refresh', label: 'Probe now', text: `quorch probes ${key} now instead of at its next poll.`,
      path: () => `refresh/${path}`,
    },
    {
      id: 'forget', label: 'Forget', danger: true,
      text: `${key} is forgotten on every node (crawling does not find it again for a while; discover brings it back).`,
      path: () => `forget/${path}`,
    },
  ], mayChange);
}

export function instancePage({ params, mayChange }) {
  const host = params[0] || '';
  const port = params[1] || '';
  const key = `${host}:${port}`;
  const body = h('div', { class: 'instance-body' });
  const root = h('div', { class: 'page instance' }, h('div', { class: 'page-head' }, h('h1', null, key)), body);

  async function refresh() {
    const path = `${encodeURIComponent(host)}/${encodeURIComponent(port)}`;
    let i;
    try {
      i = await api(`instance/${path}`);
    } catch (e) {
      fill(body, h('p', { class: 'error' }, e.message));
      return;
    }
    const [analysis, audit, recoveries, master] = await Promise.all([
      details(`replication-analysis/instance/${path}`).catch(() => []),
      api('audit').catch(() => []),
      api(`audit-recovery/cluster/${encodeURIComponent(i.ClusterName)}`).catch(() => []),
      api(`master/${encodeURIComponent(i.ClusterName)}`).catch(() => null)]);
    const mine = (audit || []).filter((e) => keyText(e.key || e.Key) === key).slice(0, 20);
    const related = (recoveries || []).filter((r) => keyText(r.FailedKey) === key || keyText(r.SuccessorKey) === key
      || (r.LostReplicas || []).some((k) => keyText(k) === key)).slice(0, 20);
    fill(body,
      h('p', null, 'Cluster ', link(i.ClusterName, 'cluster', i.ClusterName),
        keyText(i.MasterKey) ? [' · replicates from ', instanceLink(i.MasterKey)] : ' · primary',
        i.IsLastCheckValid ? null : [' ', badge('unreachable', 'bad')]),
      actionsFor(i, key, keyPath(i.Key), master ? keyText(master.Key) : '', mayChange),
      (analysis || []).length ? section('Problems', h('ul', null, analysis.map((a) =>
        h('li', null, badge(a.Analysis, 'bad'), ' ', a.Description || '')))) : null,
      h('div', { class: 'groups' }, grouped(i).map(([name, fields]) => section(name, fieldsTable(fields)))),
      section('Recoveries', related.length ? table(['Id', 'Analysis', 'Failed', 'Successor', 'Started', 'Outcome'],
        related.map((r) => [String(r.Id), r.Analysis, instanceLink(r.FailedKey), r.SuccessorKey ? instanceLink(r.SuccessorKey) : '',
          when(r.RecoveryStartTimestamp), r.IsActive ? 'running' : r.IsSuccessful ? 'recovered' : 'failed'])) : h('p', { class: 'muted' }, 'none')),
      section('Audit', mine.length ? table(['When', 'What', 'Message'],
        mine.map((e) => [when(e.at || e.AuditTimestamp), e.type || e.AuditType || '', e.message || e.Message || ''])) : h('p', { class: 'muted' }, 'none on this node')));
  }

  return { root, refresh };
}
