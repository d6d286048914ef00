// The console's Users tab: find users, change a role or disable at a glance, and the user editor (create, or edit
// name, contacts, role, category, departments picked from the synced directory, disabled); unlock, TOTP reset,
// sessions and a password recovery per user.
import { h } from './dom.js';
import { call } from './api.js';
import { t, formatTime } from './i18n.js';
import { latestOnly, problemText, pager, field, failure } from './admin-parts.js';

const Roles = ['admin', 'agent', 'ops'];

export async function usersTab() {
  const departments = await call('GET', '/api/v1/admin/directory/departments');
  const directory = departments.ok ? departments.body : [];
  const results = h('div');
  const editor = h('div', { id: 'user-editor' });
  const q = h('input', { id: 'users-q', type: 'search' });
  const role = h('select', { id: 'users-role' }, h('option', { value: '' }, t('admin.allRoles')), Roles.map(r => h('option', { value: r }, r)));
  const load = latestOnly(async (page = 1) => {
    const query = new URLSearchParams({ page });
    if (q.value.trim()) query.set('q', q.value.trim());
    if (role.value) query.set('role', role.value);
    return [page, await call('GET', `/api/v1/admin/users?${query}`)];
  }, ([page, answer]) => {
    const edit = user => editor.replaceChildren(userEditor(user, directory, () => { editor.replaceChildren(); load(page); }));
    results.replaceChildren(answer.ok ? usersTable(answer.body, load, page, directory, edit) : h('p', { class: 'message error', role: 'alert' }, problemText(answer.body)));
  });
  const filter = h('form', { class: 'row', role: 'search' }, field(q, t('admin.search')), field(role, t('admin.role')),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, t('admin.filter'))),
    h('div', { class: 'field' }, h('button', { type: 'button', id: 'new-user', class: 'secondary',
      onclick: () => editor.replaceChildren(userEditor(null, directory, () => { editor.replaceChildren(); load(); })) }, t('admin.newUser'))));
  filter.addEventListener('submit', event => { event.preventDefault(); load(); });
  await load();
  return h('section', { class: 'panel' }, h('h2', {}, t('admin.users')), filter, editor, results);
}

function departmentNames(ids, directory) {
  return ids.map(id => directory.find(d => String(d.id) === id)?.name ?? id).join(', ');
}

function usersTable(page, load, number, directory, edit) {
  const rows = page.items.map(user => {
    const result = h('td', { 'data-result': user.userId });
    const act = async (method, path, body, done = () => t('admin.done')) => {
      const answer = await call(method, path, body);
      result.replaceChildren(answer.ok ? h('span', { class: 'ok', role: 'status' }, done(answer.body)) : failure(answer));
    };
    const path = `/api/v1/admin/users/${encodeURIComponent(user.userId)}`;
    const roleSelect = h('select', { 'aria-label': `${t('admin.role')} ${user.userId}` }, Roles.map(r => h('option', { value: r, selected: r === user.role }, r)));
    roleSelect.addEventListener('change', () => act('PATCH', path, { role: roleSelect.value }));
    const disabled = h('input', { type: 'checkbox', checked: user.disabled, 'aria-label': `${t('admin.disabled')} ${user.userId}` });
    disabled.addEventListener('change', () => act('PATCH', path, { disabled: disabled.checked }));
    return h('tr', { 'data-user': user.userId }, h('td', {}, user.userId), h('td', {}, user.name), h('td', {}, roleSelect), h('td', {}, disabled),
      h('td', { 'data-departments': user.userId }, departmentNames(user.departments, directory)),
      h('td', {}, h('button', { type: 'button', class: 'secondary', 'data-edit': user.userId, onclick: () => edit(user) }, t('admin.edit')), ' ',
        h('button', { type: 'button', class: 'secondary', onclick: () => act('POST', `${path}/unlock`) }, t('admin.unlock')), ' ',
        user.totpEnabled ? h('button', { type: 'button', class: 'secondary', onclick: () => act('DELETE', `${path}/otp`) }, t('admin.resetOtp')) : null, ' ',
        h('button', { type: 'button', class: 'secondary', onclick: () => userSessions(user, result) }, t('account.sessions')), ' ',
        h('button', { type: 'button', class: 'secondary', 'data-send-recovery': user.userId,
          onclick: () => act('POST', `${path}/recovery`, undefined, sent => t('admin.recoverySent', { time: formatTime(sent.expiresAt) })) }, t('admin.sendRecovery'))),
      result);
  });
  return h('div', {},
    h('table', {}, h('thead', {}, h('tr', {}, [t('admin.userId'), t('account.name'), t('admin.role'), t('admin.disabled'), t('admin.departments'), '', '']
      .map(c => h('th', { scope: 'col' }, c)))), h('tbody', {}, rows)),
    pager(page, number, load));
}

