import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCESS_TOKEN_KEY } from './accessToken';
import { allowSignIn, signInPage, signOutPage } from './pageSignIn';
import { installFakeFetch } from './test/fakeFetch';
import { inOneHour, jwt } from './test/jwt';

const ISSUER = 'http://localhost:8080/auth/realms/notifications';
const text = (body: string) => new Response(body, { status: 200, headers: { 'Content-Type': 'text/plain' } });
const oidcRoutes = {
  'GET /auth-config.json': { issuer: ISSUER, clientId: 'notifications-web' },
  'GET /auth/realms/notifications/.well-known/openid-configuration': {
    issuer: ISSUER,
    authorization_endpoint: `${ISSUER}/protocol/openid-connect/auth`,
    token_endpoint: `${ISSUER}/protocol/openid-connect/token`,
  },
};

describe('signInPage', () => {
  beforeEach(() => {
    sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  it("uses the local stack's /dev/token where the origin serves no /auth-config.json", async () => {
    const alice = jwt({ sub: 'alice', exp: inOneHour() });
    const navigate = vi.fn();
    const { requests } = installFakeFetch({ 'POST /dev/token': () => text(alice) });
    const page = await signInPage(navigate);
    expect(page).toMatchObject({ state: 'signedIn', token: alice });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /auth-config.json', 'POST /dev/token?user=alice']);
    expect(navigate).not.toHaveBeenCalled();
  });

  it("sends the browser to the provider named in /auth-config.json when the tab has no token", async () => {
    const navigate = vi.fn();
    installFakeFetch(oidcRoutes);
    expect(await signInPage(navigate)).toEqual({ state: 'redirecting' });
    expect(String(navigate.mock.calls[0][0])).toMatch(/^http:\/\/localhost:8080\/auth\/realms\/notifications\/protocol\/openid-connect\/auth\?response_type=code&/);
  });

  it("keeps using the tab's valid token from the provider, without a new sign-in", async () => {
    const kept = jwt({ sub: 'alice', exp: inOneHour() });
    sessionStorage.setItem(ACCESS_TOKEN_KEY, kept);
    const navigate = vi.fn();
    installFakeFetch(oidcRoutes);
    expect(await signInPage(navigate)).toMatchObject({ state: 'signedIn', token: kept });
    expect(navigate).not.toHaveBeenCalled();
  });

  it('shows a refused answer as the signed-out state with its reason', async () => {
    window.history.replaceState(null, '', '/?code=c&state=forged');
    const navigate = vi.fn();
    const { count } = installFakeFetch(oidcRoutes);
    expect(await signInPage(navigate)).toEqual({
      state: 'signedOut',
      message: 'Sign-in refused: the answer does not belong to a sign-in started in this tab (its state does not match). Sign in again.',
    });
    expect(count('POST', '/protocol/openid-connect/token')).toBe(0);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('says why when the sign-in configuration is broken', async () => {
    installFakeFetch({ 'GET /auth-config.json': { issuer: ISSUER } });
    expect(await signInPage(vi.fn())).toEqual({
      state: 'signedOut',
      message: 'Sign-in is not available: /auth-config.json: "clientId" must be a non-empty string',
    });
  });

  it('after sign-out, forgets the token and stays signed out (also on reload) until the user signs in again', async () => {
    const alice = jwt({ sub: 'alice', exp: inOneHour() });
    sessionStorage.setItem(ACCESS_TOKEN_KEY, alice);
    signOutPage();
    expect(sessionStorage.getItem(ACCESS_TOKEN_KEY)).toBeNull();

    const { requests } = installFakeFetch({ 'POST /dev/token': () => text(alice) });
    expect(await signInPage(vi.fn())).toEqual({ state: 'signedOut' });
    expect(requests.map((r) => r.url)).toEqual(['/auth-config.json']);

    allowSignIn();
    expect(await signInPage(vi.fn())).toMatchObject({ state: 'signedIn', token: alice });
  });

  it('after sign-out with a provider, does not send the browser to it until the user signs in again', async () => {
    signOutPage();
    const navigate = vi.fn();
    installFakeFetch(oidcRoutes);
    expect(await signInPage(navigate)).toEqual({ state: 'signedOut' });
    allowSignIn();
    expect(await signInPage(navigate)).toEqual({ state: 'redirecting' });
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it('is signed out, saying how to sign in, where there is no provider and no local stack', async () => {
    installFakeFetch({});
    expect(await signInPage(vi.fn())).toEqual({ state: 'signedOut' });
  });
});
