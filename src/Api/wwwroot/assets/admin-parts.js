// What the admin console's tabs share: drawing only the latest of overlapping loads, a refusal's text in the page's
// language, a pager and a labelled field.
import { h } from './dom.js';
import { t, has } from './i18n.js';

// Loads that overlap (a tab opened, or a filter sent, while the previous one is still loading): only the answer
// to the latest is drawn, whichever comes back last.
export function latestOnly(load, draw) {
  let latest = 0;
  return async (...args) => {
    const ticket = ++latest;
    const result = await load(...args);
    if (ticket === latest) draw(result);
  };
}

// A refusal as the admin reads it: the server's message (in the page's language: api.js sends it); the console's
// own words for a code that comes without one (no network); line and column when a template broke.
export function problemText(problem) {
  const code = problem?.code;
  const reason = problem?.errors ? Object.values(problem.errors).flat().join(' ')
    : problem?.detail ?? (code && has(`problem.${code}`) ? t(`problem.${code}`) : t('error.generic'));
  return problem?.line ? t('admin.templateError', { line: problem.line, column: problem.column, reason }) : reason;
}

export function pager(page, number, load) {
  const last = Math.max(1, Math.ceil(page.total / page.pageSize));
  return h('p', { class: 'row' },
    h('button', { type: 'button', class: 'secondary', disabled: number <= 1, onclick: () => load(number - 1) }, t('admin.prev')),
    h('span', {}, t('admin.page', { page: number, total: page.total })),
    h('button', { type: 'button', class: 'secondary', disabled: number >= last, onclick: () => load(number + 1) }, t('admin.next')));
}

export function field(input, label, ...more) {
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input, ...more);
}

export function failure(answer) {
  return h('span', { class: 'field-error', role: 'alert', 'data-code': answer.body?.code ?? '' }, problemText(answer.body));
}
