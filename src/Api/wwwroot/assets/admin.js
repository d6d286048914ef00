// The admin console: settings drawn from their meta (type, choices, range, JSON fields), template editing with a
// live preview, users (admin-users.js), the directory, the apps that sign in through the service (OpenID Connect
// clients), API keys and the audit (admin-audit.js).
import { h, show, debounce } from './dom.js';
import { call, requireSession, logOut } from './api.js';
import { t, applyLanguage, formatTime } from './i18n.js';
import { latestOnly, problemText } from './admin-parts.js';
import { usersTab } from './admin-users.js';
import { auditTab } from './admin-audit.js';
import { limitsTab } from './admin-limits.js';

const main = document.querySelector('#admin');
const tabs = { settings: settingsTab, users: usersTab, directory: directoryTab, clients: clientsTab, keys: keysTab, audit: auditTab, limits: limitsTab };
const KeyScopes = ['metrics:read', 'audit:read', 'users:read'];
const Scopes = ['openid', 'profile', 'email', 'phone', 'roles', 'departments', 'offline_access'];
const TemplateChannels = { email_config: 'email', sms_config: 'sms', wecom_config: 'wecom' };

async function start() {
  applyLanguage();
  const current = await requireSession();
  if (!current) return;
  if (!current.roles.includes('admin') || current.requiredActions.length > 0) { location.assign('/account/'); return; }
  document.querySelector('#nav').replaceChildren(
    h('a', { href: '/account/' }, t('account.title')), h('a', { href: '/agents/' }, t('agents.title')),
    h('button', { type: 'button', class: 'link', id: 'open-jobs', onclick: openJobsDashboard }, t('admin.jobs')),
    h('button', { type: 'button', class: 'link', onclick: logOut }, t('account.logOut')));
  const content = h('div', { id: 'tab-content' });
  const bar = h('div', { class: 'tabs', role: 'tablist' }, Object.keys(tabs).map(name =>
    h('button', { type: 'button', role: 'tab', id: `tab-${name}`, class: 'secondary', 'aria-controls': 'tab-content', onclick: () => open(name) }, t(`admin.${name}`))));
  show(main, bar, content);
  const open = latestOnly(async name => {
    for (const button of bar.children) button.setAttribute('aria-selected', String(button.id === `tab-${name}`));
    return tabs[name]();
  }, view => show(content, view));
  await open(new URLSearchParams(location.search).get('tab') in tabs ? new URLSearchParams(location.search).get('tab') : 'settings');
}

// The Hangfire dashboard reads a cookie of its own, made from this session (it cannot send the bearer token): get it,
// then open the dashboard.
async function openJobsDashboard() {
  const answer = await call('POST', '/api/v1/admin/dashboard-session');
  if (answer.ok) location.assign('/hangfire');
}

async function settingsTab() {
  const answer = await call('GET', '/api/v1/admin/settings');
  if (!answer.ok) return h('p', { class: 'message error', role: 'alert' }, problemText(answer.body));
  const byNamespace = Map.groupBy(answer.body.items, s => s.namespace);
  return h('div', {}, [...byNamespace].map(([namespace, settings]) =>
    h('section', { class: 'panel', id: `ns-${namespace}` }, h('h2', {}, settings[0].namespaceLabel, ' ', h('code', { class: 'muted small' }, namespace)),
      settings.map(settingForm))));
}

