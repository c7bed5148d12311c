import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNotificationsApi } from './notificationsApi';
import { useNotificationSSE, type UseNotificationSSEOptions } from './useNotificationSSE';
import { FakeEventSource } from './test/FakeEventSource';
import { installFakeFetch } from './test/fakeFetch';
import { FakeBroadcastChannel, FakeLocks } from './test/fakeTabs';

const SESSION = 'POST /api/notifications/stream/session';
const noContent = () => new Response(null, { status: 204 });

/** Lets pending promises settle and moves the fake clock by `ms`. */
async function advance(ms = 0): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

function mount(options: Partial<UseNotificationSSEOptions> = {}) {
  return renderHook((props: UseNotificationSSEOptions) => useNotificationSSE(props), {
    initialProps: { openSession: () => Promise.resolve(), ...options },
  });
}

describe('useNotificationSSE', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.reset();
    vi.stubGlobal('EventSource', FakeEventSource);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  // Story test 1, for a real browser: EventSource takes no headers; the cookie comes first.
  it('establishes the connection to /api/notifications/stream with credentials and no headers, after the session POST', async () => {
    let grant!: () => void;
    const { requests } = installFakeFetch({
      [SESSION]: () => new Promise<Response>((resolve) => (grant = () => resolve(noContent()))),
    });
    const api = createNotificationsApi({ getToken: () => 'token-123' });
    renderHook(() => useNotificationSSE({ openSession: () => api.openStreamSession() }));
    await advance();

    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', url: '/api/notifications/stream/session' });
    expect(requests[0].headers.authorization).toBe('Bearer token-123');
    expect(FakeEventSource.instances).toHaveLength(0);

    grant();
    await advance();
    expect(FakeEventSource.constructorCalls).toStrictEqual([['/api/notifications/stream', { withCredentials: true }]]);
  });

  // Story test 2.
  it('hands an incoming notification event to the handler as the parsed object', async () => {
    const onNotification = vi.fn();
    mount({ onNotification });
    await advance();
    const es = FakeEventSource.latest();
    act(() => es.open());
    act(() => es.emit('connected', { user_id: 'u1' }));
    const payload = { id: '123', seq: 5, title: 'Test Notification', type: 'success', status: 'unread' };
    act(() => es.emit('notification', payload, 5));

    expect(onNotification).toHaveBeenCalledTimes(1);
    expect(onNotification).toHaveBeenCalledWith(payload);
  });

  it('ignores a notification frame that is not valid JSON and keeps the stream', async () => {
    const onNotification = vi.fn();
    mount({ onNotification });
    await advance();
    const es = FakeEventSource.latest();
    act(() => es.open());
    act(() => es.emit('notification', '{not json'));
    act(() => es.emit('notification', { id: 'ok', type: 'info', title: 'T', status: 'unread' }));
    expect(onNotification.mock.calls.map((c) => c[0].id)).toEqual(['ok']);
    expect(es.closed).toBe(false);
  });

  // Story test 3.
  it('reconnects with exponential backoff on error: 1 s, then 2 s', async () => {
    mount();
    await advance();
    expect(FakeEventSource.instances).toHaveLength(1);

    act(() => FakeEventSource.latest().fail());
    await advance(999);
    expect(FakeEventSource.instances).toHaveLength(1);
    await advance(1);
    expect(FakeEventSource.instances).toHaveLength(2);

    act(() => FakeEventSource.latest().fail());
    await advance(1999);
    expect(FakeEventSource.instances).toHaveLength(2);
    await advance(1);
    expect(FakeEventSource.instances).toHaveLength(3);
  });

  it('closes the native EventSource on error, so its own retry never runs beside ours', async () => {
    mount();
    await advance();
    const first = FakeEventSource.latest();
    act(() => first.open());
    act(() => first.fail());
    expect(first.closed).toBe(true);
    expect(first.closeCalls).toBeGreaterThan(0);
  });

  it('waits 1, 2, 4, 8, 16, 30, 30, 30, 30 s and gives up after 10 consecutive failures', async () => {
    const { result } = mount();
    await advance();
    const waits: number[] = [];
    for (let failure = 1; failure < 10; failure++) {
      const before = FakeEventSource.instances.length;
      act(() => FakeEventSource.latest().fail());
      expect(result.current.status).toBe('reconnecting');
      let waited = 0;
      while (FakeEventSource.instances.length === before) {
        await advance(500);
        waited += 500;
        if (waited > 60_000) throw new Error(`no reconnect after failure ${failure}`);
      }
      waits.push(waited / 1000);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 30, 30, 30, 30]);
    expect(FakeEventSource.instances).toHaveLength(10);

    act(() => FakeEventSource.latest().fail());
    expect(result.current.status).toBe('failed');
    expect(result.current.gaveUp).toBe(true);
    await advance(10 * 60_000);
    expect(FakeEventSource.instances).toHaveLength(10);
    expect(FakeEventSource.instances.every((es) => es.closed)).toBe(true);
  });

  it('counts a refused session as a failure and backs off the same way', async () => {
    const openSession = vi.fn().mockRejectedValue(new Error('HTTP 401'));
    const { result } = mount({ openSession });
    await advance();
    expect(openSession).toHaveBeenCalledTimes(1);
    expect(result.current.status).toBe('reconnecting');
    await advance(1000);
    expect(openSession).toHaveBeenCalledTimes(2);
    await advance(2000);
    expect(openSession).toHaveBeenCalledTimes(3);
    expect(FakeEventSource.instances).toHaveLength(0);
  });

  it('resets the backoff after a successful open', async () => {
    const { result } = mount();
    await advance();
    act(() => FakeEventSource.latest().fail());
    await advance(1000);
    act(() => FakeEventSource.latest().fail());
    await advance(2000);
    expect(FakeEventSource.instances).toHaveLength(3);

    act(() => FakeEventSource.latest().open());
    expect(result.current.status).toBe('open');
    expect(result.current.isConnected).toBe(true);
    act(() => FakeEventSource.latest().fail());
    await advance(1000);
    expect(FakeEventSource.instances).toHaveLength(4);
  });

  it('resumes with the last seq as the lastEventId query parameter', async () => {
    mount();
    await advance();
    const first = FakeEventSource.latest();
    act(() => first.open());
    act(() => first.emit('notification', { id: 'a', seq: 41, type: 'info', title: 'A', status: 'unread' }, 41));
    act(() => first.emit('notification', { id: 'b', seq: 42, type: 'info', title: 'B', status: 'unread' }, 42));
    act(() => first.emit('heartbeat', { timestamp: 't', connections: 1 }));
    act(() => first.fail());
    await advance(1000);

    expect(first.url).toBe('/api/notifications/stream');
    expect(FakeEventSource.latest().url).toBe('/api/notifications/stream?lastEventId=42');
    expect(FakeEventSource.latest().withCredentials).toBe(true);
  });

  it('declares the connection dead after two heartbeat intervals without a frame, and reconnects', async () => {
    const { result } = mount();
    await advance();
    const first = FakeEventSource.latest();
    act(() => first.open());
    await advance(59_000);
    expect(first.closed).toBe(false);
    await advance(1_000);
    expect(first.closed).toBe(true);
    expect(result.current.status).toBe('reconnecting');
    await advance(1_000);
    expect(FakeEventSource.instances).toHaveLength(2);
  });

  it('keeps a connection that receives its heartbeats', async () => {
    const onHeartbeat = vi.fn();
    mount({ onHeartbeat });
    await advance();
    const es = FakeEventSource.latest();
    act(() => es.open());
    for (let i = 0; i < 5; i++) {
      await advance(30_000);
      act(() => es.emit('heartbeat', { timestamp: `t${i}`, connections: 2 }));
    }
    expect(es.closed).toBe(false);
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(onHeartbeat).toHaveBeenCalledTimes(5);
    expect(onHeartbeat).toHaveBeenLastCalledWith({ timestamp: 't4', connections: 2 });
  });

  it('renews the session and resumes when the server asks to reauthenticate', async () => {
    const openSession = vi.fn().mockResolvedValue(undefined);
    const { result } = mount({ openSession });
    await advance();
    const first = FakeEventSource.latest();
    act(() => first.open());
    act(() => first.emit('notification', { id: 'a', seq: 7, type: 'info', title: 'A', status: 'unread' }, 7));
    act(() => first.emit('reauthenticate', { reason: 'token expired' }));
    await advance();

    expect(openSession).toHaveBeenCalledTimes(2);
    expect(first.closed).toBe(true);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.latest().url).toBe('/api/notifications/stream?lastEventId=7');
    act(() => FakeEventSource.latest().open());
    await advance();
    expect(result.current.status).toBe('open');
  });

  it('passes read and deleted state events on with their seq', async () => {
    const onStateEvent = vi.fn();
    mount({ onStateEvent });
    await advance();
    const es = FakeEventSource.latest();
    act(() => es.open());
    act(() => es.emit('notification.read', { id: 'n1' }, 8));
    act(() => es.emit('notification.deleted', { id: 'n2', seq: 9 }, 9));
    act(() => es.emit('notification.all_read', { seq: 10 }, 10));
    expect(onStateEvent.mock.calls.map((c) => c[0])).toEqual([
      { type: 'notification.read', id: 'n1', seq: 8 },
      { type: 'notification.deleted', id: 'n2', seq: 9 },
      { type: 'notification.all_read', seq: 10 },
    ]);
  });

  it('passes all_read on with its up_to_seq', async () => {
    const onStateEvent = vi.fn();
    mount({ onStateEvent });
    await advance();
    const es = FakeEventSource.latest();
    act(() => es.open());
    act(() => es.emit('notification.all_read', { user_id: 'u1', seq: 12, up_to_seq: 11, read_at: 't' }, 12));
    expect(onStateEvent).toHaveBeenCalledWith({ type: 'notification.all_read', user_id: 'u1', seq: 12, up_to_seq: 11, read_at: 't' });
  });

  it('reports a reset (history pruned) and keeps the connection for what comes next', async () => {
    const onReset = vi.fn();
    const onNotification = vi.fn();
    mount({ onReset, onNotification });
    await advance();
    const es = FakeEventSource.latest();
    act(() => es.open());
    act(() => es.emit('reset', { oldest_seq: 500 }));
    act(() => es.emit('notification', { id: 'n', seq: 501, type: 'info', title: 'N', status: 'unread' }, 501));
    expect(onReset).toHaveBeenCalledWith({ oldest_seq: 500 });
    expect(onNotification).toHaveBeenCalledTimes(1);
    expect(es.closed).toBe(false);
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('after a reset because its seq was ahead of the user, resumes from the user\'s seq that the reset gave', async () => {
    mount({ resumeFrom: '1000' });
    await advance();
    const es = FakeEventSource.latest();
    act(() => es.open());
    act(() => es.emit('reset', { oldest_seq: 1, reason: 'ahead', last_seq: 3 }));
    act(() => es.fail());
    await advance(1_000);
    expect(FakeEventSource.latest().url).toBe('/api/notifications/stream?lastEventId=3');
  });

  it('starts from a given seq, e.g. the seq the list of the page was read at', async () => {
    mount({ resumeFrom: '17' });
    await advance();
    expect(FakeEventSource.latest().url).toBe('/api/notifications/stream?lastEventId=17');
  });

  // Story test 5.
  it('closes the connection on unmount and never reconnects afterwards', async () => {
    const { unmount } = mount();
    await advance();
    const es = FakeEventSource.latest();
    act(() => es.open());
    unmount();
    expect(es.closed).toBe(true);
    await advance(120_000);
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('does not open a stream when unmounted while the session request is in flight', async () => {
    let grant!: () => void;
    const openSession = () => new Promise<void>((resolve) => (grant = resolve));
    const { unmount } = mount({ openSession });
    await advance();
    unmount();
    grant();
    await advance(60_000);
    expect(FakeEventSource.instances).toHaveLength(0);
  });

  it('opens nothing while disabled', async () => {
    const openSession = vi.fn().mockResolvedValue(undefined);
    const { result } = mount({ enabled: false, openSession });
    await advance(60_000);
    expect(openSession).not.toHaveBeenCalled();
    expect(FakeEventSource.instances).toHaveLength(0);
    expect(result.current.status).toBe('idle');
  });

  it('when the user changes, closes the old stream, ends its session, then opens a session and a stream for the new user', async () => {
    const log: string[] = [];
    const openSession = vi.fn(async () => {
      log.push('POST session');
    });
    const closeSession = vi.fn(async () => {
      log.push(`DELETE session (first stream closed: ${FakeEventSource.instances[0].closed})`);
    });
    const { rerender } = mount({ expectedUserId: 'alice', shareKey: 'alice', openSession, closeSession });
    await advance();
    const alices = FakeEventSource.latest();
    act(() => alices.open());
    act(() => alices.emit('connected', { user_id: 'alice' }));
    act(() => alices.emit('notification', { id: 'a', seq: 40, type: 'info', title: 'A', status: 'unread' }, 40));
    expect(log).toEqual(['POST session']);

    rerender({ expectedUserId: 'bob', shareKey: 'bob', openSession, closeSession });
    await advance();
    expect(log).toEqual(['POST session', 'DELETE session (first stream closed: true)', 'POST session']);
    expect(FakeEventSource.instances).toHaveLength(2);
    // Alice's seq means nothing in Bob's stream.
    expect(FakeEventSource.latest().url).toBe('/api/notifications/stream');
  });

  it('on sign-out closes the stream first, then ends the session, and opens nothing afterwards', async () => {
    const log: string[] = [];
    const closeSession = vi.fn(async () => {
      log.push(`DELETE session (stream closed: ${FakeEventSource.latest().closed})`);
    });
    const { result } = mount({ closeSession });
    await advance();
    act(() => FakeEventSource.latest().open());
    await act(() => result.current.signOut());
    expect(log).toEqual(['DELETE session (stream closed: true)']);
    expect(result.current.status).toBe('closed');
    await advance(120_000);
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('starts afresh on reconnect() after giving up', async () => {
    const { result } = mount({ maxFailures: 2 });
    await advance();
    act(() => FakeEventSource.latest().fail());
    await advance(1000);
    act(() => FakeEventSource.latest().fail());
    expect(result.current.status).toBe('failed');
    act(() => result.current.reconnect());
    await advance();
    expect(FakeEventSource.instances).toHaveLength(3);
    expect(result.current.status).toBe('connecting');
  });
});

describe('useNotificationSSE shared across tabs', () => {
  let locks: FakeLocks;
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.reset();
    FakeBroadcastChannel.reset();
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.stubGlobal('BroadcastChannel', FakeBroadcastChannel);
    locks = new FakeLocks();
    Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
  });
  afterEach(() => {
    delete (navigator as { locks?: unknown }).locks;
    FakeBroadcastChannel.reset();
    vi.useRealTimers();
  });

  it('opens one EventSource for two tabs, and both get the notification', async () => {
    const first = vi.fn();
    const second = vi.fn();
    const tabA = mount({ shareAcrossTabs: true, onNotification: first });
    const tabB = mount({ shareAcrossTabs: true, onNotification: second });
    await advance();
    expect(FakeEventSource.instances).toHaveLength(1);

    act(() => FakeEventSource.latest().open());
    act(() => FakeEventSource.latest().emit('notification', { id: 'n1', seq: 1, type: 'info', title: 'T', status: 'unread' }, 1));
    await advance();
    expect(first).toHaveBeenCalledWith(expect.objectContaining({ id: 'n1' }));
    expect(second).toHaveBeenCalledWith(expect.objectContaining({ id: 'n1' }));
    expect(tabB.result.current.status).toBe('open');

    tabA.unmount();
    await advance();
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.latest().url).toBe('/api/notifications/stream?lastEventId=1');
  });

  it('shares only between tabs of the same user: another user in the same browser gets a stream of its own', async () => {
    const alice = vi.fn();
    const bob = vi.fn();
    mount({ shareAcrossTabs: true, shareKey: 'alice', onNotification: alice });
    mount({ shareAcrossTabs: true, shareKey: 'bob', onNotification: bob });
    await advance();
    expect(FakeEventSource.instances).toHaveLength(2);
    act(() => FakeEventSource.instances[0].open());
    act(() => FakeEventSource.instances[0].emit('notification', { id: 'for-alice', seq: 1, type: 'info', title: 'T', status: 'unread' }, 1));
    await advance();
    expect(alice).toHaveBeenCalledTimes(1);
    expect(bob).not.toHaveBeenCalled();
  });

  it('keeps a stream per tab where the browser has no Web Locks', async () => {
    delete (navigator as { locks?: unknown }).locks;
    mount({ shareAcrossTabs: true });
    mount({ shareAcrossTabs: true });
    await advance();
    expect(FakeEventSource.instances).toHaveLength(2);
  });
});
