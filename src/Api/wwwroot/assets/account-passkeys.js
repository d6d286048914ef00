// The account page's passkeys: add one (the browser's create ceremony), rename, remove. Adding or removing after an
// older login asks for the current password, as the API does.
import { h, show } from './dom.js';
import { call } from './api.js';
import { t, formatTime } from './i18n.js';
import { passkeysSupported, createPasskey } from './passkeys.js';

export async function passkeysPanel() {
  const panel = h('section', { class: 'panel', id: 'passkeys', 'aria-labelledby': 'passkeys-title' });
  const load = async () => {
    const answer = await call('GET', '/api/v1/account/passkeys');
    const passkeys = answer.ok ? answer.body : [];
    const list = passkeys.length === 0 ? h('p', { class: 'muted', id: 'passkeys-none' }, t('account.noPasskeys'))
      : h('ul', { class: 'sessions' }, passkeys.map(passkey => row(passkey, load)));
    show(panel, h('h2', { id: 'passkeys-title', tabindex: '-1' }, t('account.passkeys')), list, passkeysSupported() ? addForm(load) : h('p', { class: 'muted' }, t('account.passkeysUnsupported')));
  };
  await load();
  return panel;
}

function row(passkey, reload) {
  const result = h('span', { class: 'small' });
  const name = h('input', { name: 'name', value: passkey.name, maxlength: '64', required: true, 'aria-label': t('account.passkeyName') });
  const rename = h('form', { class: 'inline', 'data-rename': passkey.id }, name, h('button', { type: 'submit', class: 'secondary' }, t('account.passkeyRename')));
  rename.addEventListener('submit', async event => {
    event.preventDefault();
    const answer = await call('PATCH', `/api/v1/account/passkeys/${encodeURIComponent(passkey.id)}`, { name: name.value.trim() });
    result.replaceChildren(answer.ok ? h('span', { class: 'ok', role: 'status' }, t('account.saved')) : h('span', { class: 'field-error', role: 'alert' }, answer.body?.detail ?? t('error.generic')));
  });
  const remove = h('button', { type: 'button', class: 'secondary', 'data-remove': passkey.id }, t('account.passkeyRemove'));
  remove.addEventListener('click', async () => {
    const answer = await withPassword(body => call('DELETE', `/api/v1/account/passkeys/${encodeURIComponent(passkey.id)}`, body), result);
    if (answer?.ok) await reload();
  });
  return h('li', { 'data-passkey': passkey.id }, rename, ' ',
    h('span', { class: 'muted small' }, t('account.passkeyAdded'), ' ', formatTime(passkey.createdAt), ' · ',
      t('account.lastSeen'), ' ', passkey.lastUsedAt ? formatTime(passkey.lastUsedAt) : '—'), ' ', remove, result);
}

function addForm(reload) {
  const result = h('p');
  const form = h('form', { id: 'passkey-add' },
    h('div', { class: 'field narrow' }, h('label', { for: 'passkey-name' }, t('account.passkeyName')),
      h('input', { id: 'passkey-name', name: 'name', maxlength: '64', required: true, placeholder: t('account.passkeyNameHint') })),
    h('button', { type: 'submit' }, t('account.passkeyAdd')), result);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const name = form.elements.name.value.trim();
    let proof = {};
    const options = await withPassword(async body => { proof = body ?? {}; return call('POST', '/api/v1/account/passkeys/options', body); }, result);
    if (!options?.ok) return;
    let credential;
    try {
      credential = await createPasskey(options.body);
    } catch {
      return result.replaceChildren(h('span', { class: 'field-error', role: 'alert' }, t('account.passkeyCancelled')));
    }
    const added = await call('POST', '/api/v1/account/passkeys', { name, credential, ...proof });
    if (!added.ok) return result.replaceChildren(h('span', { class: 'field-error', role: 'alert', 'data-code': added.body?.code ?? '' }, added.body?.detail ?? t('error.generic')));
    // The session no longer owes a passkey (an admin's, with authentication.admin_requires_passkey).
    document.querySelector('#passkey-required')?.remove();
    await reload();
  });
  return form;
}

// Sends once; when the login is too old, asks for the current password beside `result` and sends again with it.
async function withPassword(send, result) {
  const answer = await send(undefined);
  if (answer.ok || answer.body?.code !== 'reauthentication_required') {
    if (!answer.ok) result.replaceChildren(h('span', { class: 'field-error', role: 'alert' }, answer.body?.detail ?? t('error.generic')));
    return answer;
  }
  return new Promise(resolve => {
    const password = h('input', { type: 'password', name: 'currentPassword', autocomplete: 'current-password', required: true, 'aria-label': t('account.currentPassword') });
    const form = h('form', { class: 'inline' }, h('span', { class: 'message warning', role: 'alert' }, t('account.passkeyReauth')), password, h('button', { type: 'submit' }, t('account.confirm')));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const retried = await send({ currentPassword: password.value });
      if (!retried.ok) result.replaceChildren(h('span', { class: 'field-error', role: 'alert' }, retried.body?.detail ?? t('error.generic')));
      resolve(retried);
    });
    result.replaceChildren(form);
    password.focus();
  });
}
