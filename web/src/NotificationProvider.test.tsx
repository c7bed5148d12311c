import { act, render, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NotificationProvider, UNDO_DELETE_MS, useNotificationContext } from './NotificationProvider';
import { FakeEventSource } from './test/FakeEventSource';
import { fakeApi, notification } from './test/fakeApi';

async function advance(ms = 0): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

function mount(api: ReturnType<typeof fakeApi>['api'], live = true) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <NotificationProvider api={api} live={live}>
      {children}
    </NotificationProvider>
  );
  return renderHook(() => useNotificationContext(), { wrapper });
}

describe('NotificationProvider', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.reset();
    vi.stubGlobal('EventSource', FakeEventSource);
  });

  // Story test 4, with the sample's double count fixed.
  it('adds a notification from the stream and counts it once, also when it arrives again', async () => {
    const { api } = fakeApi();
    const { result } = mount(api, false);
    await advance();

    act(() => {
      result.current.handleSSENotification({ id: '123', title: 'New Notification', status: 'unread', type: 'success' });
    });
    expect(result.current.notifications).toContainEqual(expect.objectContaining({ id: '123', title: 'New Notification' }));
    expect(result.current.unreadCount).toBe(1);

    act(() => {
      result.current.handleSSENotification({ id: '123', title: 'New Notification', status: 'unread', type: 'success' });
    });
    expect(result.current.notifications).toHaveLength(1);
    expect(result.current.unreadCount).toBe(1);
  });

  it('loads the 20 most recent notifications and the unread count on mount', async () => {
    const list = Array.from({ length: 25 }, (_, i) => notification(`n${25 - i}`, 25 - i));
    const { api } = fakeApi({ list, unreadCount: 25 });
    const { result } = mount(api, false);
    await advance();
    expect(api.list).toHaveBeenCalledWith(20);
    expect(result.current.notifications).toHaveLength(20);
    expect(result.current.notifications[0].id).toBe('n25');
    expect(result.current.unreadCount).toBe(25);
  });

  it('marks one read on the server and counts down at once', async () => {
    const { api } = fakeApi({ list: [notification('a', 1), notification('b', 2)], unreadCount: 2 });
    const { result } = mount(api, false);
    await advance();
    await act(() => result.current.markRead('a'));
    expect(api.markRead).toHaveBeenCalledWith('a');
    expect(result.current.unreadCount).toBe(1);
    expect(result.current.notifications.find((n) => n.id === 'a')?.status).toBe('read');
  });

  it('reloads from the server when marking read fails', async () => {
    const { api, server } = fakeApi({ list: [notification('a', 1)], unreadCount: 1 });
    const { result } = mount(api, false);
    await advance();
    api.markRead.mockRejectedValueOnce(new Error('HTTP 500'));
    await act(() => result.current.markRead('a'));
    expect(result.current.unreadCount).toBe(server.unreadCount);
    expect(result.current.notifications[0].status).toBe('unread');
  });

  it('marks all read', async () => {
    const { api } = fakeApi({ list: [notification('a', 1), notification('b', 2)], unreadCount: 40 });
    const { result } = mount(api, false);
    await advance();
    await act(() => result.current.markAllRead());
    expect(api.markAllRead).toHaveBeenCalledTimes(1);
    expect(result.current.unreadCount).toBe(0);
    expect(result.current.notifications.every((n) => n.status === 'read')).toBe(true);
  });

  it('shows a live notification from the stream and does not count the replay after a reconnect', async () => {
    const { api } = fakeApi();
    const { result } = mount(api);
    await advance();
    expect(api.openStreamSession).toHaveBeenCalledTimes(1);
    const first = FakeEventSource.latest();
    act(() => first.open());
    act(() => first.emit('notification', notification('x', 1, { type: 'success' }), 1));
    expect(result.current.unreadCount).toBe(1);
    expect(result.current.toasts.map((t) => t.id)).toEqual(['x']);

    act(() => first.fail());
    await advance(1000);
    const second = FakeEventSource.latest();
    expect(second).not.toBe(first);
    act(() => second.open());
    // at-least-once delivery: the same event again
    act(() => second.emit('notification', notification('x', 1, { type: 'success' }), 1));
    act(() => second.emit('notification', notification('y', 2), 2));
    expect(result.current.unreadCount).toBe(2);
    expect(result.current.notifications.map((n) => n.id)).toEqual(['y', 'x']);
  });

  it('applies read events from the stream (e.g. read in another tab)', async () => {
    const { api } = fakeApi({ list: [notification('a', 1)], unreadCount: 1 });
    const { result } = mount(api);
    await advance();
    act(() => FakeEventSource.latest().open());
    act(() => FakeEventSource.latest().emit('notification.read', { id: 'a' }, 2));
    expect(result.current.unreadCount).toBe(0);
  });

  it('asks the server for the count when a read event concerns a notification outside the list', async () => {
    const { api, server } = fakeApi({ list: [notification('a', 1)], unreadCount: 5 });
    const { result } = mount(api);
    await advance();
    server.unreadCount = 4;
    server.lastSeq = 9;
    act(() => FakeEventSource.latest().open());
    act(() => FakeEventSource.latest().emit('notification.read', { id: 'old' }, 9));
    await advance();
    expect(result.current.unreadCount).toBe(4);
  });

  it('polls the count every 60 s while the stream is up, and the polled count wins', async () => {
    const { api, server } = fakeApi();
    const { result } = mount(api);
    await advance();
    act(() => FakeEventSource.latest().open());
    act(() => FakeEventSource.latest().emit('notification', notification('a', 1), 1));
    expect(result.current.unreadCount).toBe(1);
    server.unreadCount = 3; // e.g. two created while a replica was catching up
    server.lastSeq = 3;
    const callsBefore = api.unreadCount.mock.calls.length;
    for (let i = 0; i < 5; i++) {
      act(() => FakeEventSource.latest().emit('heartbeat', { timestamp: 't', connections: 1 }));
      await advance(10_000);
    }
    expect(api.unreadCount.mock.calls.length).toBe(callsBefore);
    act(() => FakeEventSource.latest().emit('heartbeat', { timestamp: 't', connections: 1 }));
    await advance(10_000);
    expect(api.unreadCount.mock.calls.length).toBe(callsBefore + 1);
    expect(result.current.unreadCount).toBe(3);
  });

  it('after the stream gives up, opens no more connections and polls alone every 10 s', async () => {
    const { api, server } = fakeApi();
    const { result } = mount(api);
    await advance();
    for (let failure = 1; failure <= 10; failure++) {
      act(() => FakeEventSource.latest().fail());
      await advance(30_000);
    }
    expect(result.current.streamStatus).toBe('failed');
    expect(FakeEventSource.instances).toHaveLength(10);

    const countCalls = api.unreadCount.mock.calls.length;
    const listCalls = api.list.mock.calls.length;
    server.list = [notification('late', 50)];
    server.unreadCount = 1;
    await advance(60_000);
    expect(api.unreadCount.mock.calls.length - countCalls).toBe(6);
    expect(api.list.mock.calls.length - listCalls).toBe(6);
    expect(FakeEventSource.instances).toHaveLength(10);
    expect(result.current.unreadCount).toBe(1);
    expect(result.current.notifications.map((n) => n.id)).toEqual(['late']);
  });

  it('closes the stream when the provider unmounts', async () => {
    const { api } = fakeApi();
    const { unmount } = mount(api);
    await advance();
    const es = FakeEventSource.latest();
    unmount();
    expect(es.closed).toBe(true);
  });

  it("shows nothing of another user's stream: no toast, no count, and asks for a session again", async () => {
    const { api } = fakeApi({ list: [notification('a', 1)], unreadCount: 1 });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <NotificationProvider api={api} userId="alice">
        {children}
      </NotificationProvider>
    );
    const { result } = renderHook(() => useNotificationContext(), { wrapper });
    await advance();
    const wrong = FakeEventSource.latest();
    act(() => wrong.open());
    act(() => wrong.emit('notification', notification('for-bob', 2, { type: 'success' }), 2));
    act(() => wrong.emit('connected', { user_id: 'bob' }));
    await advance();

    expect(wrong.closed).toBe(true);
    expect(result.current.toasts).toEqual([]);
    expect(result.current.unreadCount).toBe(1);
    expect(result.current.notifications.map((n) => n.id)).toEqual(['a']);
    expect(api.openStreamSession).toHaveBeenCalledTimes(2);
    expect(FakeEventSource.instances).toHaveLength(2);

    act(() => FakeEventSource.latest().open());
    act(() => FakeEventSource.latest().emit('connected', { user_id: 'alice' }));
    act(() => FakeEventSource.latest().emit('notification', notification('for-alice', 2, { type: 'success' }), 2));
    expect(result.current.streamStatus).toBe('open');
    expect(result.current.toasts.map((n) => n.id)).toEqual(['for-alice']);
    expect(result.current.unreadCount).toBe(2);
  });

  it("on a change of user, ends the first user's stream and session, and shows only the new user's notifications", async () => {
    const alice = fakeApi({ list: [notification('for-alice', 7)], unreadCount: 1 });
    const bob = fakeApi({ list: [notification('for-bob', 3)], unreadCount: 1 });
    const order: string[] = [];
    // The DELETE needs no token: either user's API may send it.
    for (const { api } of [alice, bob]) {
      api.closeStreamSession.mockImplementation(async () => {
        order.push(`DELETE session (alice's stream closed: ${FakeEventSource.instances[0].closed})`);
      });
    }
    bob.api.openStreamSession.mockImplementation(async () => {
      order.push('POST session for bob');
    });
    const Probe = () => {
      const ctx = useNotificationContext();
      return <>{ctx.notifications.map((n) => n.id).join(',')}</>;
    };
    const view = render(
      <NotificationProvider api={alice.api} userId="alice">
        <Probe />
      </NotificationProvider>,
    );
    await advance();
    act(() => FakeEventSource.latest().open());
    act(() => FakeEventSource.latest().emit('connected', { user_id: 'alice' }));
    expect(view.container.textContent).toBe('for-alice');

    view.rerender(
      <NotificationProvider api={bob.api} userId="bob">
        <Probe />
      </NotificationProvider>,
    );
    await advance();
    expect(order).toEqual(["DELETE session (alice's stream closed: true)", 'POST session for bob']);
    expect(view.container.textContent).toBe('for-bob');
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.latest().url).toBe('/api/notifications/stream?lastEventId=3');
  });

  it("drops the previous user's answers that arrive after the change of user", async () => {
    const alice = fakeApi({ list: [notification('for-alice', 7)], unreadCount: 1 });
    const bob = fakeApi({ list: [notification('for-bob', 3)], unreadCount: 1 });
    let answerAlice!: () => void;
    alice.api.list.mockImplementation(
      () => new Promise((resolve) => (answerAlice = () => resolve({ items: [notification('for-alice', 7)], nextCursor: null, lastSeq: 7 }))),
    );
    const Probe = () => <>{useNotificationContext().notifications.map((n) => n.id).join(',')}</>;
    const view = render(
      <NotificationProvider api={alice.api} userId="alice">
        <Probe />
      </NotificationProvider>,
    );
    await advance();
    view.rerender(
      <NotificationProvider api={bob.api} userId="bob">
        <Probe />
      </NotificationProvider>,
    );
    await advance();
    answerAlice();
    await advance();
    expect(view.container.textContent).toBe('for-bob');
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(FakeEventSource.latest().url).toBe('/api/notifications/stream?lastEventId=3');
  });

  it('refuses to be used outside the provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderHook(() => useNotificationContext())).toThrow(/inside a NotificationProvider/);
  });
});

