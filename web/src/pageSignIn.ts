import { expiresWithin, forgetAccessToken, keptAccessToken } from './accessToken';
import { loadAuthConfig } from './authConfig';
import { demoTokenSource, resolveDemoToken } from './demoToken';
import { beginSignIn, completeSignIn, discoverProvider, hasSignInAnswer, oidcTokenSource } from './oidcSignIn';

export interface TokenSource {
  getToken: () => Promise<string>;
}

/** Where the page stands after trying to sign in. */
export type PageSignIn =
  | { state: 'signedIn'; token: string; tokenSource: TokenSource }
  /** `message`: why signing in failed; without one, the page just says how to sign in. */
  | { state: 'signedOut'; message?: string }
  /** The browser is on its way to the provider's sign-in page. */
  | { state: 'redirecting' };

/** Set by sign-out: the page does not sign in by itself again (not even on reload) until the user asks. */
const SIGNED_OUT_KEY = 'notifications.signedOut';

/**
 * Signs the page in. Where the origin serves `/auth-config.json`, with that OpenID Connect
 * provider (authorization code with PKCE): it takes the provider's answer if the address carries
 * one, else the tab's valid token, else sends the browser to sign in. Elsewhere (the local stack)
 * with a demo token from `/dev/token`.
 */
export async function signInPage(navigate?: (url: string) => void): Promise<PageSignIn> {
  let provider;
  try {
    const config = await loadAuthConfig();
    if (!config) return devSignIn();
    provider = await discoverProvider(config);
  } catch (e) {
    return { state: 'signedOut', message: `Sign-in is not available: ${messageOf(e)}` };
  }

  if (hasSignInAnswer()) {
    try {
      const tokens = await completeSignIn(provider);
      return { state: 'signedIn', token: tokens.accessToken, tokenSource: oidcTokenSource(provider, tokens, navigate) };
    } catch (e) {
      return { state: 'signedOut', message: messageOf(e) };
    }
  }
  if (isSignedOut()) return { state: 'signedOut' };
  const kept = keptAccessToken();
  if (kept && !expiresWithin(kept, 0)) return { state: 'signedIn', token: kept, tokenSource: oidcTokenSource(provider, { accessToken: kept }, navigate) };
  await beginSignIn(provider, navigate);
  return { state: 'redirecting' };
}

/** Forgets the tab's token; the page stays signed out until `allowSignIn()`. */
export function signOutPage(): void {
  forgetAccessToken();
  sessionStorage.setItem(SIGNED_OUT_KEY, 'true');
}

/** The user asked to sign in (again). */
export function allowSignIn(): void {
  sessionStorage.removeItem(SIGNED_OUT_KEY);
}

async function devSignIn(): Promise<PageSignIn> {
  if (isSignedOut()) return { state: 'signedOut' };
  const token = await resolveDemoToken();
  return token ? { state: 'signedIn', token, tokenSource: demoTokenSource(token) } : { state: 'signedOut' };
}

function isSignedOut(): boolean {
  return sessionStorage.getItem(SIGNED_OUT_KEY) !== null;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
