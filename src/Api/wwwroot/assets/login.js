// The login page: draws whatever the flow offers (its actions and their fields), never a form per state name.
import { h, show, focusFirst } from './dom.js';
import { call, session } from './api.js';
import { t, has, applyLanguage, formatTime } from './i18n.js';

const step = document.querySelector('#step');
const timers = new Set();
let generation = 0; // bumped by every render: answers to reads started for an older step are dropped

function every(ms, fn) { const id = setInterval(fn, ms); timers.add(id); return id; }
function stopTimers() { for (const id of timers) clearInterval(id); timers.clear(); }
const secondsUntil = iso => Math.max(0, Math.ceil((new Date(iso) - Date.now()) / 1000));

// WeCom's OAuth round trip is bound to this browser: `state` is the flow id and a nonce this tab keeps. A link that
// brings someone else's code (and their flow) back here finds no such nonce, and signs nobody in (login CSRF).
const WeComStateKey = 'loginorchestrator.wecom-state';
const NonceLength = 32;

function weComState(flowId) {
  const nonce = Array.from(crypto.getRandomValues(new Uint8Array(NonceLength / 2)), b => b.toString(16).padStart(2, '0')).join('');
  const state = flowId + nonce;
  sessionStorage.setItem(WeComStateKey, state);
  return state;
}

async function start() {
  applyLanguage();
  const query = new URLSearchParams(location.search);
  // Back from WeCom's OAuth page; the one-time code leaves the address bar at once.
  if (query.get('code') && query.get('state')) {
    history.replaceState(null, '', '/');
    const state = query.get('state');
    const expected = sessionStorage.getItem(WeComStateKey);
    sessionStorage.removeItem(WeComStateKey);
    if (!expected || expected !== state) return foreignWeComReturn();
    const flowId = state.slice(0, -NonceLength);
    return render(await call('POST', `/api/v1/login/flows/${encodeURIComponent(flowId)}/wecom`, { code: query.get('code') }));
  }
  const returnTo = query.get('returnTo');
  render(await call('POST', '/api/v1/login/flows', returnTo ? { returnTo } : {}));
}

const restart = () => h('button', { type: 'button', class: 'secondary', onclick: () => { history.replaceState(null, '', location.pathname + location.search); start(); } }, t('flow.restart'));

function render(answer) {
  stopTimers();
  generation++;
  const problem = answer.ok ? null : answer.body;
  const flow = answer.ok ? answer.body : problem?.flow;
  if (!flow) return renderProblem(answer);

  if (flow.state === 'Issued' && flow.session) {
    session.token = flow.session.token;
    show(step, h('h2', { tabindex: '-1' }, t('state.Issued')), h('p', { role: 'status' }, t('flow.signedIn')));
    location.assign(flow.returnTo ?? '/account/');
    return;
  }

  const parts = [h('h2', { tabindex: '-1', id: 'step-title' }, t(`state.${flow.state}`))];
  if (flow.user) parts.push(h('p', { class: 'muted' }, t('flow.signedInAs', { name: flow.user.name })));
  for (const reason of flow.reasons ?? []) if (has(`reason.${reason}`)) parts.push(h('p', { class: 'notice' }, t(`reason.${reason}`)));
  parts.push(messages(flow, problem));
  if (problem && flow.actions.length > 0 && ['invalid_credentials', 'code_invalid'].includes(problem.code))
    parts.push(h('p', { class: 'attempts' }, t('flow.attemptsLeft', { n: flow.attemptsRemaining })));
  if (flow.state === 'Locked') parts.push(lockedFor(problem?.retryAfter ?? answer.retryAfter));
  if (flow.captcha) parts.push(captchaStatus(flow));
  for (const action of flow.actions) parts.push(actionForm(action, flow));
  if (flow.captcha && !flow.actions.some(a => a.name === 'resendCaptcha')) parts.push(resendCountdown(flow));
  if (flow.actions.length === 0) parts.push(restart());
  else parts.push(h('p', { class: 'muted small' }, t('flow.expiresAt', { time: formatTime(flow.expiresAt) })));

  show(step, parts);
  focusFirst(step);
}

function messages(flow, problem) {
  const list = [...(flow.messages ?? [])];
  if (problem?.detail && !list.some(m => m.code === problem.code)) list.push({ type: 'error', code: problem.code, text: problem.detail });
  if (list.length === 0) return null;
  return h('div', { class: 'messages' }, list.map(m =>
    h('p', { class: `message ${m.type}`, role: m.type === 'error' ? 'alert' : 'status', 'data-code': m.code }, m.text)));
}

function renderProblem(answer) {
  const text = answer.status === 0 ? t('error.network')
    : answer.status === 429 ? t('error.rateLimited', { s: answer.retryAfter ?? 60 })
    : answer.body?.detail ?? t('error.generic');
  show(step, h('h2', { tabindex: '-1' }, t('state.Failed')), h('p', { class: 'message error', role: 'alert', 'data-code': answer.body?.code ?? '' }, text), restart());
  focusFirst(step);
}

