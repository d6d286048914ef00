// The agent list: colleagues and their desk status (it follows their sessions), for agents and admins alike.
import { h, show } from './dom.js';
import { call, requireSession, logOut } from './api.js';
import { t, applyLanguage } from './i18n.js';

const main = document.querySelector('#agents');

async function start() {
  applyLanguage();
  if (!await requireSession()) return;
  document.querySelector('#nav').replaceChildren(h('a', { href: '/account/' }, t('account.title')),
    h('button', { type: 'button', class: 'link', onclick: logOut }, t('account.logOut')));
  const filter = h('select', { id: 'agents-status', 'aria-label': t('account.status') },
    h('option', { value: '' }, t('agents.all')), ['online', 'busy', 'offline'].map(s => h('option', { value: s }, t(`status.${s}`))));
  const list = h('div', { id: 'agents-list' });
  const load = async () => {
    const answer = await call('GET', `/api/v1/users?pageSize=200${filter.value ? `&status=${filter.value}` : ''}`);
    if (!answer.ok) return list.replaceChildren(h('p', { class: 'message error', role: 'alert' }, answer.body?.detail ?? t('error.generic')));
    list.replaceChildren(h('table', {},
      h('thead', {}, h('tr', {}, [t('account.userId'), t('account.name'), t('account.role'), t('account.status')].map(c => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, answer.body.items.map(user => h('tr', { 'data-agent': user.userId },
        h('td', {}, user.userId), h('td', {}, user.name), h('td', {}, user.role),
        h('td', { 'data-status': user.status }, t(`status.${user.status}`)))))));
  };
  filter.addEventListener('change', load);
  show(main, h('section', { class: 'panel' }, h('h2', {}, t('agents.title')), filter, list));
  await load();
}

start();
