// The account page: profile and status, TOTP enrolment from a QR code, recovery codes shown once, passkeys, password, the
// user's sessions (each can be ended), log out.
import { h, show, focusFirst } from './dom.js';
import { call, requireSession, logOut } from './api.js';
import { t, applyLanguage, formatTime } from './i18n.js';
import { passkeysPanel } from './account-passkeys.js';

const main = document.querySelector('#account');

async function start() {
  applyLanguage();
  const current = await requireSession();
  if (!current) return;
  const nav = [h('a', { href: '/agents/' }, t('agents.title')), h('button', { type: 'button', class: 'link', id: 'log-out', onclick: logOut }, t('account.logOut'))];
  if (current.roles.includes('admin') && current.requiredActions.length === 0)
    nav.unshift(h('a', { href: '/admin/' }, t('account.adminConsole')));
  document.querySelector('#nav').replaceChildren(...nav);
  await draw(current);
}

async function draw(current, focus) {
  const profile = (await call('GET', '/api/v1/account')).body;
  show(main,
    current.requiredActions.includes('enrol_otp') ? h('p', { class: 'message warning', role: 'alert' }, t('account.enrolRequired')) : null,
    current.requiredActions.includes('register_passkey') ? h('p', { class: 'message warning', role: 'alert', id: 'passkey-required' }, t('account.passkeyRequired')) : null,
    profilePanel(profile), contactsPanel(profile, current), otpPanel(profile, current), await passkeysPanel(), passwordPanel(profile), await sessionsPanel(), await devicesPanel(current));
  if (focus) main.querySelector(focus)?.focus();
}

// Answers of the account API: a problem's detail next to the form that caused it, or a confirmation.
function outcome(target, answer, success) {
  target.replaceChildren(answer.ok
    ? h('span', { class: 'ok', role: 'status' }, success)
    : h('span', { class: 'field-error', role: 'alert', 'data-code': answer.body?.code ?? '' }, answer.body?.detail ?? t('error.generic')));
}

function profilePanel(profile) {
  const result = h('span');
  const status = h('select', { id: 'status', name: 'status' },
    ['online', 'busy', 'offline'].map(s => h('option', { value: s, selected: s === profile.status }, t(`status.${s}`))));
  status.addEventListener('change', async () => outcome(result, await call('PUT', '/api/v1/account/status', { status: status.value }), t('account.saved')));
  const row = (key, value) => value ? h('tr', {}, h('th', { scope: 'row' }, t(key)), h('td', {}, value)) : null;
  return h('section', { class: 'panel', 'aria-labelledby': 'profile-title' },
    h('h2', { id: 'profile-title' }, t('account.profile')),
    h('table', {}, h('tbody', {}, row('account.userId', profile.userId), row('account.name', profile.name),
      row('account.role', profile.role), row('account.email', profile.email), row('account.mobile', profile.mobile))),
    h('div', { class: 'field narrow spaced' }, h('label', { for: 'status' }, t('account.status')), status, result));
}

// A new email or mobile number: a code goes to it, and only that code binds it (the old one is told). A login older
// than the reauthentication window also needs the current password.
function contactsPanel(profile, current) {
  const result = h('div', { id: 'contact-result' });
  const channel = h('select', { id: 'contact-channel', name: 'channel' },
    ['email', 'sms'].map(c => h('option', { value: c }, t(c === 'email' ? 'account.email' : 'account.mobile'))));
  const target = h('input', { id: 'contact-target', name: 'target', type: 'text', required: true, autocomplete: 'off', maxlength: '254' });
  const password = h('input', { id: 'contact-password', name: 'currentPassword', type: 'password', autocomplete: 'current-password' });
  const send = h('form', { id: 'contact-send' },
    h('div', { class: 'field narrow' }, h('label', { for: 'contact-channel' }, t('account.contactChannel')), channel),
    h('div', { class: 'field narrow' }, h('label', { for: 'contact-target' }, t('account.contactNew')), target),
    profile.hasPassword ? h('div', { class: 'field narrow' }, h('label', { for: 'contact-password' }, t('account.currentPasswordIfAsked')), password) : null,
    h('button', { type: 'submit', class: 'secondary' }, t('action.submitBindTarget')), result);
  send.addEventListener('submit', async event => {
    event.preventDefault();
    const body = { target: target.value.trim(), ...(password.value ? { currentPassword: password.value } : {}) };
    const answer = await call('POST', `/api/v1/account/contacts/${channel.value}`, body);
    if (!answer.ok) return outcome(result, answer);
    const code = h('input', { id: 'contact-code', name: 'code', required: true, inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '8' });
    const confirmResult = h('span');
    const confirm = h('form', { id: 'contact-confirm' },
      h('p', { role: 'status' }, t('flow.codeSentTo', { target: answer.body.maskedTarget })),
      h('div', { class: 'field narrow' }, h('label', { for: 'contact-code' }, t('field.code')), code),
      h('button', { type: 'submit' }, t('account.contactConfirm')), confirmResult);
    confirm.addEventListener('submit', async confirmEvent => {
      confirmEvent.preventDefault();
      const confirmed = await call('POST', `/api/v1/account/contacts/${channel.value}/confirm`, { code: code.value.trim() });
      if (!confirmed.ok) return outcome(confirmResult, confirmed);
      await draw(current, '#contact-target');
      outcome(main.querySelector('#contact-result'), confirmed, t('account.contactChanged'));
    });
    result.replaceChildren(confirm);
    code.focus();
  });
  const proven = (value, verified) => value ? [value, ' ', h('span', { class: verified ? 'ok small' : 'muted small' }, t(verified ? 'account.proven' : 'account.unproven'))] : '—';
  return h('section', { class: 'panel', id: 'contacts', 'aria-labelledby': 'contacts-title' },
    h('h2', { id: 'contacts-title' }, t('account.contacts')),
    h('p', {}, t('account.email'), ': ', proven(profile.email, profile.emailVerified)),
    h('p', {}, t('account.mobile'), ': ', proven(profile.mobile, profile.mobileVerified)),
    send);
}

