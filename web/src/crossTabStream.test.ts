import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CrossTabStream, type CrossTabStreamOptions } from './crossTabStream';
import { FakeEventSource } from './test/FakeEventSource';
import { FakeBroadcastChannel, FakeLocks } from './test/fakeTabs';
import { notification } from './test/fakeApi';
import type { StreamStatus } from './types';

const settle = () => vi.advanceTimersByTimeAsync(0);

function tab(locks: FakeLocks, extra: Partial<CrossTabStreamOptions> = {}) {
  const received: string[] = [];
  const states: string[] = [];
  const statuses: StreamStatus[] = [];
  const openSession = vi.fn(async () => undefined);
  const stream = new CrossTabStream({
    locks,
    BroadcastChannel: FakeBroadcastChannel,
    openSession,
    onNotification: (n) => received.push(n.id),
    onStateEvent: (e) => states.push(`${e.type}:${e.id}`),
    onStatusChange: (s) => statuses.push(s),
    ...extra,
  });
  return { stream, received, states, statuses, openSession, status: () => statuses.at(-1) };
}

describe('CrossTabStream', () => {
  let locks: FakeLocks;
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.reset();
    FakeBroadcastChannel.reset();
    vi.stubGlobal('EventSource', FakeEventSource);
    locks = new FakeLocks();
  });
  afterEach(() => {
    FakeBroadcastChannel.reset();
  });

  it('relays the heartbeats too, so every tab can tell when the stream last spoke', async () => {
    const heartbeats: string[] = [];
    const a = tab(locks, { onHeartbeat: (h) => heartbeats.push(`a:${h.timestamp}`) });
    const b = tab(locks, { onHeartbeat: (h) => heartbeats.push(`b:${h.timestamp}`) });
    a.stream.start();
    b.stream.start();
    await settle();
    const es = FakeEventSource.latest();
    es.open();
    es.emit('heartbeat', { timestamp: '2026-12-02T10:00:30Z', connections: 1 });
    await settle();
    expect(heartbeats.sort()).toEqual(['a:2026-12-02T10:00:30Z', 'b:2026-12-02T10:00:30Z']);
  });

  it('opens one stream for several tabs and relays its events to the others', async () => {
    const a = tab(locks);
    const b = tab(locks);
    const c = tab(locks);
    a.stream.start();
    b.stream.start();
    c.stream.start();
    await settle();

    expect(FakeEventSource.instances).toHaveLength(1);
    expect(a.stream.isLeader).toBe(true);
    expect(b.stream.isLeader).toBe(false);
    expect(b.openSession).not.toHaveBeenCalled();

    const es = FakeEventSource.latest();
    es.open();
    es.emit('notification', notification('n1', 1), 1);
    es.emit('notification.read', { id: 'n1' }, 2);
    await settle();

    for (const t of [a, b, c]) {
      expect(t.received).toEqual(['n1']);
      expect(t.states).toEqual(['notification.read:n1']);
      expect(t.status()).toBe('open');
    }
  });

  it('tells a tab that opens later how the shared stream stands', async () => {
    const a = tab(locks);
    a.stream.start();
    await settle();
    FakeEventSource.latest().open();
    await settle();

    const late = tab(locks);
    late.stream.start();
    await settle();
    expect(late.status()).toBe('open');
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('relays a reset to the other tabs, so that each reloads its list', async () => {
    const resets: unknown[] = [];
    const a = tab(locks, { onReset: (r) => resets.push(['a', r]) });
    const b = tab(locks, { onReset: (r) => resets.push(['b', r]) });
    a.stream.start();
    b.stream.start();
    await settle();
    FakeEventSource.latest().open();
    FakeEventSource.latest().emit('reset', { oldest_seq: 3 });
    await settle();
    expect(resets).toEqual([
      ['a', { oldest_seq: 3 }],
      ['b', { oldest_seq: 3 }],
    ]);
  });

  it('hands the stream over when the leader tab closes, resuming after the last relayed seq', async () => {
    const a = tab(locks);
    const b = tab(locks);
    a.stream.start();
    b.stream.start();
    await settle();
    const first = FakeEventSource.latest();
    first.open();
    first.emit('notification', notification('n1', 41), 41);
    first.emit('notification', notification('n2', 42), 42);
    await settle();

    a.stream.stop();
    await settle();

    expect(first.closed).toBe(true);
    expect(b.stream.isLeader).toBe(true);
    expect(b.openSession).toHaveBeenCalledTimes(1);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.latest().url).toBe('/api/notifications/stream?lastEventId=42');

    FakeEventSource.latest().open();
    FakeEventSource.latest().emit('notification', notification('n3', 43), 43);
    await settle();
    expect(b.received).toEqual(['n1', 'n2', 'n3']);
    expect(a.received).toEqual(['n1', 'n2']);
  });

  it('relays give-up to the other tabs, and a retry from any tab restarts the shared stream', async () => {
    const a = tab(locks, { maxFailures: 1 });
    const b = tab(locks, { maxFailures: 1 });
    a.stream.start();
    b.stream.start();
    await settle();
    FakeEventSource.latest().fail();
    await settle();
    expect(a.status()).toBe('failed');
    expect(b.status()).toBe('failed');

    b.stream.restart();
    await settle();
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(b.stream.isLeader).toBe(false);
  });

  it('a tab closed while waiting for the lock never opens a stream', async () => {
    const a = tab(locks);
    const b = tab(locks);
    a.stream.start();
    b.stream.start();
    await settle();
    b.stream.stop();
    a.stream.stop();
    await settle();
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(locks.isHeld('notifications-stream-leader')).toBe(false);
    expect(b.status()).toBe('closed');
  });
});
