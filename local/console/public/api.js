/** Calls the console's JSON endpoints with the operator token kept in sessionStorage. */

const TOKEN_KEY = 'operator-console-token';
const base = document.getElementById('app')?.dataset.base ?? '/console';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.fields = body?.error?.fields;
  }
}

export function getToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export async function api(path, { method = 'GET', body, token = getToken() } = {}) {
  const response = await fetch(`${base}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token ?? ''}`,
      accept: 'application/json',
      'accept-language': navigator.language,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const payload = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = new ApiError(response.status, payload);
    if (response.status === 401) window.dispatchEvent(new CustomEvent('console:unauthenticated'));
    throw error;
  }
  return payload;
}
