import { describe, expect, it } from 'vitest';
import { AUTH_CONFIG_URL, loadAuthConfig } from './authConfig';
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
});
