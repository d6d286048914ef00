// The REST client of the pages: JSON in and out, the page's language, and the session token from sessionStorage
// (never a cookie, never a URL). Errors are RFC 9457 problem documents, returned, not thrown.
import { language } from './i18n.js';

const TokenKey = 'loginorchestrator.session';

export const session = {
  get token() { return sessionStorage.getItem(TokenKey); },
  set token(value) { value ? sessionStorage.setItem(TokenKey, value) : sessionStorage.removeItem(TokenKey); },
};

export async function call(method, path, body) {
  const headers = { 'Accept': 'application/json', 'Accept-Language': language() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (session.token) headers['Authorization'] = `Bearer ${session.token}`;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    return { ok: false, status: 0, body: { code: 'network_error' } };
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  return { ok: response.ok, status: response.status, body: json, retryAfter: Number(response.headers.get('Retry-After')) || null };
}

// Pages that need a session send the visitor to the login page without one (or with a dead one).
export async function requireSession() {
  if (!session.token) { location.assign('/'); return null; }
  const answer = await call('GET', '/api/v1/session');
  if (answer.status === 401) { session.token = null; location.assign('/'); return null; }
  return answer.ok ? answer.body : null;
}

export async function logOut() {
  await call('DELETE', '/api/v1/session');
  session.token = null;
  location.assign('/');
}