describe('NotificationProvider, aligned with the seq of the server', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.reset();
    vi.stubGlobal('EventSource', FakeEventSource);
  });

  it('reads the list first, then the count, then opens the stream after the seq the list was read at', async () => {
    const { api } = fakeApi({ list: [notification('a', 7)], unreadCount: 1, lastSeq: 7 });
    let answerList!: () => void;
    const realList = api.list.getMockImplementation()!;
    api.list.mockImplementationOnce((limit) => new Promise((resolve) => (answerList = () => resolve(realList(limit)))));
    mount(api);
    await advance();
    expect(api.unreadCount).not.toHaveBeenCalled();
    expect(FakeEventSource.instances).toHaveLength(0);

    answerList();
    await advance();
    expect(api.unreadCount).toHaveBeenCalledTimes(1);
    expect(FakeEventSource.constructorCalls).toEqual([['/api/notifications/stream?lastEventId=7', { withCredentials: true }]]);
  });

  it('still opens the stream when the first load fails', async () => {
    const { api } = fakeApi();
    api.list.mockRejectedValueOnce(new Error('HTTP 502'));
    mount(api);
    await advance();
    expect(FakeEventSource.latest().url).toBe('/api/notifications/stream');
  });

  it('does not count a live notification that the count already includes', async () => {
    // List and count read at seq 3; the stream then replays seq 3 (at-least-once) and brings 4.
    const { api } = fakeApi({ list: [notification('c', 3)], unreadCount: 3, lastSeq: 3 });
    const { result } = mount(api);
    await advance();
    act(() => FakeEventSource.latest().open());
    act(() => FakeEventSource.latest().emit('notification', notification('c', 3), 3));
    act(() => FakeEventSource.latest().emit('notification', notification('d', 4), 4));
    expect(result.current.unreadCount).toBe(4);
  });

  it('reloads the list when the stream says its history was pruned (reset)', async () => {
    const { api, server } = fakeApi({ list: [notification('a', 1), notification('b', 2)], unreadCount: 2, lastSeq: 2 });
    const { result } = mount(api);
    await advance();
    act(() => FakeEventSource.latest().open());
    // Meanwhile: a deleted, b read, c created; the events are gone from the server's history.
    server.list = [notification('c', 900), notification('b', 2, { status: 'read' })];
    server.unreadCount = 1;
    server.lastSeq = 902;
    act(() => FakeEventSource.latest().emit('reset', { oldest_seq: 850 }));
    await advance();
    expect(result.current.notifications.map((n) => `${n.id}:${n.status}`)).toEqual(['c:unread', 'b:read']);
    expect(result.current.unreadCount).toBe(1);
  });

  it('after a reset because its seq is ahead of the server (restored data), starts over from the server and shows what comes next', async () => {
    const { api, server } = fakeApi({ list: [notification('a', 899), notification('b', 900)], unreadCount: 2, lastSeq: 900 });
    const { result } = mount(api);
    await advance();
    act(() => FakeEventSource.latest().open());
    // The server's data was restored from before: the user is at seq 3 now.
    server.list = [notification('x', 3)];
    server.unreadCount = 1;
    server.lastSeq = 3;
    act(() => FakeEventSource.latest().emit('reset', { oldest_seq: 1, reason: 'ahead', last_seq: 3 }));
    await advance();
    expect(result.current.notifications.map((n) => n.id)).toEqual(['x']);
    expect(result.current.unreadCount).toBe(1);

    act(() => FakeEventSource.latest().emit('notification', notification('y', 4), 4));
    expect(result.current.notifications.map((n) => n.id)).toEqual(['y', 'x']);
    expect(result.current.unreadCount).toBe(2);
  });

  it('reads the list again when the count was taken after a change that the list missed', async () => {
    const { api, server } = fakeApi({ list: [notification('a', 1)], unreadCount: 1 });
    // A notification is created between the list's answer and the count's.
    api.unreadCount.mockImplementationOnce(async () => {
      server.list = [notification('b', 2), notification('a', 1)];
      server.unreadCount = 2;
      server.lastSeq = 2;
      return { unreadCount: 2, lastSeq: 2 };
    });
    const { result } = mount(api, false);
    await advance();
    expect(result.current.unreadCount).toBe(2);
    expect(result.current.notifications.map((n) => n.id)).toEqual(['b', 'a']);
  });

  it('reloads when a gap in the seqs shows that an event was missed', async () => {
    const { api, server } = fakeApi({ list: [notification('a', 5)], unreadCount: 1, lastSeq: 5 });
    const { result } = mount(api);
    await advance();
    act(() => FakeEventSource.latest().open());
    const listCalls = api.list.mock.calls.length;
    server.list = [notification('c', 7), notification('b', 6), notification('a', 5)];
    server.unreadCount = 3;
    server.lastSeq = 7;
    act(() => FakeEventSource.latest().emit('notification', notification('c', 7), 7));
    await advance();
    expect(api.list.mock.calls.length).toBe(listCalls + 1);
    expect(result.current.notifications.map((n) => n.id)).toEqual(['c', 'b', 'a']);
    expect(result.current.unreadCount).toBe(3);
    // contiguous events cause no reload
    act(() => FakeEventSource.latest().emit('notification', notification('d', 8), 8));
    await advance();
    expect(api.list.mock.calls.length).toBe(listCalls + 1);
    expect(result.current.unreadCount).toBe(4);
  });

  it('ignores a count answer that overlapped the user marking one read', async () => {
    const { api, server } = fakeApi({ list: [notification('a', 1), notification('b', 2)], unreadCount: 2, lastSeq: 2 });
    const { result } = mount(api);
    await advance();
    // The count is asked for (e.g. by a poll) and answered after the user's click, from before it.
    let answerCount!: () => void;
    api.unreadCount.mockImplementationOnce(() => new Promise((resolve) => (answerCount = () => resolve({ unreadCount: 2, lastSeq: 2 }))));
    let release!: () => void;
    api.markRead.mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve(undefined))));
    let refreshing!: Promise<void>;
    let marking!: Promise<void>;
    act(() => {
      refreshing = result.current.refresh();
    });
    await advance();
    act(() => {
      marking = result.current.markRead('a');
    });
    await advance();
    answerCount();
    await advance();
    expect(result.current.unreadCount).toBe(1);

    server.unreadCount = 1;
    server.lastSeq = 3;
    release();
    await advance();
    await act(async () => {
      await Promise.all([refreshing, marking]);
    });
    await act(() => result.current.refresh());
    expect(result.current.unreadCount).toBe(1);
  });

  it('deletes one: gone from the list and counted down at once', async () => {
    const { api } = fakeApi({ list: [notification('a', 1), notification('b', 2)], unreadCount: 2, lastSeq: 2 });
    const { result } = mount(api, false);
    await advance();
    act(() => result.current.deleteNotification('a'));
    expect(result.current.notifications.map((n) => n.id)).toEqual(['b']);
    expect(result.current.unreadCount).toBe(1);
    // The server is told once the time to undo has passed.
    await advance(UNDO_DELETE_MS - 1);
    expect(api.deleteNotification).not.toHaveBeenCalled();
    expect(result.current.pendingDeletes.map((n) => n.id)).toEqual(['a']);
    await advance(1);
    expect(api.deleteNotification).toHaveBeenCalledWith('a');
    expect(result.current.pendingDeletes).toEqual([]);
    expect(result.current.notifications.map((n) => n.id)).toEqual(['b']);
  });

  it('undoes a deletion before it is sent: nothing reaches the server and the notification is back', async () => {
    const { api } = fakeApi({ list: [notification('a', 1), notification('b', 2)], unreadCount: 2, lastSeq: 2 });
    const { result } = mount(api, false);
    await advance();
    act(() => result.current.deleteNotification('a'));
    await advance(UNDO_DELETE_MS - 1000);
    act(() => result.current.undoDelete('a'));
    expect(result.current.notifications.map((n) => n.id)).toEqual(['b', 'a']);
    expect(result.current.unreadCount).toBe(2);
    await advance(UNDO_DELETE_MS * 2);
    expect(api.deleteNotification).not.toHaveBeenCalled();
  });

  it('sends a waiting deletion at once when the page goes away or the provider unmounts', async () => {
    const { api } = fakeApi({ list: [notification('a', 1), notification('b', 2)], unreadCount: 2, lastSeq: 2 });
    const { result, unmount } = mount(api, false);
    await advance();
    act(() => result.current.deleteNotification('a'));
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    expect(api.deleteNotification).toHaveBeenCalledWith('a');
    act(() => result.current.deleteNotification('b'));
    unmount();
    expect(api.deleteNotification).toHaveBeenCalledWith('b');
    await advance(UNDO_DELETE_MS * 2);
    expect(api.deleteNotification).toHaveBeenCalledTimes(2);
  });

  it('does not take a polled count while a deletion waits for its undo: the server still counts it', async () => {
    const { api } = fakeApi({ list: [notification('a', 1)], unreadCount: 1, lastSeq: 1 });
    const { result } = mount(api, false);
    await advance();
    act(() => result.current.deleteNotification('a'));
    await act(() => result.current.refresh());
    expect(result.current.unreadCount).toBe(0);
    expect(result.current.notifications).toEqual([]);
  });

  it('brings a notification back when the server refuses to delete it', async () => {
    const { api } = fakeApi({ list: [notification('a', 1)], unreadCount: 1, lastSeq: 1 });
    const { result } = mount(api, false);
    await advance();
    api.deleteNotification.mockRejectedValueOnce(new Error('HTTP 500'));
    act(() => result.current.deleteNotification('a'));
    await advance(UNDO_DELETE_MS);
    expect(api.deleteNotification).toHaveBeenCalledWith('a');
    expect(result.current.notifications.map((n) => n.id)).toEqual(['a']);
    expect(result.current.unreadCount).toBe(1);
  });
});