// The user editor: a new user (id, initial password) or an existing one. Contacts an admin types are unproven until a
// code sent to them comes back; departments are picked from the last directory sync's.
function userEditor(user, directory, done) {
  const creating = user === null;
  const errors = {};
  const input = (name, attributes, value) => {
    const element = h(attributes.tag ?? 'input', { id: `user-${name}`, ...attributes, tag: undefined });
    if (value !== undefined && value !== null) element.value = value;
    errors[name] = h('span', { class: 'field-error', role: 'alert', 'data-errors-for': name });
    return element;
  };
  const id = creating ? input('userId', { required: true, maxlength: 64, autocomplete: 'off' }) : null;
  const name = input('name', { required: true, maxlength: 128 }, user?.name);
  const role = input('role', { tag: 'select' });
  role.append(...Roles.map(r => h('option', { value: r, selected: r === (user?.role ?? 'agent') }, r)));
  const category = input('category', { maxlength: 64 }, user?.category);
  const email = input('email', { type: 'email', maxlength: 254 }, user?.email);
  const mobile = input('mobile', { type: 'tel', maxlength: 32 }, user?.mobile);
  const password = creating ? input('password', { type: 'password', autocomplete: 'new-password', maxlength: 64 }) : null;
  const disabled = creating ? null : h('input', { id: 'user-disabled', type: 'checkbox', checked: user.disabled });
  errors.departments = h('span', { class: 'field-error', role: 'alert', 'data-errors-for': 'departments' });
  const picks = directory.map(d => h('label', { class: 'check' },
    h('input', { type: 'checkbox', value: String(d.id), checked: (user?.departments ?? []).includes(String(d.id)), 'data-department': d.name }), ' ', d.name));
  const status = h('span', { id: 'user-editor-status' });
  const proven = verified => verified ? h('span', { class: 'muted small' }, ` (${t('account.proven')})`) : null;
  const form = h('form', { class: 'panel', 'data-editing': user?.userId ?? '' },
    h('h3', {}, creating ? t('admin.newUser') : t('admin.editUser', { id: user.userId })),
    id ? field(id, t('admin.userId'), errors.userId) : null,
    field(name, t('account.name'), errors.name), field(role, t('admin.role'), errors.role),
    field(category, t('admin.category'), h('span', { class: 'muted small' }, t('admin.categoryHint')), errors.category),
    h('fieldset', { id: 'user-departments' }, h('legend', {}, t('admin.departments')),
      picks.length ? picks : h('p', { class: 'muted' }, t('admin.noDepartments')), errors.departments),
    field(email, t('account.email'), proven(user?.emailVerified), errors.email),
    field(mobile, t('account.mobile'), proven(user?.mobileVerified), errors.mobile),
    password ? field(password, t('admin.initialPassword'), errors.password) : null,
    disabled ? h('div', { class: 'field' }, h('label', { for: disabled.id }, disabled, ' ', t('admin.disabled'))) : null,
    h('div', { class: 'row' }, h('button', { type: 'submit' }, t('admin.save')),
      h('button', { type: 'button', class: 'secondary', onclick: () => form.remove() }, t('admin.cancel')), status));
  const chosen = () => picks.map(l => l.querySelector('input')).filter(i => i.checked).map(i => i.value);
  // Departments the directory no longer lists stay the user's; the picker changes only those it shows.
  const unlisted = (user?.departments ?? []).filter(d => !directory.some(known => String(known.id) === d));
  const departments = () => [...unlisted, ...chosen()];
  const show = answer => {
    const byField = answer.body?.errors ?? {};
    for (const [key, messages] of Object.entries(byField)) (errors[key] ?? status).append(messages.join(' '), ' ');
    if (Object.keys(byField).length === 0) status.replaceChildren(failure(answer));
  };
  form.addEventListener('submit', async event => {
    event.preventDefault();
    for (const slot of Object.values(errors)) slot.replaceChildren();
    status.replaceChildren();
    const optional = element => element.value.trim() || null;
    if (creating) {
      const answer = await call('POST', '/api/v1/admin/users', {
        userId: id.value.trim(), name: name.value.trim(), role: role.value, category: optional(category), departments: departments(),
        email: optional(email), mobile: optional(mobile), password: password.value || null,
      });
      return answer.ok ? done() : show(answer);
    }
    const path = `/api/v1/admin/users/${encodeURIComponent(user.userId)}`;
    const answer = await call('PATCH', path, { name: name.value.trim(), role: role.value, category: category.value.trim(), departments: departments(), disabled: disabled.checked });
    if (!answer.ok) return show(answer);
    // A contact is its own change: unproven, audited, and its old proven address told.
    for (const [channel, element, current] of [['email', email, user.email], ['sms', mobile, user.mobile]]) {
      if ((optional(element) ?? null) === (current ?? null)) continue;
      const changed = await call('PUT', `${path}/contacts/${channel}`, { target: optional(element) });
      if (!changed.ok) {
        const slot = channel === 'email' ? errors.email : errors.mobile;
        return slot.replaceChildren(problemText(changed.body));
      }
    }
    done();
  });
  queueMicrotask(() => (id ?? name).focus());
  return form;
}

// One user's sessions, each with a button that ends it (audited as Revoked, by this admin).
async function userSessions(user, place) {
  const path = `/api/v1/admin/users/${encodeURIComponent(user.userId)}/sessions`;
  const answer = await call('GET', path);
  if (!answer.ok) return place.replaceChildren(failure(answer));
  const list = h('ul', { 'data-sessions-of': user.userId }, answer.body.map(session => h('li', { 'data-session': session.id },
    `${session.userAgent ?? '—'} · ${session.clientIp ?? '—'} · ${formatTime(session.lastSeenAt)} `,
    h('button', { type: 'button', class: 'secondary', onclick: async () => {
      const ended = await call('DELETE', `${path}/${encodeURIComponent(session.id)}`);
      ended.ok ? userSessions(user, place) : place.replaceChildren(failure(ended));
    } }, t('account.endSession')))));
  place.replaceChildren(answer.body.length ? list : h('span', {}, '—'));
}
