import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_TOKEN_KEY, resolveDemoToken } from './demoToken';
import { installFakeFetch, json } from './test/fakeFetch';

describe('resolveDemoToken', () => {
  beforeEach(() => {
    sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  it('takes ?token=, keeps it for this tab and removes it from the address bar', async () => {
    window.history.replaceState(null, '', '/?token=abc.def&x=1#top');
    const { fetchMock } = installFakeFetch({});
    expect(await resolveDemoToken()).toBe('abc.def');
    expect(sessionStorage.getItem(DEMO_TOKEN_KEY)).toBe('abc.def');
    expect(window.location.search).toBe('?x=1');
    expect(window.location.hash).toBe('#top');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('reuses the token kept for this tab', async () => {
    sessionStorage.setItem(DEMO_TOKEN_KEY, 'kept');
    installFakeFetch({});
    expect(await resolveDemoToken()).toBe('kept');
  });

  it('asks the local stack for a development token otherwise', async () => {
    const { requests } = installFakeFetch({ 'GET /api/dev/token': { token: 'from-dev' } });
    expect(await resolveDemoToken()).toBe('from-dev');
    expect(requests[0].url).toBe('/api/dev/token');
    expect(sessionStorage.getItem(DEMO_TOKEN_KEY)).toBe('from-dev');
  });

  it('accepts access_token as the field name', async () => {
    installFakeFetch({ 'GET /api/dev/token': { access_token: 'at' } });
    expect(await resolveDemoToken()).toBe('at');
  });

  it('returns null when there is no token anywhere', async () => {
    installFakeFetch({ 'GET /api/dev/token': () => json({ error: 'no dev tokens here' }, 404) });
    expect(await resolveDemoToken()).toBeNull();
    installFakeFetch({ 'GET /api/dev/token': () => Promise.reject(new TypeError('network down')) });
    expect(await resolveDemoToken()).toBeNull();
  });
});
