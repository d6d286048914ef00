// The recovery page: steps a recovery flow as the login page steps a login, from whatever the flow offers. Opened
// from the login page it starts a flow; from an admin's mail (?flow=…) it continues that one.
import { h, show, focusFirst } from './dom.js';
import { call } from './api.js';
import { t, applyLanguage, formatTime } from './i18n.js';
import { stopTimers, messages, problemText, lockedFor, actionForm, resendCountdown } from './flowparts.js';

const step = document.querySelector('#step');
const base = '/api/v1/recovery/flows';
let generation = 0;

async function start() {
  applyLanguage();
  const flowId = new URLSearchParams(location.search).get('flow');
  render(flowId ? await call('GET', `${base}/${encodeURIComponent(flowId)}`) : await call('POST', base));
}

const toLogin = () => h('p', {}, h('a', { class: 'button', href: '/', id: 'to-login' }, t('recovery.toLogin')));
const restart = () => h('button', { type: 'button', class: 'secondary', onclick: () => { history.replaceState(null, '', '/recover/'); start(); } }, t('flow.restart'));

function render(answer) {
  stopTimers();
  generation++;
  const problem = answer.ok ? null : answer.body;
  const flow = answer.ok ? answer.body : problem?.flow;
  if (!flow) {
    show(step, h('h2', { tabindex: '-1' }, t('recovery.title')),
      h('p', { class: 'message error', role: 'alert', 'data-code': answer.body?.code ?? '' }, problemText(answer)), toLogin());
    return focusFirst(step);
  }

  const parts = [h('h2', { tabindex: '-1', id: 'step-title' }, t(`recovery.state.${flow.state}`))];
  parts.push(messages(flow, problem));
  if (problem && flow.actions.length > 0 && problem.code === 'code_invalid')
    parts.push(h('p', { class: 'attempts' }, t('flow.attemptsLeft', { n: flow.attemptsRemaining })));
  if (flow.state === 'Locked') parts.push(lockedFor(problem?.retryAfter ?? answer.retryAfter));
  if (flow.state === 'SetPassword') parts.push(h('p', { class: 'muted small' }, t('recovery.passwordRules')));
  if (flow.code) parts.push(h('p', { class: 'muted small' }, t('flow.codeExpires', { time: formatTime(flow.code.expiresAt) })));
  for (const action of flow.actions) parts.push(actionForm(action, render));
  if (flow.code && !flow.actions.some(a => a.name === 'resendCode')) parts.push(resendCountdownFor(flow));
  if (flow.state === 'Done') parts.push(toLogin());
  else if (flow.actions.length === 0) parts.push(restart(), toLogin());
  else parts.push(h('p', { class: 'muted small' }, t('recovery.expiresAt', { time: formatTime(flow.expiresAt) })));

  show(step, parts);
  focusFirst(step);
}

// The flow is read again once the resend wait is over (unless another answer was drawn meanwhile).
function resendCountdownFor(flow) {
  return resendCountdown(flow.code.resendAvailableAt, async () => {
    const drawn = generation;
    const read = await call('GET', `${base}/${flow.id}`);
    if (read.ok && drawn === generation) render(read);
  });
}

start();
