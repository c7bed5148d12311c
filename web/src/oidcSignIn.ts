import { expiresWithin, keepAccessToken, tokenClaims } from './accessToken';
import type { AuthConfig } from './authConfig';
import { pkceChallenge, randomUrlSafe } from './pkce';

/** The provider as its discovery document describes it. */
export interface OidcProvider {
  issuer: string;
  clientId: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
}

export interface OidcTokens {
  accessToken: string;
  /** Kept in memory only: after a reload an expired access token means signing in again. */
  refreshToken?: string;
}

/** A sign-in that cannot go on; its message is for the user. */
export class SignInError extends Error {}

/** What a started sign-in leaves in this tab for the page the provider sends the browser back to. */
const PENDING_KEY = 'notifications.oidc.pending';
/** The answer's parameters, removed from the address once read (the code is single-use, and not for history). */
const ANSWER_PARAMS = ['code', 'state', 'session_state', 'iss', 'error', 'error_description', 'error_uri'];
/** A token with less than this left is refreshed before use. */
const RENEW_BEFORE_EXPIRY_S = 30;

interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
}

type Navigate = (url: string) => void;
const goTo: Navigate = (url) => window.location.assign(url);

/** Reads `<issuer>/.well-known/openid-configuration`; a document naming another issuer is refused (OpenID Connect Discovery 1.0, 4.3). */
export async function discoverProvider(config: AuthConfig): Promise<OidcProvider> {
  const url = `${config.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new SignInError(`${url}: HTTP ${response.status}`);
  const doc = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  const { issuer, authorization_endpoint: authorizationEndpoint, token_endpoint: tokenEndpoint } = doc ?? {};
  if (issuer !== config.issuer) throw new SignInError(`the discovery document of ${config.issuer} names another issuer (${String(issuer)})`);
  if (typeof authorizationEndpoint !== 'string' || typeof tokenEndpoint !== 'string') {
    throw new SignInError(`${url}: no authorization_endpoint or token_endpoint`);
  }
  return { issuer: config.issuer, clientId: config.clientId, authorizationEndpoint, tokenEndpoint };
}

/**
 * Sends the browser to the provider: authorization code flow with PKCE (S256), a fresh state
 * (ties the answer to this tab's sign-in) and nonce (ties the ID token to it), back to this page.
 */
export async function beginSignIn(provider: OidcProvider, navigate: Navigate = goTo): Promise<void> {
  const pending: PendingSignIn = {
    state: randomUrlSafe(16),
    nonce: randomUrlSafe(16),
    verifier: randomUrlSafe(32),
    redirectUri: `${window.location.origin}${window.location.pathname}`,
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(provider.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', provider.clientId);
  url.searchParams.set('redirect_uri', pending.redirectUri);
  url.searchParams.set('scope', 'openid');
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  url.searchParams.set('code_challenge', await pkceChallenge(pending.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  navigate(url.toString());
}

/** True if the address carries the provider's answer to a sign-in. */
export function hasSignInAnswer(): boolean {
  const params = new URL(window.location.href).searchParams;
  return params.has('state') && (params.has('code') || params.has('error'));
}

/**
 * Takes the provider's answer from the address: checks its state against the sign-in this tab
 * started, exchanges the code (with the PKCE verifier) at the token endpoint, and keeps the access
 * token for this tab. The answer is removed from the address and the started sign-in forgotten
 * either way, so neither can be used twice.
 */
export async function completeSignIn(provider: OidcProvider): Promise<OidcTokens> {
  const params = new URL(window.location.href).searchParams;
  const pending = takePending();
  removeAnswerFromAddress();
  if (!pending || params.get('state') !== pending.state) {
    throw new SignInError('Sign-in refused: the answer does not belong to a sign-in started in this tab (its state does not match). Sign in again.');
  }
  const error = params.get('error');
  if (error) throw new SignInError(`Sign-in failed: ${params.get('error_description') || error}`);

  const response = await postForm(provider.tokenEndpoint, {
    grant_type: 'authorization_code',
    code: params.get('code') ?? '',
    redirect_uri: pending.redirectUri,
    client_id: provider.clientId,
    code_verifier: pending.verifier,
  });
  const body = await tokenResponse(response);
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new SignInError(`Sign-in failed: the token endpoint refused the code (${refusal(response, body)})`);
  }
  if (typeof body.id_token === 'string' && tokenClaims(body.id_token)?.nonce !== pending.nonce) {
    throw new SignInError('Sign-in refused: the ID token was issued for another sign-in (nonce). Sign in again.');
  }
  keepAccessToken(body.access_token);
  return { accessToken: body.access_token, refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined };
}

/**
 * The token for the page's API calls: the current one while it is valid; shortly before it
 * expires a refreshed one (refresh token grant); where that is not possible, the browser is sent
 * to sign in again and the call fails.
 */
export function oidcTokenSource(provider: OidcProvider, tokens: OidcTokens, navigate: Navigate = goTo): { getToken: () => Promise<string> } {
  let current = tokens;
  let renewing: Promise<string> | null = null;

  async function renew(): Promise<string> {
    if (current.refreshToken) {
      const response = await postForm(provider.tokenEndpoint, {
        grant_type: 'refresh_token',
        refresh_token: current.refreshToken,
        client_id: provider.clientId,
      }).catch(() => null);
      const body = response ? await tokenResponse(response) : {};
      if (response?.ok && typeof body.access_token === 'string') {
        current = { accessToken: body.access_token, refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : current.refreshToken };
        keepAccessToken(current.accessToken);
        return current.accessToken;
      }
    }
    await beginSignIn(provider, navigate);
    throw new SignInError('the access token expired: signing in again');
  }

  return {
    async getToken() {
      if (!expiresWithin(current.accessToken, RENEW_BEFORE_EXPIRY_S)) return current.accessToken;
      renewing ??= renew().finally(() => {
        renewing = null;
      });
      return renewing;
    },
  };
}

function takePending(): PendingSignIn | null {
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  try {
    return raw ? (JSON.parse(raw) as PendingSignIn) : null;
  } catch {
    return null;
  }
}

function removeAnswerFromAddress(): void {
  const url = new URL(window.location.href);
  for (const name of ANSWER_PARAMS) url.searchParams.delete(name);
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(fields).toString(),
  });
}

async function tokenResponse(response: Response): Promise<Record<string, unknown>> {
  const body: unknown = await response.json().catch(() => null);
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

function refusal(response: Response, body: Record<string, unknown>): string {
  if (typeof body.error !== 'string') return `HTTP ${response.status}`;
  return typeof body.error_description === 'string' ? `${body.error}: ${body.error_description}` : body.error;
}
