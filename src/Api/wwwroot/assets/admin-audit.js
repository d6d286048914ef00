// The console's Audit tab: logins, what users did to their accounts and what admins (and the directory sync) did,
// newest first; an admin event shows who acted, on what, and what changed (before → after).
import { h } from './dom.js';
import { call } from './api.js';
import { t, formatTime } from './i18n.js';
import { latestOnly, problemText, pager, field } from './admin-parts.js';

// The outcomes the filter takes (the API refuses any other), by kind.
const Outcomes = {
  login: ['Issued', 'Failed', 'Locked', 'Expired', 'RecoveryDone', 'RecoveryFailed', 'RecoveryLocked', 'RecoveryExpired'],
  account: ['Revoked', 'DeviceForgotten', 'ContactChanged'],
  admin: ['UserCreated', 'UserUpdated', 'UserUnlocked', 'PasswordReset', 'OtpReset', 'ContactSet', 'RecoverySent', 'SettingChanged',
    'ClientCreated', 'ClientUpdated', 'ClientSecretRotated', 'ClientDeleted', 'ApiKeyCreated', 'ApiKeyRevoked', 'DirectorySyncStarted', 'DirectorySynced'],
};

export async function auditTab() {
  const results = h('div');
  const kind = h('select', { id: 'audit-kind' }, h('option', { value: '' }, t('admin.allKinds')),
    Object.keys(Outcomes).map(k => h('option', { value: k }, t(`admin.kind.${k}`))));
  const userId = h('input', { id: 'audit-user', type: 'text' });
  const actor = h('input', { id: 'audit-actor', type: 'text' });
  const outcome = h('select', { id: 'audit-outcome' }, h('option', { value: '' }, t('admin.allOutcomes')),
    Object.entries(Outcomes).map(([k, names]) => h('optgroup', { label: t(`admin.kind.${k}`) }, names.map(o => h('option', { value: o }, o)))));
  const from = h('input', { id: 'audit-from', type: 'datetime-local' });
  const to = h('input', { id: 'audit-to', type: 'datetime-local' });
  const load = latestOnly(async (page = 1) => {
    const query = new URLSearchParams({ page });
    for (const [name, input] of [['kind', kind], ['userId', userId], ['actor', actor], ['outcome', outcome]])
      if (input.value.trim()) query.set(name, input.value.trim());
    if (from.value) query.set('from', new Date(from.value).toISOString());
    if (to.value) query.set('to', new Date(to.value).toISOString());
    return [page, await call('GET', `/api/v1/admin/audit?${query}`)];
  }, ([page, answer]) =>
    results.replaceChildren(answer.ok ? auditTable(answer.body, load, page) : h('p', { class: 'message error', role: 'alert' }, problemText(answer.body))));
  const filter = h('form', { class: 'row', role: 'search' }, field(kind, t('admin.kind')), field(userId, t('admin.userId')),
    field(actor, t('admin.actor')), field(outcome, t('admin.outcome')), field(from, t('admin.from')), field(to, t('admin.to')),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, t('admin.filter'))));
  filter.addEventListener('submit', event => { event.preventDefault(); load(); });
  await load();
  return h('section', { class: 'panel' }, h('h2', {}, t('admin.audit')), filter, results);
}

function auditTable(page, load, number) {
  const header = ['admin.time', 'admin.kind', 'admin.actor', 'admin.userId', 'admin.outcome', 'admin.target', 'admin.changes', 'admin.factors', 'admin.reason', 'admin.ip'];
  return h('div', {},
    h('table', { id: 'audit-table' }, h('thead', {}, h('tr', {}, header.map(c => h('th', { scope: 'col' }, t(c))))),
      h('tbody', {}, page.items.map(r => h('tr', { 'data-flow': r.flowId, 'data-outcome': r.outcome, 'data-kind': r.kind },
        h('td', {}, `${new Date(r.at).toLocaleDateString()} ${formatTime(r.at)}`), h('td', {}, t(`admin.kind.${r.kind}`)),
        h('td', {}, r.actor ?? ''), h('td', {}, r.userId ?? ''), h('td', {}, r.outcome),
        h('td', {}, r.target ? `${r.target.type} ${r.target.id}` : ''), h('td', { class: 'changes' }, changes(r.before, r.after)),
        h('td', {}, [...r.factors, r.degraded ? t('admin.degraded') : null].filter(Boolean).join(', ')), h('td', {}, r.reason ?? ''),
        h('td', {}, r.clientIp ?? ''))))),
    pager(page, number, load));
}

// What an action changed: each member whose value differs, before → after; everything, for a thing created or removed.
function changes(before, after) {
  if (!before && !after) return null;
  const text = value => value === undefined || value === null ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const changed = before && after ? keys.filter(k => text(before[k]) !== text(after[k])) : keys;
  return h('ul', { class: 'plain' }, changed.map(k => h('li', { 'data-change': k },
    h('b', {}, k), ': ', before ? text(before[k]) : '', before && after ? ' → ' : '', after ? text(after[k]) : '')));
}
