import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUTH_CONFIG_TIMEOUT_MS, AUTH_CONFIG_URL, loadAuthConfig } from './authConfig';
import { installFakeFetch, json } from './test/fakeFetch';

const html = () => new Response('<!doctype html><html></html>', { status: 200, headers: { 'Content-Type': 'text/html' } });

describe('loadAuthConfig', () => {
  it('reads the issuer and client id from /auth-config.json', async () => {
    const { requests } = installFakeFetch({
      'GET /auth-config.json': { issuer: 'http://localhost:8080/auth/realms/notifications', clientId: 'notifications-web' },
    });
    expect(await loadAuthConfig()).toEqual({ issuer: 'http://localhost:8080/auth/realms/notifications', clientId: 'notifications-web' });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${AUTH_CONFIG_URL}`]);
  });

  it('answers null where the origin has no such file: 404, or a static server answering index.html', async () => {
    installFakeFetch({});
    expect(await loadAuthConfig()).toBeNull();
    installFakeFetch({ 'GET /auth-config.json': html });
    expect(await loadAuthConfig()).toBeNull();
  });

  it('refuses a file without an issuer URL or a client id, saying what is missing', async () => {
    installFakeFetch({ 'GET /auth-config.json': { issuer: 'http://localhost:8080/auth/realms/notifications' } });
    await expect(loadAuthConfig()).rejects.toThrow('/auth-config.json: "clientId" must be a non-empty string');
    installFakeFetch({ 'GET /auth-config.json': { issuer: 'not a url', clientId: 'web' } });
    await expect(loadAuthConfig()).rejects.toThrow('/auth-config.json: "issuer" must be an http(s) URL');
    installFakeFetch({ 'GET /auth-config.json': () => new Response('{oops', { status: 200, headers: { 'Content-Type': 'application/json' } }) });
    await expect(loadAuthConfig()).rejects.toThrow('/auth-config.json: not valid JSON');
  });

  it('reports a server error instead of signing in some other way', async () => {
    installFakeFetch({ 'GET /auth-config.json': () => json({}, 503) });
    await expect(loadAuthConfig()).rejects.toThrow('/auth-config.json: HTTP 503');
  });

  describe('when a request gets no answer', () => {
    const config = { issuer: 'http://localhost:8080/auth/realms/notifications', clientId: 'notifications-web' };
    /** A fetch whose first `unanswered` requests never answer (until aborted), and then answers with the config. */
    function stubFetch(unanswered: number) {
      const calls: string[] = [];
      vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
        calls.push(url);
        if (calls.length <= unanswered) {
          return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
        }
        return Promise.resolve(json(config));
      });
      return calls;
    }

    afterEach(() => {
      vi.useRealTimers();
      vi.unstubAllGlobals();
    });

    it('asks again after a while instead of waiting for ever', async () => {
      vi.useFakeTimers();
      const calls = stubFetch(1);
      const loaded = loadAuthConfig();
      await vi.advanceTimersByTimeAsync(AUTH_CONFIG_TIMEOUT_MS);
      expect(await loaded).toEqual(config);
      expect(calls).toEqual([AUTH_CONFIG_URL, AUTH_CONFIG_URL]);
    });

    it('gives up after three requests without an answer, saying so', async () => {
      vi.useFakeTimers();
      const calls = stubFetch(3);
      const loaded = loadAuthConfig();
      const failed = expect(loaded).rejects.toThrow('/auth-config.json: no answer in time');
      await vi.advanceTimersByTimeAsync(3 * AUTH_CONFIG_TIMEOUT_MS);
      await failed;
      expect(calls).toHaveLength(3);
    });
  });
});
