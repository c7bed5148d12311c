import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotificationStream, type NotificationStreamOptions } from './notificationStream';
import { FakeEventSource } from './test/FakeEventSource';
import type { StreamStatus } from './types';

const created = (id: string, seq: number) => ({ id, seq, type: 'success', title: `T ${id}`, status: 'unread' });

function start(options: Partial<NotificationStreamOptions> = {}) {
  const statuses: StreamStatus[] = [];
  const openSession = vi.fn(() => Promise.resolve());
  const onNotification = vi.fn();
  const onStateEvent = vi.fn();
  const onHeartbeat = vi.fn();
  const stream = new NotificationStream({
    openSession,
    onNotification,
    onStateEvent,
    onHeartbeat,
    onStatusChange: (s) => statuses.push(s),
    ...options,
  });
  stream.start();
  return { stream, statuses, openSession, onNotification, onStateEvent, onHeartbeat };
}

describe('NotificationStream, checking whose stream it got', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.reset();
    vi.stubGlobal('EventSource', FakeEventSource);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("closes another user's stream at once, shows none of its events, and asks for a new session", async () => {
    const s = start({ expectedUserId: 'alice' });
    await vi.advanceTimersByTimeAsync(0);
    const wrong = FakeEventSource.latest();
    wrong.open();
    // Whatever comes before the connected frame is not trusted either.
    wrong.emit('notification', created('for-bob-early', 1), 1);
    wrong.emit('connected', { user_id: 'bob' });
    wrong.emit('notification', created('for-bob', 2), 2);
    wrong.emit('notification.read', { id: 'for-bob', seq: 3 }, 3);

    expect(wrong.closed).toBe(true);
    expect(s.onNotification).not.toHaveBeenCalled();
    expect(s.onStateEvent).not.toHaveBeenCalled();
    expect(s.statuses).not.toContain('open');

    await vi.advanceTimersByTimeAsync(0);
    expect(s.openSession).toHaveBeenCalledTimes(2);
    expect(FakeEventSource.instances).toHaveLength(2);
    // The other user's seqs are not ours: the next stream does not resume after them.
    expect(FakeEventSource.latest().url).toBe('/api/notifications/stream');

    const right = FakeEventSource.latest();
    right.open();
    right.emit('connected', { user_id: 'alice' });
    right.emit('notification', created('for-alice', 1), 1);
    expect(s.statuses.at(-1)).toBe('open');
    expect(s.onNotification.mock.calls.map((c) => c[0].id)).toEqual(['for-alice']);
  });

  it("gives up after 3 streams of another user in a row; the page then polls", async () => {
    const s = start({ expectedUserId: 'alice' });
    for (let i = 0; i < 3; i += 1) {
      await vi.advanceTimersByTimeAsync(0);
      const es = FakeEventSource.latest();
      es.open();
      es.emit('connected', { user_id: 'bob' });
      expect(es.closed).toBe(true);
    }
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeEventSource.instances).toHaveLength(3);
    expect(s.openSession).toHaveBeenCalledTimes(3);
    expect(s.statuses.at(-1)).toBe('failed');
    expect(s.stream.currentStatus).toBe('failed');
  });

  it('works as before for the expected user: open, then its events', async () => {
    const s = start({ expectedUserId: 'alice' });
    await vi.advanceTimersByTimeAsync(0);
    const es = FakeEventSource.latest();
    es.open();
    es.emit('connected', { user_id: 'alice', timestamp: 't' });
    es.emit('notification', created('a', 4), 4);
    es.emit('heartbeat', { timestamp: 't', connections: 1 });
    expect(es.closed).toBe(false);
    expect(s.statuses.at(-1)).toBe('open');
    expect(s.onNotification).toHaveBeenCalledTimes(1);
    expect(s.onHeartbeat).toHaveBeenCalledTimes(1);
    expect(s.stream.resumeFrom).toBe('4');
  });

  it('counts a stream whose connected frame names no user as the wrong one', async () => {
    const s = start({ expectedUserId: 'alice' });
    await vi.advanceTimersByTimeAsync(0);
    const es = FakeEventSource.latest();
    es.open();
    es.emit('connected', { timestamp: 't' });
    expect(es.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.openSession).toHaveBeenCalledTimes(2);
  });
});