function settingForm(setting) {
  const id = `${setting.namespace}.${setting.key}`;
  // The label in the console's language; the key as the API and the docs name it.
  const title = [setting.label, ' ', h('code', { class: 'muted small' }, id)];
  const status = h('span', { class: 'save-status' });
  const editors = [];
  let read;
  if (setting.valueType === 'json' && Array.isArray(setting.schema)) {
    const fields = setting.schema.map(field => jsonField(setting, field));
    editors.push(h('fieldset', {}, h('legend', {}, title), fields.map(f => f.element)));
    read = () => Object.fromEntries(fields.map(f => [f.name, f.value()]).filter(([, v]) => v !== undefined));
  } else {
    const input = scalarInput(setting, `setting-${id}`);
    editors.push(h('div', { class: 'field' }, h('label', { for: input.id }, title), input));
    read = () => setting.valueType === 'bool' ? input.checked : setting.valueType === 'int' ? Number(input.value) : input.value;
  }
  const enabled = h('input', { type: 'checkbox', id: `enabled-${id}`, checked: setting.enabled, 'aria-describedby': `enabled-${id}-hint` });
  // Not enabled does not switch the feature off: it means the built-in default applies instead of the saved value.
  const fallback = setting.valueType === 'json' ? t('admin.enabledHintJson') : t('admin.enabledHint', { value: JSON.stringify(setting.default) });
  const hint = h('span', { id: `enabled-${id}-hint`, class: 'muted small', 'data-enabled-hint': id },
    fallback, setting.isDefault ? ` ${t('admin.defaultInForce')}` : '');
  // A saved template that failed when a code was sent (the built-in one went instead) says so until it is saved again.
  const failure = setting.renderFailure
    ? h('p', { class: 'message warning', role: 'alert', 'data-render-failure': id },
      t('admin.renderFailure', { at: formatTime(setting.renderFailure.at) }), ' ', setting.renderFailure.reason)
    : null;
  const form = h('form', { class: 'setting', 'data-setting': id },
    h('p', { class: 'description' }, setting.description), failure, editors,
    h('div', { class: 'row' }, h('label', { for: enabled.id }, enabled, ' ', t('admin.enabled')), hint, h('button', { type: 'submit' }, t('admin.save')), status));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    for (const old of form.querySelectorAll('.field-error')) old.replaceChildren();
    const answer = await call('PUT', `/api/v1/admin/settings/${setting.namespace}/${setting.key}`, { value: read(), enabled: enabled.checked });
    if (answer.ok) return status.replaceChildren(h('span', { class: 'ok', role: 'status' }, t('admin.saved')));
    status.replaceChildren();
    const field = answer.body?.field?.replace(/^value\.?/, '') || '';
    const target = form.querySelector(`[data-errors-for="${CSS.escape(field)}"]`) ?? status;
    target.replaceChildren(h('span', { class: 'field-error', role: 'alert', 'data-code': answer.body?.code ?? '' }, t('admin.notSaved'), problemText(answer.body)));
  });
  return form;
}

function scalarInput(setting, id) {
  const value = setting.value;
  if (setting.valueType === 'enum')
    return h('select', { id }, setting.choices.map(c => h('option', { value: c, selected: c === value }, c)));
  if (setting.valueType === 'bool') return h('input', { id, type: 'checkbox', checked: value === true });
  if (setting.valueType === 'int') return h('input', { id, type: 'number', value: String(value), min: setting.min, max: setting.max, required: true });
  return h('input', { id, type: 'text', value: value ?? '' });
}

// One field of a JSON setting: a list (one per line), a string, or a template with its live preview.
function jsonField(setting, field) {
  const id = `setting-${setting.namespace}.${setting.key}.${field.name}`;
  const current = setting.value?.[field.name];
  const errors = h('div', { 'data-errors-for': field.name });
  if (field.kind === 'string[]') {
    const area = h('textarea', { id, rows: 2, 'aria-describedby': `${id}-hint` });
    area.value = (current ?? []).join('\n');
    return { name: field.name, value: () => area.value.split('\n').map(s => s.trim()).filter(Boolean),
      element: h('div', { class: 'field' }, h('label', { for: id }, field.name), area, h('span', { id: `${id}-hint`, class: 'muted small' }, t('admin.listHint')), errors) };
  }
  const input = field.template ? h('textarea', { id, rows: 4, maxlength: field.maxLength }) : h('input', { id, type: 'text', maxlength: field.maxLength });
  input.value = current ?? '';
  const element = h('div', { class: 'field' }, h('label', { for: id }, field.name), input, errors);
  if (field.template) element.append(templatePreview(input, TemplateChannels[setting.key], `${id}-preview`, setting.namespace === 'notices'));
  return { name: field.name, value: () => (input.value === '' && !field.required ? undefined : input.value), element };
}

// As the admin types (debounced), the preview endpoint renders the template with sample values (a notice's, for notices).
function templatePreview(input, channel, id, notice) {
  const output = h('div', { class: 'preview', id, 'aria-live': 'polite' });
  const length = h('span', { class: 'muted small', 'data-preview-length': '' });
  const warnings = h('div', { 'data-preview-warnings': '' });
  const render = debounce(async () => {
    const answer = await call('POST', '/api/v1/admin/templates/preview', notice ? { template: input.value, notice } : { template: input.value, channel });
    if (!answer.ok) {
      output.replaceChildren(h('span', { class: 'field-error', 'data-code': answer.body?.code ?? '' }, problemText(answer.body)));
      length.textContent = ''; warnings.replaceChildren();
      return;
    }
    output.textContent = answer.body.output;
    length.textContent = t('admin.length', { n: answer.body.length });
    warnings.replaceChildren(...answer.body.warnings.map(w => h('p', { class: 'message warning', 'data-code': w.code }, w.message)));
  }, 300);
  input.addEventListener('input', render);
  input.setAttribute('aria-describedby', id);
  render();
  return h('div', {}, h('span', { class: 'muted small' }, t('admin.preview')), output, length, warnings);
}

