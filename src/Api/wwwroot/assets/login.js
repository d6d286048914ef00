// The login page: draws whatever the flow offers (its actions and their fields), never a form per state name.
import { h, show, focusFirst } from './dom.js';
import { call, session } from './api.js';
import { t, has, applyLanguage, formatTime } from './i18n.js';
import { every, stopTimers, messages, problemText, lockedFor, actionForm, resendCountdown } from './flowparts.js';
import { passkeysSupported, assertPasskey } from './passkeys.js';

const step = document.querySelector('#step');
let generation = 0; // bumped by every render: answers to reads started for an older step are dropped
let recoveryEnabled = false; // the settings allow "forgot password"

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
  const [flow, recovery] = await Promise.all([
    call('POST', '/api/v1/login/flows', returnTo ? { returnTo } : {}), call('GET', '/api/v1/recovery')]);
  recoveryEnabled = recovery.ok && recovery.body.enabled;
  render(flow);
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

  // A second factor that is only a passkey is not a code to enter.
  const passkeyOnly = flow.state === 'OtpChallenge' && flow.actions.length > 0 && flow.actions.every(a => a.name === 'submitPasskey');
  const parts = [h('h2', { tabindex: '-1', id: 'step-title' }, t(passkeyOnly ? 'state.OtpChallenge.passkey' : `state.${flow.state}`))];
  if (flow.user) parts.push(h('p', { class: 'muted' }, t('flow.signedInAs', { name: flow.user.name })));
  for (const reason of flow.reasons ?? []) if (has(`reason.${reason}`)) parts.push(h('p', { class: 'notice' }, t(`reason.${reason}`)));
  parts.push(messages(flow, problem));
  if (problem && flow.actions.length > 0 && ['invalid_credentials', 'code_invalid'].includes(problem.code))
    parts.push(h('p', { class: 'attempts' }, t('flow.attemptsLeft', { n: flow.attemptsRemaining })));
  if (flow.state === 'Locked') parts.push(lockedFor(problem?.retryAfter ?? answer.retryAfter));
  if (flow.captcha) parts.push(captchaStatus(flow));
  for (const action of flow.actions) parts.push(formFor(action, flow));
  if (recoveryEnabled && flow.actions.some(a => a.name === 'submitPassword'))
    parts.push(h('p', { class: 'small' }, h('a', { href: '/recover/', id: 'forgot-password' }, t('flow.forgotPassword'))));
  if (flow.captcha && !flow.actions.some(a => a.name === 'resendCaptcha')) parts.push(resendCountdownFor(flow));
  if (flow.actions.length === 0) parts.push(restart());
  else parts.push(h('p', { class: 'muted small' }, t('flow.expiresAt', { time: formatTime(flow.expiresAt) })));

  show(step, parts);
  focusFirst(step);
}

function renderProblem(answer) {
  const text = problemText(answer);
  show(step, h('h2', { tabindex: '-1' }, t('state.Failed')), h('p', { class: 'message error', role: 'alert', 'data-code': answer.body?.code ?? '' }, text), restart());
  focusFirst(step);
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

// The flow is read again once the resend wait is over (unless another answer was drawn meanwhile).
function resendCountdownFor(flow) {
  return resendCountdown(flow.captcha.resendAvailableAt, async () => {
    const drawn = generation;
    const read = await call('GET', `/api/v1/login/flows/${flow.id}`);
    if (read.ok && drawn === generation) render(read);
  });
}

function foreignWeComReturn() {
  show(step, h('h2', { tabindex: '-1' }, t('state.Failed')),
    h('p', { class: 'message error', role: 'alert', 'data-code': 'wecom_state_mismatch' }, t('flow.weComForeign')), restart());
  focusFirst(step);
}

function formFor(action, flow) {
  if (action.name === 'submitWeComCode') {
    // Offered when WeCom is configured: its OAuth page comes back here with ?code=…&state=<flow id + nonce>.
    if (!action.authorizeUrl) return null;
    const url = new URL(action.authorizeUrl);
    url.searchParams.set('state', weComState(flow.id));
    return h('p', {}, h('a', { class: 'button wecom', href: url.toString() }, t('action.submitWeComCode')));
  }
  if (action.name === 'submitPasskey') return passkeyForm(action, flow);
  return actionForm(action, render);
}

// A passkey: the browser asks the authenticator (PIN or biometrics), the answer goes to the flow. Passwordless in
// Credentials, the second factor in OtpChallenge (with "remember this device" when offered).
function passkeyForm(action, flow) {
  if (!passkeysSupported()) return null;
  const remember = action.fields.some(f => f.name === 'rememberDevice')
    ? h('div', { class: 'field check' }, h('input', { id: 'submitPasskey-rememberDevice', name: 'rememberDevice', type: 'checkbox' }),
      h('label', { for: 'submitPasskey-rememberDevice' }, t('field.rememberDevice')))
    : null;
  const status = h('p', { class: 'muted small', role: 'status' });
  const button = h('button', { type: 'submit', id: 'submitPasskey-submit', class: flow.state === 'Credentials' ? 'secondary' : '' },
    t(flow.state === 'Credentials' ? 'action.submitPasskey.passwordless' : 'action.submitPasskey'));
  const form = h('form', { class: 'action', 'data-action': action.name }, remember, button, status);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    button.disabled = true;
    let credential;
    try {
      credential = await assertPasskey(action.publicKey);
    } catch {
      // Cancelled, timed out or no passkey here: nothing was sent, the flow is as it was.
      status.textContent = t('flow.passkeyCancelled');
      button.disabled = false;
      return;
    }
    render(await call(action.method, action.href, { credential, rememberDevice: form.elements.rememberDevice?.checked ?? false }));
  });
  return form;
}

start();