function codeField(id) {
  return h('div', { class: 'field narrow' }, h('label', { for: id }, t('account.otpCode')),
    h('input', { id, name: 'code', required: true, inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: '6' }));
}

function otpPanel(profile, current) {
  const panel = h('section', { class: 'panel', id: 'otp', 'aria-labelledby': 'otp-title' },
    h('h2', { id: 'otp-title' }, t('account.otp'), ' — ', profile.totpEnabled ? h('span', { class: 'ok' }, t('account.otpOn')) : t('account.otpOff')));
  if (!profile.totpEnabled) {
    panel.append(h('button', { type: 'button', id: 'otp-enable', onclick: () => beginEnrolment(panel, profile, current) }, t('account.otpEnable')));
    return panel;
  }
  // With TOTP on: new recovery codes, or TOTP off; both need a current code.
  for (const [id, label, method, path] of [['regenerate', 'account.recoveryRegenerate', 'POST', '/api/v1/account/recovery-codes'], ['remove', 'account.otpRemove', 'DELETE', '/api/v1/account/otp']]) {
    const result = h('p');
    const form = h('form', { id: `otp-${id}` }, codeField(`otp-${id}-code`), h('button', { type: 'submit', class: 'secondary' }, t(label)), result);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const answer = await call(method, path, { code: form.elements.code.value.trim() });
      if (!answer.ok) return outcome(result, answer);
      if (answer.body?.recoveryCodes) return show(panel, h('h2', {}, t('account.otp')), recoveryCodes(answer.body.recoveryCodes));
      await draw(current, '#otp-enable');
    });
    panel.append(form);
  }
  return panel;
}

// A login older than the reauthentication window needs the current password (sent again with the confirmation).
async function beginEnrolment(panel, profile, current, currentPassword) {
  const proof = currentPassword ? { currentPassword } : {};
  const answer = await call('POST', '/api/v1/account/otp', currentPassword ? proof : undefined);
  panel.querySelector('#otp-reauth')?.remove();
  if (!answer.ok) {
    if (answer.body?.code === 'reauthentication_required' && profile.hasPassword) return reauthenticate(panel, profile, current);
    return panel.append(h('p', { class: 'field-error', role: 'alert' }, answer.body?.detail ?? t('error.generic')));
  }
  const { secret, qrCodePng } = answer.body;
  const result = h('p');
  const form = h('form', { id: 'otp-confirm' },
    h('p', {}, t('account.otpScan')),
    h('img', { class: 'qr', id: 'otp-qr', src: `data:image/png;base64,${qrCodePng}`, alt: t('account.otpQrAlt') }),
    h('p', {}, t('account.otpSecret'), ': ', h('code', { id: 'otp-secret' }, secret)),
    codeField('otp-confirm-code'), h('button', { type: 'submit' }, t('account.otpConfirm')), result);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const confirmed = await call('POST', '/api/v1/account/otp/confirm', { code: form.elements.code.value.trim(), ...proof });
    if (!confirmed.ok) return outcome(result, confirmed);
    // The session no longer owes an enrolment: the admin console opens from here.
    const refreshed = await requireSession();
    if (refreshed?.roles.includes('admin') && refreshed.requiredActions.length === 0) document.querySelector('#nav').prepend(h('a', { href: '/admin/' }, t('account.adminConsole')));
    main.querySelector('.message.warning')?.remove();
    show(panel, h('h2', { id: 'otp-title' }, t('account.otp'), ' — ', h('span', { class: 'ok' }, t('account.otpOn'))), recoveryCodes(confirmed.body.recoveryCodes));
  });
  panel.querySelector('#otp-enable')?.remove();
  panel.append(form);
  focusFirst(form);
}

