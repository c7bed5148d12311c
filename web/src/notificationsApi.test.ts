import { beforeEach, describe, expect, it } from 'vitest';
import { createNotificationsApi } from './notificationsApi';
import { installFakeFetch, json } from './test/fakeFetch';

describe('notificationsApi', () => {
  let token: string | null;
  beforeEach(() => {
    token = 'tok-1';
  });
  const api = () => createNotificationsApi({ getToken: () => token });

  it('opens a stream session with the bearer token, so EventSource can use the cookie', async () => {
    const { requests } = installFakeFetch({ 'POST /api/notifications/stream/session': () => new Response(null, { status: 204 }) });
    await api().openStreamSession();
    expect(requests).toHaveLength(1);
    expect(requests[0].method).toBe('POST');
    expect(requests[0].url).toBe('/api/notifications/stream/session');
    expect(requests[0].headers.authorization).toBe('Bearer tok-1');
    expect(requests[0].credentials).toBe('same-origin');
  });

  it('ends the stream session with DELETE and the origin\'s cookies, without needing a token', async () => {
    const { requests } = installFakeFetch({ 'DELETE /api/notifications/stream/session': () => new Response(null, { status: 204 }) });
    token = null; // e.g. signing out with an expired or forgotten token
    await api().closeStreamSession();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'DELETE', url: '/api/notifications/stream/session', credentials: 'same-origin' });
    expect(requests[0].headers.authorization).toBeUndefined();
  });

  it('reports a refused end of session', async () => {
    installFakeFetch({});
    await expect(api().closeStreamSession()).rejects.toThrow(/DELETE \/api\/notifications\/stream\/session: HTTP 404/);
  });

  it('uses the current token on every call', async () => {
    const { requests } = installFakeFetch({ 'GET /api/notifications/unread-count': { unread_count: 2, last_seq: 0 } });
    const client = api();
    await client.unreadCount();
    token = 'tok-2';
    await client.unreadCount();
    expect(requests.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('fails when the session is refused, and does not call without a token', async () => {
    installFakeFetch({ 'POST /api/notifications/stream/session': () => json({ error: 'expired' }, 401) });
    await expect(api().openStreamSession()).rejects.toThrow(/401/);
    token = null;
    const { fetchMock } = installFakeFetch({});
    await expect(api().openStreamSession()).rejects.toThrow(/not signed in/);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('reads a page of the list with its next cursor and the seq it was read at', async () => {
    const item = { id: 'a', seq: 3, type: 'info', title: 'A', status: 'unread' };
    const { requests } = installFakeFetch({
      'GET /api/notifications': { items: [item], next_cursor: 'c2', last_seq: 9 },
    });
    expect(await api().list(20)).toEqual({ items: [item], nextCursor: 'c2', lastSeq: 9 });
    expect(requests[0].url).toBe('/api/notifications?limit=20');
  });

  it('reads an older page by its cursor, of all or of the unread only', async () => {
    const { requests } = installFakeFetch({ 'GET /api/notifications': { items: [], next_cursor: null, last_seq: 9 } });
    expect(await api().list(20, { cursor: 'eyJzIjo0Mn0_-', status: 'unread' })).toEqual({ items: [], nextCursor: null, lastSeq: 9 });
    await api().list(10, { cursor: 'a b' });
    expect(requests.map((r) => r.url)).toEqual(['/api/notifications?limit=20&cursor=eyJzIjo0Mn0_-&status=unread', '/api/notifications?limit=10&cursor=a+b']);
  });

  it('deletes with keepalive, so a deletion sent as the page goes away still reaches the server', async () => {
    const { requests } = installFakeFetch({ 'DELETE /api/notifications/a%2Fb': () => new Response(null, { status: 204 }) });
    await api().deleteNotification('a/b');
    expect(requests[0]).toMatchObject({ method: 'DELETE', url: '/api/notifications/a%2Fb', keepalive: true });
    expect(requests[0].headers.authorization).toBe('Bearer tok-1');
  });

  it('reads the unread count with the seq it was counted at', async () => {
    installFakeFetch({ 'GET /api/notifications/unread-count': { unread_count: 7, last_seq: 12 } });
    expect(await api().unreadCount()).toEqual({ unreadCount: 7, lastSeq: 12 });
  });

  it('rejects a malformed count or list instead of showing nonsense', async () => {
    installFakeFetch({ 'GET /api/notifications/unread-count': { unread_count: 'many', last_seq: 1 } });
    await expect(api().unreadCount()).rejects.toThrow(/malformed/);
    installFakeFetch({ 'GET /api/notifications': { next_cursor: null, last_seq: 1 } });
    await expect(api().list(20)).rejects.toThrow(/malformed/);
  });

  it('deletes one with DELETE', async () => {
    const { requests } = installFakeFetch({ 'DELETE /api/notifications/n%201': () => new Response(null, { status: 204 }) });
    await api().deleteNotification('n 1');
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['DELETE /api/notifications/n%201']);
    expect(requests[0].headers.authorization).toBe('Bearer tok-1');
  });

  it('marks one and all read with POST', async () => {
    const ok = () => new Response(null, { status: 204 });
    const { requests } = installFakeFetch({ 'POST /api/notifications/x%2Fy/read': ok, 'POST /api/notifications/read-all': ok });
    await api().markRead('x/y');
    await api().markAllRead();
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/notifications/x%2Fy/read',
      'POST /api/notifications/read-all',
    ]);
  });

  it('reports a failed call with its status', async () => {
    installFakeFetch({ 'POST /api/notifications/read-all': () => new Response('boom', { status: 500 }) });
    await expect(api().markAllRead()).rejects.toThrow(/500/);
  });
});