// The WeCom directory: start a sync, and what the last ones read and changed (or why they changed nothing).
async function directoryTab() {
  const result = h('span');
  const runs = h('div', { id: 'sync-runs' });
  const load = async () => {
    const answer = await call('GET', '/api/v1/admin/directory/sync');
    if (!answer.ok) return runs.replaceChildren(h('p', { class: 'message error', role: 'alert' }, problemText(answer.body)));
    runs.replaceChildren(answer.body.length === 0 ? h('p', { class: 'muted' }, t('admin.noSyncs')) : h('table', {},
      h('thead', {}, h('tr', {}, ['admin.time', 'admin.outcome', 'admin.syncBy', 'admin.syncMembers', 'admin.syncAdded', 'admin.syncUpdated', 'admin.syncDisabled', 'admin.reason']
        .map(k => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, answer.body.map(run => h('tr', { 'data-run': run.outcome },
        h('td', {}, formatTime(run.startedAt)), h('td', {}, run.outcome), h('td', {}, run.triggeredBy), h('td', {}, String(run.members)),
        h('td', {}, String(run.added)), h('td', {}, String(run.updated)), h('td', {}, String(run.disabled)), h('td', {}, run.detail ?? ''))))));
  };
  const start = h('button', { type: 'button', id: 'sync-now', onclick: async () => {
    const answer = await call('POST', '/api/v1/admin/directory/sync');
    result.replaceChildren(answer.ok ? h('span', { class: 'ok', role: 'status' }, t('admin.syncQueued'))
      : h('span', { class: 'field-error', role: 'alert', 'data-code': answer.body?.code ?? '' }, problemText(answer.body)));
    // The job runs in the background: read the runs again shortly.
    if (answer.ok) setTimeout(load, 2000);
  } }, t('admin.syncNow'));
  await load();
  return h('section', { class: 'panel' }, h('h2', {}, t('admin.directory')), h('p', {}, start, ' ', result,
    ' ', h('button', { type: 'button', class: 'secondary', onclick: load }, t('admin.refresh'))), runs);
}

// Service credentials: a named key with scopes, its secret shown once on creation; each can be revoked.
async function keysTab() {
  const list = h('div', { id: 'keys-list' });
  const shown = h('div', { id: 'key-shown' });
  const load = async () => {
    const answer = await call('GET', '/api/v1/admin/api-keys');
    if (!answer.ok) return list.replaceChildren(h('p', { class: 'message error', role: 'alert' }, problemText(answer.body)));
    list.replaceChildren(h('table', {},
      h('thead', {}, h('tr', {}, ['admin.keyName', 'admin.scopes', 'admin.keyExpires', 'admin.keyLastUsed', ''].map(k => h('th', { scope: 'col' }, k ? t(k) : '')))),
      h('tbody', {}, answer.body.map(key => h('tr', { 'data-key': key.name },
        h('td', {}, key.name), h('td', {}, key.scopes.join(', ')), h('td', {}, formatTime(key.expiresAt)),
        h('td', {}, key.lastUsedAt ? formatTime(key.lastUsedAt) : '—'),
        h('td', {}, key.revokedAt ? t('admin.keyRevoked') : h('button', { type: 'button', class: 'secondary', onclick: async () => {
          await call('DELETE', `/api/v1/admin/api-keys/${encodeURIComponent(key.id)}`);
          await load();
        } }, t('admin.revokeKey'))))))));
  };
  const name = h('input', { id: 'key-name', type: 'text', required: true, maxlength: '100' });
  const days = h('input', { id: 'key-days', type: 'number', min: 1, max: 365, value: '90' });
  const scopes = KeyScopes.map(scope => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: scope }), ' ', scope));
  const result = h('span');
  const form = h('form', { id: 'key-form' },
    h('div', { class: 'field narrow' }, h('label', { for: 'key-name' }, t('admin.keyName')), name),
    h('fieldset', {}, h('legend', {}, t('admin.scopes')), scopes),
    h('div', { class: 'field narrow' }, h('label', { for: 'key-days' }, t('admin.keyDays')), days),
    h('button', { type: 'submit' }, t('admin.createKey')), result);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const chosen = scopes.map(l => l.querySelector('input')).filter(i => i.checked).map(i => i.value);
    const answer = await call('POST', '/api/v1/admin/api-keys', { name: name.value.trim(), scopes: chosen, expiresInDays: Number(days.value) });
    if (!answer.ok) return result.replaceChildren(h('span', { class: 'field-error', role: 'alert' }, problemText(answer.body)));
    result.replaceChildren();
    shown.replaceChildren(h('p', { class: 'message warning', role: 'status' }, t('admin.keyOnce'), ' ', h('code', { id: 'new-key' }, answer.body.key)));
    await load();
  });
  await load();
  return h('section', { class: 'panel' }, h('h2', {}, t('admin.keys')), form, shown, list);
}