function reauthenticate(panel, profile, current) {
  const form = h('form', { id: 'otp-reauth' },
    h('p', { class: 'message warning', role: 'alert' }, t('account.reauthNeeded')),
    h('div', { class: 'field narrow' }, h('label', { for: 'otp-reauth-password' }, t('account.currentPassword')),
      h('input', { id: 'otp-reauth-password', name: 'currentPassword', type: 'password', autocomplete: 'current-password', required: true })),
    h('button', { type: 'submit' }, t('account.otpEnable')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    beginEnrolment(panel, profile, current, form.elements.currentPassword.value);
  });
  panel.querySelector('#otp-enable')?.remove();
  panel.append(form);
  focusFirst(form);
}

function recoveryCodes(codes) {
  const block = h('div', { id: 'recovery-codes', tabindex: '-1' },
    h('h3', {}, t('account.recoveryTitle')), h('p', { class: 'notice' }, t('account.recoveryHint')),
    h('ul', { class: 'codes' }, codes.map(c => h('li', {}, c))));
  setTimeout(() => block.focus());
  return block;
}

function passwordPanel(profile) {
  const result = h('p');
  const field = (id, name, label, autocomplete) => h('div', { class: 'field narrow' },
    h('label', { for: id }, t(label)), h('input', { id, name, type: 'password', autocomplete, required: name === 'newPassword' }));
  const form = h('form', { id: 'password-form' },
    profile.hasPassword ? field('current-password', 'currentPassword', 'account.currentPassword', 'current-password') : null,
    field('new-password', 'newPassword', 'account.newPassword', 'new-password'),
    h('button', { type: 'submit' }, t('account.passwordChange')), result);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = { newPassword: form.elements.newPassword.value };
    if (form.elements.currentPassword) body.currentPassword = form.elements.currentPassword.value;
    const answer = await call('PUT', '/api/v1/account/password', body);
    outcome(result, answer, t('account.passwordChanged'));
    if (answer.ok) form.reset();
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'password-title' }, h('h2', { id: 'password-title' }, t('account.password')), form);
}

// The devices that skip the second factor ("remember this device"); forgetting one asks for it there again.
async function devicesPanel(current) {
  const answer = await call('GET', '/api/v1/account/devices');
  const devices = answer.ok ? answer.body : [];
  const list = devices.length === 0 ? h('p', { class: 'muted' }, t('account.noDevices'))
    : h('ul', { class: 'sessions' }, devices.map(device => {
      const result = h('span');
      return h('li', { 'data-device': device.id },
        h('span', {}, device.userAgent ?? '—'), ' · ', h('span', { class: 'muted small' }, device.clientIp ?? ''), ' · ',
        h('span', { class: 'muted small' }, t('account.lastSeen'), ' ', formatTime(device.lastUsedAt)), ' ',
        h('button', { type: 'button', class: 'secondary', onclick: async () => {
          const forgotten = await call('DELETE', `/api/v1/account/devices/${encodeURIComponent(device.id)}`);
          if (!forgotten.ok) return outcome(result, forgotten);
          await draw(current, '#devices-title');
        } }, t('account.forgetDevice')), result);
    }));
  return h('section', { class: 'panel', id: 'devices', 'aria-labelledby': 'devices-title' },
    h('h2', { id: 'devices-title', tabindex: '-1' }, t('account.devices')), list);
}

start();

// Where the user is signed in; ending a session also ends what apps were given from it. Ending the current one logs out.
async function sessionsPanel() {
  const panel = h('section', { class: 'panel', id: 'sessions', 'aria-labelledby': 'sessions-title' });
  const load = async () => {
    const answer = await call('GET', '/api/v1/account/sessions');
    const rows = (answer.ok ? answer.body : []).map(session => {
      const result = h('td');
      const end = async () => {
        const ended = await call('DELETE', `/api/v1/account/sessions/${encodeURIComponent(session.id)}`);
        if (!ended.ok) return outcome(result, ended);
        if (session.current) return logOut();
        await load();
      };
      return h('tr', { 'data-session': session.id },
        h('td', {}, session.userAgent ?? '—', session.current ? h('strong', {}, ` (${t('account.thisSession')})`) : null),
        h('td', {}, session.clientIp ?? '—'), h('td', {}, formatTime(session.createdAt)), h('td', {}, formatTime(session.lastSeenAt)),
        h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: end }, t('account.endSession'))), result);
    });
    show(panel, h('h2', { id: 'sessions-title' }, t('account.sessions')),
      h('table', {}, h('thead', {}, h('tr', {}, [t('account.device'), 'IP', t('account.signedInAt'), t('account.lastSeen'), '', ''].map(c => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows)));
  };
  await load();
  return panel;
}
