import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCESS_TOKEN_KEY } from './accessToken';
import { beginSignIn, completeSignIn, discoverProvider, hasSignInAnswer, oidcTokenSource, SignInError, type OidcProvider } from './oidcSignIn';
import { pkceChallenge } from './pkce';
import { installFakeFetch, json } from './test/fakeFetch';
import { inOneHour, jwt } from './test/jwt';

const ISSUER = 'http://localhost:8080/auth/realms/notifications';
const provider: OidcProvider = {
  issuer: ISSUER,
  clientId: 'notifications-web',
  authorizationEndpoint: `${ISSUER}/protocol/openid-connect/auth`,
  tokenEndpoint: `${ISSUER}/protocol/openid-connect/token`,
};
const TOKEN_PATH = 'POST /auth/realms/notifications/protocol/openid-connect/token';

/** Starts a sign-in from `page` and answers the URL the browser was sent to. */
async function startSignIn(page = '/dashboard?user=alice#top'): Promise<URL> {
  window.history.replaceState(null, '', page);
  const navigate = vi.fn();
  await beginSignIn(provider, navigate);
  expect(navigate).toHaveBeenCalledTimes(1);
  return new URL(navigate.mock.calls[0][0] as string);
}

/** The provider sends the browser back to the page with these parameters. */
function comeBack(params: Record<string, string>, page = '/dashboard?user=alice') {
  const url = new URL(page, window.location.origin);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  window.history.replaceState(null, '', `${url.pathname}${url.search}#top`);
}

const form = (body: string | undefined) => Object.fromEntries(new URLSearchParams(body ?? ''));

describe('OIDC sign-in', () => {
  beforeEach(() => {
    sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  it("reads the issuer's discovery document", async () => {
    const { requests } = installFakeFetch({
      'GET /auth/realms/notifications/.well-known/openid-configuration': {
        issuer: ISSUER,
        authorization_endpoint: provider.authorizationEndpoint,
        token_endpoint: provider.tokenEndpoint,
      },
    });
    expect(await discoverProvider({ issuer: ISSUER, clientId: 'notifications-web' })).toEqual(provider);
    expect(requests[0].url).toBe(`${ISSUER}/.well-known/openid-configuration`);
  });

  it('refuses a discovery document of another issuer', async () => {
    installFakeFetch({
      'GET /auth/realms/notifications/.well-known/openid-configuration': {
        issuer: 'http://evil.test/',
        authorization_endpoint: 'http://evil.test/auth',
        token_endpoint: 'http://evil.test/token',
      },
    });
    await expect(discoverProvider({ issuer: ISSUER, clientId: 'notifications-web' })).rejects.toThrow(
      `the discovery document of ${ISSUER} names another issuer (http://evil.test/)`,
    );
  });

  it('sends the browser to the authorization endpoint with code flow, PKCE S256, state, nonce, scope openid and the page as redirect URI', async () => {
    const url = await startSignIn();
    expect(`${url.origin}${url.pathname}`).toBe(provider.authorizationEndpoint);
    const p = url.searchParams;
    expect(p.get('response_type')).toBe('code');
    expect(p.get('client_id')).toBe('notifications-web');
    expect(p.get('redirect_uri')).toBe(`${window.location.origin}/dashboard`);
    expect(p.get('scope')).toBe('openid');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('state')).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(p.get('nonce')).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(p.get('nonce')).not.toBe(p.get('state'));
    // The challenge is that of the verifier the code exchange will send.
    comeBack({ code: 'c', state: p.get('state')! });
    const { requests } = installFakeFetch({ [TOKEN_PATH]: { access_token: jwt({ sub: 'alice', exp: inOneHour() }) } });
    await completeSignIn(provider);
    expect(await pkceChallenge(form(requests[0].body).code_verifier)).toBe(p.get('code_challenge'));
  });

  it('exchanges the code with the verifier, keeps the access token for this tab and removes code and state from the address', async () => {
    const url = await startSignIn();
    const state = url.searchParams.get('state')!;
    comeBack({ code: 'the-code', state, session_state: 's', iss: ISSUER });
    expect(hasSignInAnswer()).toBe(true);
    const access = jwt({ sub: 'alice', exp: inOneHour() });
    const { requests } = installFakeFetch({ [TOKEN_PATH]: { access_token: access, refresh_token: 'r1', token_type: 'Bearer' } });

    const tokens = await completeSignIn(provider);

    expect(tokens).toEqual({ accessToken: access, refreshToken: 'r1' });
    expect(requests).toHaveLength(1);
    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe(provider.tokenEndpoint);
    expect(requests[0].headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    const body = form(requests[0].body);
    expect(body).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: `${window.location.origin}/dashboard`,
      client_id: 'notifications-web',
      code_verifier: body.code_verifier,
    });
    expect(body.code_verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sessionStorage.getItem(ACCESS_TOKEN_KEY)).toBe(access);
    expect(window.location.search).toBe('?user=alice');
    expect(window.location.hash).toBe('#top');
    expect(hasSignInAnswer()).toBe(false);
  });

  it('refuses an answer whose state is not that of the sign-in this tab started, without exchanging the code', async () => {
    await startSignIn();
    comeBack({ code: 'stolen-code', state: 'someone-elses-state' });
    const { fetchMock } = installFakeFetch({});
    const result = completeSignIn(provider);
    await expect(result).rejects.toBeInstanceOf(SignInError);
    await expect(result).rejects.toThrow(
      'Sign-in refused: the answer does not belong to a sign-in started in this tab (its state does not match). Sign in again.',
    );
    expect(fetchMock).not.toHaveBeenCalled();
    expect(window.location.search).toBe('?user=alice');
  });

  it('refuses a second use of the same answer', async () => {
    const url = await startSignIn();
    const state = url.searchParams.get('state')!;
    installFakeFetch({ [TOKEN_PATH]: { access_token: jwt({ sub: 'alice', exp: inOneHour() }) } });
    comeBack({ code: 'c', state });
    await completeSignIn(provider);
    comeBack({ code: 'c', state });
    await expect(completeSignIn(provider)).rejects.toThrow(/state does not match/);
  });

  it("passes on the provider's refusal", async () => {
    const url = await startSignIn();
    comeBack({ error: 'access_denied', error_description: 'The user said no', state: url.searchParams.get('state')! });
    await expect(completeSignIn(provider)).rejects.toThrow('Sign-in failed: The user said no');
    expect(window.location.search).toBe('?user=alice');
  });

  it("passes on the token endpoint's refusal of the code", async () => {
    const url = await startSignIn();
    comeBack({ code: 'old', state: url.searchParams.get('state')! });
    installFakeFetch({ [TOKEN_PATH]: () => json({ error: 'invalid_grant', error_description: 'Code not valid' }, 400) });
    await expect(completeSignIn(provider)).rejects.toThrow('Sign-in failed: the token endpoint refused the code (invalid_grant: Code not valid)');
    expect(sessionStorage.getItem(ACCESS_TOKEN_KEY)).toBeNull();
  });

  it('refuses an ID token issued for another sign-in (nonce)', async () => {
    const url = await startSignIn();
    comeBack({ code: 'c', state: url.searchParams.get('state')! });
    installFakeFetch({ [TOKEN_PATH]: { access_token: jwt({ sub: 'alice' }), id_token: jwt({ sub: 'alice', nonce: 'other' }) } });
    await expect(completeSignIn(provider)).rejects.toThrow('Sign-in refused: the ID token was issued for another sign-in (nonce). Sign in again.');
    expect(sessionStorage.getItem(ACCESS_TOKEN_KEY)).toBeNull();
  });
});

