export const DEMO_TOKEN_KEY = 'notifications.demoToken';
export const DEV_TOKEN_URL = '/api/dev/token';

/**
 * The access token of the demo page, from (in this order):
 * 1. `?token=<jwt>` in the address, which is then kept in sessionStorage and removed from the
 *    address bar (so it does not stay in history or leak through Referer);
 * 2. the token kept in sessionStorage for this tab;
 * 3. `GET /api/dev/token` of a local stack (answers `{"token": "..."}` or `{"access_token": "..."}`).
 * A real application gets the token from its sign-in instead.
 */
export async function resolveDemoToken(): Promise<string | null> {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(DEMO_TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }

  const kept = sessionStorage.getItem(DEMO_TOKEN_KEY);
  if (kept) return kept;

  try {
    const response = await fetch(DEV_TOKEN_URL, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) return null;
    const body = (await response.json()) as { token?: unknown; access_token?: unknown };
    const token = typeof body.token === 'string' ? body.token : typeof body.access_token === 'string' ? body.access_token : null;
    if (token) sessionStorage.setItem(DEMO_TOKEN_KEY, token);
    return token;
  } catch {
    return null;
  }
}
