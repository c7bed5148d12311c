import { expiresWithin, keepAccessToken, keptAccessToken, tokenClaims, tokenSubject } from './accessToken';

/** The local stack's token issuer: `POST /dev/token?user=<id>` answers the bare JWT as text. */
export const DEV_TOKEN_URL = '/dev/token';
export const DEFAULT_DEMO_USER = 'alice';
/** A token with less than this left is renewed before use. */
const RENEW_BEFORE_EXPIRY_S = 30;

/**
 * The access token of the page where no OIDC provider is configured (the local stack), from:
 * 1. the token kept in sessionStorage for this tab, if it has not expired and is for the user the
 *    address asks for (`?user=`);
 * 2. the local stack's issuer: `POST /dev/token?user=<?user= or alice>`.
 * Never from the address itself: a token there leaks into history, logs and Referer.
 */
export async function resolveDemoToken(): Promise<string | null> {
  const wanted = new URL(window.location.href).searchParams.get('user');
  const kept = keptAccessToken();
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

async function fetchDevToken(user: string): Promise<string | null> {
  try {
    const response = await fetch(`${DEV_TOKEN_URL}?user=${encodeURIComponent(user)}`, {
      method: 'POST',
      headers: { Accept: 'text/plain' },
      credentials: 'same-origin',
    });
    if (!response.ok) return null;
    const token = (await response.text()).trim();
    if (!tokenClaims(token)) return null;
    keepAccessToken(token);
    return token;
  } catch {
    return null;
  }
}