describe('NotificationProvider, refused mark all read', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('shows the server state again', async () => {
    const { api } = fakeApi({ list: [notification('a', 1), notification('b', 2, { status: 'read' })], unreadCount: 1 });
    const { result } = mount(api, false);
    await advance();
    api.markAllRead.mockRejectedValueOnce(new Error('HTTP 503'));
    await act(() => result.current.markAllRead());
    expect(result.current.unreadCount).toBe(1);
    expect(result.current.notifications.map((n) => `${n.id}:${n.status}`)).toEqual(['b:read', 'a:unread']);
  });
});

describe('NotificationProvider, older pages and the unread filter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.reset();
    vi.stubGlobal('EventSource', FakeEventSource);
  });

  // 45 on the server, newest first; every third one unread.
  const serverList = () => Array.from({ length: 45 }, (_, i) => notification(`n${45 - i}`, 45 - i, { status: (45 - i) % 3 === 0 ? 'unread' : 'read' }));

  it('follows the cursor page by page until the last, without touching the count', async () => {
    const { api } = fakeApi({ list: serverList(), unreadCount: 15 });
    const { result } = mount(api, false);
    await advance();
    expect(result.current.visibleNotifications('all')).toHaveLength(20);
    expect(result.current.hasOlder('all')).toBe(true);

    await act(() => result.current.loadOlder('all'));
    expect(api.list).toHaveBeenLastCalledWith(20, { cursor: 'before-26', status: undefined });
    expect(result.current.visibleNotifications('all').map((n) => n.id)).toEqual(serverList().slice(0, 40).map((n) => n.id));
    await act(() => result.current.loadOlder('all'));
    expect(result.current.visibleNotifications('all')).toHaveLength(45);
    expect(result.current.hasOlder('all')).toBe(false);
    expect(result.current.unreadCount).toBe(15);
    // The count's poll and a reload keep what was paged in.
    await act(() => result.current.refresh());
    expect(result.current.visibleNotifications('all')).toHaveLength(45);
  });

  it('pages the unread ones through the API\'s status filter', async () => {
    const { api } = fakeApi({ list: serverList(), unreadCount: 15 });
    const { result } = mount(api, false);
    await advance();
    expect(result.current.visibleNotifications('unread')).toHaveLength(7);
    await act(() => result.current.loadOlder('unread'));
    expect(api.list).toHaveBeenLastCalledWith(20, { cursor: null, status: 'unread' });
    expect(result.current.visibleNotifications('unread')).toHaveLength(15);
    expect(result.current.visibleNotifications('unread').every((n) => n.status === 'unread')).toBe(true);
    expect(result.current.hasOlder('unread')).toBe(false);
    expect(result.current.visibleNotifications('all')).toHaveLength(20);
  });

  it('asks for one older page at a time', async () => {
    const { api } = fakeApi({ list: serverList(), unreadCount: 15 });
    const { result } = mount(api, false);
    await advance();
    await act(async () => {
      await Promise.all([result.current.loadOlder('all'), result.current.loadOlder('all')]);
    });
    expect(api.list).toHaveBeenCalledTimes(2);
  });

  it('tells when the stream last showed signs of life: its opening, an event or a heartbeat', async () => {
    vi.setSystemTime(new Date('2026-12-02T10:00:00Z'));
    const { api } = fakeApi();
    const { result } = mount(api);
    await advance();
    expect(result.current.lastStreamActivity).toBeNull();
    const es = FakeEventSource.latest();
    act(() => es.open());
    expect(result.current.lastStreamActivity).toEqual({ kind: 'connected', at: new Date('2026-12-02T10:00:00Z') });
    await advance(30_000);
    act(() => es.emit('heartbeat', { timestamp: '2026-12-02T10:00:30Z', connections: 1 }));
    expect(result.current.lastStreamActivity).toEqual({ kind: 'heartbeat', at: new Date('2026-12-02T10:00:30Z') });
    await advance(5_000);
    act(() => es.emit('notification', notification('x', 1), 1));
    expect(result.current.lastStreamActivity).toEqual({ kind: 'event', at: new Date('2026-12-02T10:00:35Z') });
  });
});