start();

// The apps that sign in through the service. A new secret is shown once, in this answer, and never again.
async function clientsTab() {
  const secret = h('div', { id: 'client-secret', 'aria-live': 'polite' });
  const list = h('div');
  const reload = async () => {
    const answer = await call('GET', '/api/v1/admin/clients');
    list.replaceChildren(answer.ok ? clientsTable(answer.body, reload, secret) : h('p', { class: 'message error', role: 'alert' }, problemText(answer.body)));
  };
  await reload();
  return h('section', { class: 'panel' }, h('h2', {}, t('admin.clients')), secret, list, clientForm(reload, secret));
}

function showSecret(place, client, value) {
  place.replaceChildren(value ? h('p', { class: 'message', role: 'status' }, t('admin.clientSecret', { id: client.clientId }), ' ',
    h('code', { 'data-secret': client.clientId }, value)) : h('p', { class: 'ok', role: 'status' }, t('admin.saved')));
}

function clientsTable(clients, reload, secret) {
  const rows = clients.map(client => {
    const result = h('td', { 'data-result': client.clientId });
    const path = `/api/v1/admin/clients/${encodeURIComponent(client.clientId)}`;
    const fail = answer => result.replaceChildren(h('span', { class: 'field-error', role: 'alert' }, problemText(answer.body)));
    const rotate = async () => { const a = await call('POST', `${path}/secret`); a.ok ? showSecret(secret, client, a.body.clientSecret) : fail(a); };
    const remove = async () => { const a = await call('DELETE', path); a.ok ? reload() : fail(a); };
    return h('tr', { 'data-client': client.clientId }, h('td', {}, client.clientId), h('td', {}, client.displayName), h('td', {}, client.type),
      h('td', {}, client.firstParty ? t('admin.yes') : t('admin.no')), h('td', {}, client.redirectUris.join(' ')), h('td', {}, client.scopes.join(' ')),
      h('td', {}, client.type === 'confidential' ? h('button', { type: 'button', class: 'secondary', onclick: rotate }, t('admin.rotateSecret')) : null, ' ',
        h('button', { type: 'button', class: 'secondary', onclick: remove }, t('admin.deleteClient'))), result);
  });
  return h('table', {}, h('thead', {}, h('tr', {}, [t('admin.clientId'), t('account.name'), t('admin.clientType'), t('admin.firstParty'),
    t('admin.redirectUris'), t('admin.scopes'), '', ''].map(c => h('th', { scope: 'col' }, c)))), h('tbody', {}, rows));
}

function clientForm(reload, secret) {
  const field = (id, label, input) => h('div', { class: 'field' }, h('label', { for: id }, label), input);
  const clientId = h('input', { id: 'client-id', required: true });
  const name = h('input', { id: 'client-name', required: true });
  const type = h('select', { id: 'client-type' }, ['confidential', 'public'].map(v => h('option', { value: v }, v)));
  const firstParty = h('input', { id: 'client-first-party', type: 'checkbox', checked: true });
  const redirects = h('textarea', { id: 'client-redirects', rows: 2, placeholder: 'https://desk.corp.example/signin-oidc' });
  const logouts = h('textarea', { id: 'client-logouts', rows: 2 });
  const scopes = Scopes.map(s => h('label', { class: 'inline' }, h('input', { type: 'checkbox', value: s, checked: ['openid', 'profile'].includes(s), 'data-scope': s }), ' ', s));
  const error = h('p', { class: 'field-error', role: 'alert' });
  const lines = area => area.value.split('\n').map(l => l.trim()).filter(Boolean);
  const form = h('form', { id: 'client-form' }, h('h3', {}, t('admin.newClient')),
    field(clientId.id, t('admin.clientId'), clientId), field(name.id, t('account.name'), name), field(type.id, t('admin.clientType'), type),
    field(firstParty.id, t('admin.firstParty'), firstParty), field(redirects.id, t('admin.redirectUris'), redirects),
    field(logouts.id, t('admin.logoutUris'), logouts), h('fieldset', {}, h('legend', {}, t('admin.scopes')), scopes), error,
    h('button', { type: 'submit' }, t('admin.register')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const answer = await call('POST', '/api/v1/admin/clients', {
      clientId: clientId.value.trim(), displayName: name.value.trim(), type: type.value, firstParty: firstParty.checked,
      redirectUris: lines(redirects), postLogoutRedirectUris: lines(logouts),
      scopes: scopes.map(l => l.querySelector('input')).filter(i => i.checked).map(i => i.value),
    });
    if (!answer.ok) { error.textContent = problemText(answer.body); return; }
    error.textContent = '';
    form.reset();
    showSecret(secret, answer.body.client, answer.body.clientSecret);
    await reload();
  });
  return form;
}
