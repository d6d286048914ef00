// The console's Limits tab: which addresses and accounts the rate limits refused in the last hour, by which limit,
// so an admin can tell a 9:00 rush (one address, attempts, maybe a known network to add) from guessing (failures).
import { h } from './dom.js';
import { call } from './api.js';
import { t, formatTime } from './i18n.js';
import { problemText } from './admin-parts.js';

export async function limitsTab() {
  const answer = await call('GET', '/api/v1/admin/rate-limits/refusals');
  const body = !answer.ok ? h('p', { class: 'message error', role: 'alert' }, problemText(answer.body))
    : answer.body.refusals.length === 0 ? h('p', { id: 'refusals-none' }, t('admin.noRefusals'))
      : refusalsTable(answer.body.refusals);
  return h('section', { class: 'panel' }, h('h2', {}, t('admin.limits')), h('p', {}, t('admin.limitsHint')), body);
}

function refusalsTable(refusals) {
  const header = ['admin.limit', 'admin.ip', 'admin.userId', 'admin.count', 'admin.lastRefused'];
  return h('table', { id: 'refusals-table' }, h('thead', {}, h('tr', {}, header.map(c => h('th', { scope: 'col' }, t(c))))),
    h('tbody', {}, refusals.map(r => h('tr', { 'data-limit': r.limit, 'data-ip': r.clientIp ?? '' },
      h('td', { title: r.limit }, t(`admin.limit.${r.limit}`)),
      h('td', {}, r.clientIp ?? '', r.knownNetwork ? h('span', { class: 'badge' }, ` ${t('admin.knownNetwork')}`) : null),
      h('td', {}, r.userId ?? ''), h('td', {}, String(r.count)), h('td', {}, formatTime(r.lastAt))))));
}
