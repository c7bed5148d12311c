import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCESS_TOKEN_KEY } from './accessToken';
import { demoTokenSource, resolveDemoToken } from './demoToken';
import { installFakeFetch, json } from './test/fakeFetch';
import { inOneHour, jwt } from './test/jwt';
const text = (body: string) => new Response(body, { status: 200, headers: { 'Content-Type': 'text/plain' } });

describe('resolveDemoToken', () => {
  beforeEach(() => {
    sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  // A token in the address leaks into history, logs and Referer: the page never takes one from there.
  it('takes no token from the address: ?token= is ignored and the local stack asked', async () => {
    const alice = jwt({ sub: 'alice', exp: inOneHour() });
    window.history.replaceState(null, '', `/?token=${jwt({ sub: 'mallory', exp: inOneHour() })}`);
    const { requests } = installFakeFetch({ 'POST /dev/token': () => text(alice) });
    expect(await resolveDemoToken()).toBe(alice);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /dev/token?user=alice']);
  });

  it('asks the local stack for a token of the user in ?user= (POST /dev/token, bare token as text)', async () => {
    const bob = jwt({ sub: 'bob', exp: inOneHour() });
    window.history.replaceState(null, '', '/?user=bob');
    const { requests } = installFakeFetch({ 'POST /dev/token': () => text(`${bob}\n`) });
    expect(await resolveDemoToken()).toBe(bob);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /dev/token?user=bob']);
    expect(sessionStorage.getItem(ACCESS_TOKEN_KEY)).toBe(bob);
    expect(window.location.search).toBe('?user=bob');
  });

  it('asks for alice when the address names no user', async () => {
    const alice = jwt({ sub: 'alice', exp: inOneHour() });
    const { requests } = installFakeFetch({ 'POST /dev/token': () => text(alice) });
    expect(await resolveDemoToken()).toBe(alice);
    expect(requests[0].url).toBe('/dev/token?user=alice');
  });

  it('reuses the token kept for this tab while it is valid and for the same user', async () => {
    const alice = jwt({ sub: 'alice', exp: inOneHour() });
    sessionStorage.setItem(ACCESS_TOKEN_KEY, alice);
    const { fetchMock } = installFakeFetch({});
    expect(await resolveDemoToken()).toBe(alice);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('gets a new token when ?user= names someone else than the kept token', async () => {
    sessionStorage.setItem(ACCESS_TOKEN_KEY, jwt({ sub: 'alice', exp: inOneHour() }));
    window.history.replaceState(null, '', '/?user=bob');
    const bob = jwt({ sub: 'bob', exp: inOneHour() });
    installFakeFetch({ 'POST /dev/token': () => text(bob) });
    expect(await resolveDemoToken()).toBe(bob);
  });

  it('gets a new token when the kept one has expired', async () => {
    sessionStorage.setItem(ACCESS_TOKEN_KEY, jwt({ sub: 'alice', exp: Math.floor(Date.now() / 1000) - 10 }));
    const fresh = jwt({ sub: 'alice', exp: inOneHour() });
    installFakeFetch({ 'POST /dev/token': () => text(fresh) });
    expect(await resolveDemoToken()).toBe(fresh);
  });

  it('returns null when there is no token anywhere', async () => {
    installFakeFetch({ 'POST /dev/token': () => json({ title: 'Not Found' }, 404) });
    expect(await resolveDemoToken()).toBeNull();
    installFakeFetch({ 'POST /dev/token': () => Promise.reject(new TypeError('network down')) });
    expect(await resolveDemoToken()).toBeNull();
    // e.g. a static server answering every path with index.html
    installFakeFetch({ 'POST /dev/token': () => text('<!doctype html><html></html>') });
    expect(await resolveDemoToken()).toBeNull();
  });
});

describe('demoTokenSource', () => {
  beforeEach(() => {
    sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hands out the token while it is valid, and a new one from the local stack shortly before it expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-29T10:00:00Z'));
    const now = Math.floor(Date.now() / 1000);
    const first = jwt({ sub: 'alice', exp: now + 120 });
    const second = jwt({ sub: 'alice', exp: now + 3720 });
    const { requests } = installFakeFetch({ 'POST /dev/token': () => text(second) });
    const source = demoTokenSource(first);
    expect(await source.getToken()).toBe(first);
    expect(requests).toHaveLength(0);

    vi.setSystemTime(new Date('2026-11-29T10:01:40Z')); // 20 s left
    expect(await source.getToken()).toBe(second);
    expect(requests.map((r) => r.url)).toEqual(['/dev/token?user=alice']);
    expect(sessionStorage.getItem(ACCESS_TOKEN_KEY)).toBe(second);
  });

  it('keeps the old token when no new one can be had (the server then says it expired)', async () => {
    const old = jwt({ sub: 'alice', exp: Math.floor(Date.now() / 1000) - 1 });
    installFakeFetch({ 'POST /dev/token': () => json({}, 404) });
    expect(await demoTokenSource(old).getToken()).toBe(old);
  });
});