function lockedFor(seconds) {
  if (!seconds) return h('p', { class: 'notice' }, t('flow.locked'));
  const until = Date.now() + seconds * 1000;
  const line = h('p', { class: 'notice', id: 'locked-for' }, t('flow.lockedFor', { s: seconds }));
  every(1000, () => { line.textContent = t('flow.lockedFor', { s: Math.max(0, Math.ceil((until - Date.now()) / 1000)) }); });
  return line;
}

// Where the code went and whether it arrived; while it is on its way, the flow is read again each second.
function captchaStatus(flow) {
  const delivery = h('p', { role: 'status' });
  const block = h('div', { class: 'captcha' },
    h('p', {}, t('flow.codeSentTo', { target: flow.captcha.maskedTarget })), delivery,
    h('p', { class: 'muted small' }, t('flow.codeExpires', { time: formatTime(flow.captcha.expiresAt) })));
  if (flow.captcha.delivery === 'queued') {
    const started = Date.now();
    const drawn = generation;
    const poll = every(1000, async () => {
      const read = await call('GET', `/api/v1/login/flows/${flow.id}`);
      if (drawn !== generation) return;
      const now = read.body?.captcha?.delivery;
      if (now && now !== 'queued') { clearInterval(poll); showDelivery(delivery, now); }
      if (Date.now() - started > 60_000) clearInterval(poll);
    });
  }
  showDelivery(delivery, flow.captcha.delivery);
  return block;
}

function showDelivery(line, status) {
  line.textContent = status ? t(`flow.delivery.${status}`) : '';
  line.dataset.delivery = status ?? '';
  line.className = { failed: 'message error', sent: 'ok' }[status] ?? 'muted';
}

// Resending is offered only after the cooldown: until then a disabled button counts down, then the flow is read again.
function resendCountdown(flow) {
  const seconds = secondsUntil(flow.captcha.resendAvailableAt);
  if (seconds <= 0) return null;
  const button = h('button', { type: 'button', class: 'secondary', id: 'resend', disabled: true }, t('flow.resendIn', { s: seconds }));
  const timer = every(1000, async () => {
    const left = secondsUntil(flow.captcha.resendAvailableAt);
    button.textContent = t('flow.resendIn', { s: left });
    if (left > 0) return;
    clearInterval(timer);
    const drawn = generation;
    const read = await call('GET', `/api/v1/login/flows/${flow.id}`);
    if (read.ok && drawn === generation) render(read);
  });
  return button;
}

function foreignWeComReturn() {
  show(step, h('h2', { tabindex: '-1' }, t('state.Failed')),
    h('p', { class: 'message error', role: 'alert', 'data-code': 'wecom_state_mismatch' }, t('flow.weComForeign')), restart());
  focusFirst(step);
}

function actionForm(action, flow) {
  if (action.name === 'submitWeComCode') {
    // Offered when WeCom is configured: its OAuth page comes back here with ?code=…&state=<flow id + nonce>.
    if (!action.authorizeUrl) return null;
    const url = new URL(action.authorizeUrl);
    url.searchParams.set('state', weComState(flow.id));
    return h('p', {}, h('a', { class: 'button wecom', href: url.toString() }, t('action.submitWeComCode')));
  }
  const fields = action.fields.map(field => fieldFor(action, field));
  const submit = h('button', { type: 'submit', id: `${action.name}-submit`, class: action.fields.length === 0 ? 'secondary' : '' }, t(`action.${action.name}`));
  const form = h('form', { class: 'action', 'data-action': action.name }, fields, submit);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submit.disabled = true;
    const body = Object.fromEntries(action.fields.map(f => [f.name, form.elements[f.name].value.trim()]));
    render(await call(action.method, action.href, action.fields.length ? body : undefined));
  });
  return form;
}

function fieldFor(action, field) {
  const id = `${action.name}-${field.name}`;
  const labelKey = [`field.${field.name}.${action.name}`, `field.${field.name}.${field.type === 'tel' ? 'sms' : field.type}`, `field.${field.name}`].find(has);
  const label = h('label', { for: id }, labelKey ? t(labelKey) : field.name);
  if (field.type === 'choice') {
    return h('div', { class: 'field' }, label,
      h('select', { id, name: field.name, required: field.required }, (field.options ?? []).map(o => h('option', { value: o }, has(`choice.${o}`) ? t(`choice.${o}`) : o))));
  }
  const attributes = {
    text: { type: 'text', autocomplete: field.name === 'userId' ? 'username' : 'off', autocapitalize: 'none', spellcheck: 'false' },
    password: { type: 'password', autocomplete: 'current-password' },
    code: { type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]*', maxlength: '8' },
    email: { type: 'email', autocomplete: 'email' },
    tel: { type: 'tel', autocomplete: 'tel' },
  }[field.type] ?? { type: 'text' };
  return h('div', { class: 'field' }, label, h('input', { id, name: field.name, required: field.required, ...attributes }));
}

start();