describe('oidcTokenSource', () => {
  beforeEach(() => {
    sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  it('hands out the token while it is valid, and refreshes it shortly before it expires', async () => {
    const now = Math.floor(Date.now() / 1000);
    const first = jwt({ sub: 'alice', exp: now + 20 });
    const second = jwt({ sub: 'alice', exp: now + 300 });
    const { requests } = installFakeFetch({ [TOKEN_PATH]: { access_token: second, refresh_token: 'r2' } });
    const source = oidcTokenSource(provider, { accessToken: first, refreshToken: 'r1' }, vi.fn());
    expect(await source.getToken()).toBe(second);
    expect(form(requests[0].body)).toEqual({ grant_type: 'refresh_token', refresh_token: 'r1', client_id: 'notifications-web' });
    expect(sessionStorage.getItem(ACCESS_TOKEN_KEY)).toBe(second);
    expect(await source.getToken()).toBe(second);
    expect(requests).toHaveLength(1);
  });

  it('signs in again when the token expires and cannot be refreshed', async () => {
    installFakeFetch({ [TOKEN_PATH]: () => json({ error: 'invalid_grant' }, 400) });
    const navigate = vi.fn();
    const expired = jwt({ sub: 'alice', exp: Math.floor(Date.now() / 1000) - 1 });
    await expect(oidcTokenSource(provider, { accessToken: expired, refreshToken: 'r1' }, navigate).getToken()).rejects.toThrow(
      'the access token expired: signing in again',
    );
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(String(navigate.mock.calls[0][0])).toMatch(/^http:\/\/localhost:8080\/auth\/realms\/notifications\/protocol\/openid-connect\/auth\?/);

    const noRefresh = vi.fn();
    await expect(oidcTokenSource(provider, { accessToken: expired }, noRefresh).getToken()).rejects.toThrow(/signing in again/);
    expect(noRefresh).toHaveBeenCalledTimes(1);
  });
});
