// What the login and the recovery pages draw alike: a flow's messages, its actions as forms of their fields, the
// lock-out countdown, a problem without a flow. A page passes `onAnswer` to draw whatever the API answers next.
import { h } from './dom.js';
import { call } from './api.js';
import { t, has } from './i18n.js';

const timers = new Set();
export function every(ms, fn) { const id = setInterval(fn, ms); timers.add(id); return id; }
export function stopTimers() { for (const id of timers) clearInterval(id); timers.clear(); }
export const secondsUntil = iso => Math.max(0, Math.ceil((new Date(iso) - Date.now()) / 1000));

export function messages(flow, problem) {
  const list = [...(flow.messages ?? [])];
  if (problem?.detail && !list.some(m => m.code === problem.code)) list.push({ type: 'error', code: problem.code, text: problem.detail });
  // A field the API named (a password rule) is said beside the message.
  for (const [field, reasons] of Object.entries(problem?.errors ?? {}))
    for (const reason of reasons) if (reason !== problem.detail) list.push({ type: 'error', code: `${problem.code}.${field}`, text: reason });
  if (list.length === 0) return null;
  return h('div', { class: 'messages' }, list.map(m =>
    h('p', { class: `message ${m.type}`, role: m.type === 'error' ? 'alert' : 'status', 'data-code': m.code }, m.text)));
}

export function problemText(answer) {
  return answer.status === 0 ? t('error.network')
    : answer.status === 429 ? t('error.rateLimited', { s: answer.retryAfter ?? 60 })
    : answer.body?.detail ?? t('error.generic');
}

export function lockedFor(seconds) {
  if (!seconds) return h('p', { class: 'notice' }, t('flow.locked'));
  const until = Date.now() + seconds * 1000;
  const line = h('p', { class: 'notice', id: 'locked-for' }, t('flow.lockedFor', { s: seconds }));
  every(1000, () => { line.textContent = t('flow.lockedFor', { s: Math.max(0, Math.ceil((until - Date.now()) / 1000)) }); });
  return line;
}

export function actionForm(action, onAnswer) {
  const fields = action.fields.map(field => fieldFor(action, field));
  const submit = h('button', { type: 'submit', id: `${action.name}-submit`, class: action.fields.length === 0 ? 'secondary' : '' }, t(`action.${action.name}`));
  const form = h('form', { class: 'action', 'data-action': action.name }, fields, submit);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submit.disabled = true;
    const body = Object.fromEntries(action.fields.map(f =>
      [f.name, f.type === 'checkbox' ? form.elements[f.name].checked : form.elements[f.name].value.trim()]));
    onAnswer(await call(action.method, action.href, action.fields.length ? body : undefined));
  });
  return form;
}

function fieldFor(action, field) {
  const id = `${action.name}-${field.name}`;
  const labelKey = [`field.${field.name}.${action.name}`, `field.${field.name}.${field.type === 'tel' ? 'sms' : field.type}`, `field.${field.name}`].find(has);
  const label = h('label', { for: id }, labelKey ? t(labelKey) : field.name);
  if (field.type === 'checkbox') {
    return h('div', { class: 'field check' }, h('input', { id, name: field.name, type: 'checkbox' }), label);
  }
  if (field.type === 'choice') {
    return h('div', { class: 'field' }, label,
      h('select', { id, name: field.name, required: field.required }, (field.options ?? []).map(o => h('option', { value: o }, has(`choice.${o}`) ? t(`choice.${o}`) : o))));
  }
  const attributes = {
    text: { type: 'text', autocomplete: field.name === 'userId' ? 'username' : 'off', autocapitalize: 'none', spellcheck: 'false' },
    password: { type: 'password', autocomplete: action.name === 'submitNewPassword' ? 'new-password' : 'current-password' },
    code: { type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]*', maxlength: '8' },
    email: { type: 'email', autocomplete: 'email' },
    tel: { type: 'tel', autocomplete: 'tel' },
  }[field.type] ?? { type: 'text' };
  return h('div', { class: 'field' }, label, h('input', { id, name: field.name, required: field.required, ...attributes }));
}

// Resending is offered only after the cooldown: until then a disabled button counts down, then `reread` runs.
export function resendCountdown(availableAt, reread) {
  const seconds = secondsUntil(availableAt);
  if (seconds <= 0) return null;
  const button = h('button', { type: 'button', class: 'secondary', id: 'resend', disabled: true }, t('flow.resendIn', { s: seconds }));
  const timer = every(1000, () => {
    const left = secondsUntil(availableAt);
    button.textContent = t('flow.resendIn', { s: left });
    if (left > 0) return;
    clearInterval(timer);
    reread();
  });
  return button;
}
