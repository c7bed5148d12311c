export const DEMO_TOKEN_KEY = 'notifications.demoToken';
/** The local stack's token issuer: `POST /dev/token?user=<id>` answers the bare JWT as text. */
export const DEV_TOKEN_URL = '/dev/token';
export const DEFAULT_DEMO_USER = 'alice';
/** A token with less than this left is renewed before use. */
const RENEW_BEFORE_EXPIRY_S = 30;

/**
 * The access token of the demo page, from (in this order):
 * 1. `?token=<jwt>` in the address, which is then kept in sessionStorage and removed from the
 *    address bar (so it does not stay in history or leak through Referer);
 * 2. the token kept in sessionStorage for this tab, if it has not expired and is for the user the
 *    address asks for (`?user=`);
 * 3. the local stack's issuer: `POST /dev/token?user=<?user= or alice>`.
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

  const wanted = url.searchParams.get('user');
  const kept = sessionStorage.getItem(DEMO_TOKEN_KEY);
  if (kept && !expiresWithin(kept, 0) && (!wanted || tokenSubject(kept) === wanted)) return kept;

  return fetchDevToken(wanted || DEFAULT_DEMO_USER);
}

/**
 * The token for the page's API calls: the given one while it is valid; shortly before it expires
 * a new one for the same user from the local stack (so a stream closed with `reauthenticate`
 * resumes with a fresh session). Where there is no issuer the old token is kept, and the server
 * refuses it once it has expired.
 */
export function demoTokenSource(initial: string): { getToken: () => Promise<string> } {
  let current = initial;
  let renewing: Promise<string> | null = null;
  return {
    async getToken() {
      if (!expiresWithin(current, RENEW_BEFORE_EXPIRY_S)) return current;
      const user = tokenSubject(current);
      if (!user) return current;
      renewing ??= fetchDevToken(user)
        .then((fresh) => {
          if (fresh) current = fresh;
          return current;
        })
        .finally(() => {
          renewing = null;
        });
      return renewing;
    },
  };
}

/** The token's `sub` claim, read without verifying (the services verify it). */
export function tokenSubject(token: string): string | undefined {
  const sub = claims(token)?.sub;
  return typeof sub === 'string' ? sub : undefined;
}

async function fetchDevToken(user: string): Promise<string | null> {
  try {
    const response = await fetch(`${DEV_TOKEN_URL}?user=${encodeURIComponent(user)}`, {
      method: 'POST',
      headers: { Accept: 'text/plain' },
      credentials: 'same-origin',
    });
    if (!response.ok) return null;
    const token = (await response.text()).trim();
    if (!claims(token)) return null;
    sessionStorage.setItem(DEMO_TOKEN_KEY, token);
    return token;
  } catch {
    return null;
  }
}

function expiresWithin(token: string, seconds: number): boolean {
  const exp = claims(token)?.exp;
  return typeof exp === 'number' && exp - seconds <= Date.now() / 1000;
}

function claims(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
