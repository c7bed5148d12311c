import { describe, expect, it } from 'vitest';
import { hasOlder, initialNotificationState, notificationReducer, visibleNotifications, type NotificationAction, type NotificationState } from './notificationReducer';
import type { NotificationItem } from './types';

const n = (id: string, seq?: number, extra: Partial<NotificationItem> = {}): NotificationItem => ({
  id,
  seq,
  type: 'info',
  title: `title ${id}`,
  status: 'unread',
  created_at: seq ? new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString() : undefined,
  ...extra,
});

function apply(...actions: Parameters<typeof notificationReducer>[1][]): NotificationState {
  return actions.reduce(notificationReducer, initialNotificationState);
}

describe('notificationReducer', () => {
  it('adds a streamed unread notification on top and counts it once', () => {
    const s = apply({ type: 'received', notification: n('a', 1) }, { type: 'received', notification: n('b', 2) });
    expect(s.notifications.map((x) => x.id)).toEqual(['b', 'a']);
    expect(s.unreadCount).toBe(2);
  });

  it('does not count a notification that arrives already read', () => {
    const s = apply({ type: 'received', notification: n('a', 1, { status: 'read' }) });
    expect(s.notifications).toHaveLength(1);
    expect(s.unreadCount).toBe(0);
  });

  it('changes nothing when the same event arrives twice', () => {
    const once = apply({ type: 'received', notification: n('a', 1) });
    const twice = notificationReducer(once, { type: 'received', notification: n('a', 1) });
    expect(twice).toBe(once);
  });

  it('dedupes by id: a known notification under a new seq is not added or counted again', () => {
    const s = apply({ type: 'received', notification: n('a', 1) }, { type: 'received', notification: n('a', 2) });
    expect(s.notifications).toHaveLength(1);
    expect(s.unreadCount).toBe(1);
    expect(s.lastSeq).toBe(2);
  });

  it('dedupes by seq: an event at or below the last applied seq is dropped', () => {
    const s = apply({ type: 'received', notification: n('a', 5) }, { type: 'received', notification: n('b', 4) });
    expect(s.notifications.map((x) => x.id)).toEqual(['a']);
    expect(s.unreadCount).toBe(1);
  });

  it('keeps every live one on top of the loaded page (the page\'s cursor stays right), and recognises them later', () => {
    let s = initialNotificationState;
    for (let i = 1; i <= 25; i++) s = notificationReducer(s, { type: 'received', notification: n(`n${i}`, i) });
    expect(s.notifications).toHaveLength(25);
    expect(s.notifications[0].id).toBe('n25');
    expect(s.unreadCount).toBe(25);
    const again = notificationReducer(s, { type: 'received', notification: n('n1', 99) });
    expect(again.unreadCount).toBe(25);
    expect(again.notifications).toHaveLength(25);
  });

  it('merges a loaded page with what the stream already delivered, newest first, without double entries', () => {
    const s = apply(
      { type: 'received', notification: n('c', 3) },
      { type: 'loaded', notifications: [n('b', 2), n('c', 3), n('a', 1, { status: 'read' })], lastSeq: 3 },
    );
    expect(s.notifications.map((x) => x.id)).toEqual(['c', 'b', 'a']);
    expect(s.unreadCount).toBe(1);
  });

  it('keeps a read status from either side when merging', () => {
    const s = apply(
      { type: 'received', notification: n('a', 1) },
      { type: 'markedRead', id: 'a' },
      { type: 'loaded', notifications: [n('a', 1)], lastSeq: 1 },
    );
    expect(s.notifications[0].status).toBe('read');
  });

  it('a streamed notification that the loaded page already had is not counted again', () => {
    const s = apply(
      { type: 'countPolled', unreadCount: 1, lastSeq: 1 },
      { type: 'loaded', notifications: [n('a', 1)], lastSeq: 1 },
      { type: 'received', notification: n('a', 1) },
    );
    expect(s.unreadCount).toBe(1);
    expect(s.notifications).toHaveLength(1);
  });

  it('takes the polled count as authoritative', () => {
    const s = apply({ type: 'received', notification: n('a', 1) }, { type: 'received', notification: n('b', 2) }, { type: 'countPolled', unreadCount: 7, lastSeq: 2 });
    expect(s.unreadCount).toBe(7);
  });

  it('marks one read locally once, never below zero', () => {
    const s = apply(
      { type: 'received', notification: n('a', 1) },
      { type: 'markedRead', id: 'a' },
      { type: 'markedRead', id: 'a' },
      { type: 'markedRead', id: 'unknown' },
    );
    expect(s.notifications[0].status).toBe('read');
    expect(s.unreadCount).toBe(0);
  });

  it('marks all read', () => {
    const s = apply({ type: 'received', notification: n('a', 1) }, { type: 'countPolled', unreadCount: 30, lastSeq: 1 }, { type: 'markedAllRead' });
    expect(s.unreadCount).toBe(0);
    expect(s.notifications.every((x) => x.status === 'read')).toBe(true);
  });

  it('applies read, all_read and deleted stream events once each', () => {
    let s = apply({ type: 'received', notification: n('a', 1) }, { type: 'received', notification: n('b', 2) }, { type: 'received', notification: n('c', 3) });
    s = notificationReducer(s, { type: 'stateEvent', event: { type: 'notification.read', id: 'a', seq: 4 } });
    expect(s.unreadCount).toBe(2);
    const same = notificationReducer(s, { type: 'stateEvent', event: { type: 'notification.read', id: 'a', seq: 4 } });
    expect(same).toBe(s);
    s = notificationReducer(s, { type: 'stateEvent', event: { type: 'notification.deleted', id: 'b', seq: 5 } });
    expect(s.notifications.map((x) => x.id)).toEqual(['c', 'a']);
    expect(s.unreadCount).toBe(1);
    s = notificationReducer(s, { type: 'stateEvent', event: { type: 'notification.all_read', seq: 6 } });
    expect(s.unreadCount).toBe(0);
    // a late duplicate of the deleted one does not bring it back
    s = notificationReducer(s, { type: 'received', notification: n('b', 7) });
    expect(s.notifications.map((x) => x.id)).toEqual(['c', 'a']);
  });

  it('a read event after a local mark-read does not count down twice', () => {
    const s = apply(
      { type: 'received', notification: n('a', 1) },
      { type: 'received', notification: n('b', 2) },
      { type: 'markedRead', id: 'a' },
      { type: 'stateEvent', event: { type: 'notification.read', id: 'a', seq: 3 } },
    );
    expect(s.unreadCount).toBe(1);
  });

  it('queues a toast for every new live notification, newest first, and dismisses it', () => {
    let s = apply(
      { type: 'received', notification: n('i', 1, { type: 'info' }) },
      { type: 'received', notification: n('w', 2, { type: 'warning' }) },
      { type: 'received', notification: n('s', 3, { type: 'success' }) },
      { type: 'received', notification: n('e', 4, { type: 'error' }) },
      { type: 'loaded', notifications: [n('old', undefined, { type: 'error' })], lastSeq: 4 },
    );
    expect(s.toasts.map((t) => t.id)).toEqual(['e', 's', 'w', 'i']);
    s = notificationReducer(s, { type: 'toastDismissed', id: 'e' });
    expect(s.toasts.map((t) => t.id)).toEqual(['s', 'w', 'i']);
  });
});

describe('notificationReducer, loading after a refused change', () => {
  it('takes the server status when asked to', () => {
    const s = apply(
      { type: 'received', notification: n('a', 1) },
      { type: 'markedRead', id: 'a' },
      { type: 'loaded', notifications: [n('a', 1)], lastSeq: 1, serverWins: true },
    );
    expect(s.notifications[0].status).toBe('unread');
  });
});

describe('notificationReducer, all_read by up_to_seq', () => {
  it('marks read only what has a seq up to up_to_seq, and counts what is left', () => {
    const s = apply(
      { type: 'received', notification: n('a', 1) },
      { type: 'received', notification: n('b', 2) },
      { type: 'received', notification: n('c', 3) },
      { type: 'stateEvent', event: { type: 'notification.all_read', seq: 4, up_to_seq: 2 } },
    );
    expect(Object.fromEntries(s.notifications.map((x) => [x.id, x.status]))).toEqual({ a: 'read', b: 'read', c: 'unread' });
    expect(s.unreadCount).toBe(1);
  });

  it('without up_to_seq marks everything read', () => {
    const s = apply(
      { type: 'received', notification: n('a', 1) },
      { type: 'stateEvent', event: { type: 'notification.all_read', seq: 2 } },
    );
    expect(s.notifications[0].status).toBe('read');
    expect(s.unreadCount).toBe(0);
  });
});

describe('notificationReducer, reconciling the count by seq', () => {
  it('does not count a live event that the polled count already includes', () => {
    // The count was taken at seq 5; the notification with seq 5 reaches the page after it.
    const s = apply(
      { type: 'received', notification: n('a', 4) },
      { type: 'countPolled', unreadCount: 2, lastSeq: 5 },
      { type: 'received', notification: n('b', 5) },
    );
    expect(s.notifications.map((x) => x.id)).toEqual(['b', 'a']);
    expect(s.unreadCount).toBe(2);
  });

  it('adds what arrived after the count was taken when the answer comes late', () => {
    // The count was taken at seq 4, but the page had already applied seq 5 and 6 when it arrived.
    const s = apply(
      { type: 'received', notification: n('a', 4) },
      { type: 'received', notification: n('b', 5) },
      { type: 'received', notification: n('c', 6) },
      { type: 'stateEvent', event: { type: 'notification.read', id: 'a', seq: 7 } },
      { type: 'countPolled', unreadCount: 10, lastSeq: 4 },
    );
    // 10 at seq 4, +1 (b) +1 (c) -1 (a read)
    expect(s.unreadCount).toBe(11);
  });

  it('replays an all_read that came after the count as a new starting point', () => {
    const s = apply(
      { type: 'received', notification: n('a', 4) },
      { type: 'stateEvent', event: { type: 'notification.all_read', seq: 5, up_to_seq: 4 } },
      { type: 'received', notification: n('b', 6) },
      { type: 'countPolled', unreadCount: 30, lastSeq: 3 },
    );
    expect(s.unreadCount).toBe(1);
  });

  it('ignores an answer older than the one already applied', () => {
    const s = apply(
      { type: 'countPolled', unreadCount: 3, lastSeq: 9 },
      { type: 'countPolled', unreadCount: 8, lastSeq: 7 },
    );
    expect(s.unreadCount).toBe(3);
  });

  it('ignores a late answer when an event after it had an effect only the server knows', () => {
    const s = apply(
      { type: 'received', notification: n('a', 4) },
      { type: 'stateEvent', event: { type: 'notification.read', id: 'not-in-the-list', seq: 5 } },
      { type: 'countPolled', unreadCount: 9, lastSeq: 4 },
    );
    expect(s.unreadCount).toBe(1);
    // The count asked for after that event settles it.
    const settled = notificationReducer(s, { type: 'countPolled', unreadCount: 6, lastSeq: 5 });
    expect(settled.unreadCount).toBe(6);
  });

  it('counts a notification that is in a page read at a later seq than the count', () => {
    // List read at seq 6 (has b), count at seq 6 too: the live b (seq 6) adds nothing.
    const s = apply(
      { type: 'loaded', notifications: [n('b', 6), n('a', 5)], lastSeq: 6 },
      { type: 'countPolled', unreadCount: 2, lastSeq: 6 },
      { type: 'received', notification: n('b', 6) },
      { type: 'received', notification: n('c', 7) },
    );
    expect(s.unreadCount).toBe(3);
    expect(s.notifications.map((x) => x.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('notificationReducer, loading pages', () => {
  it('remembers the seq a page was read at', () => {
    const s = apply({ type: 'loaded', notifications: [n('a', 3)], lastSeq: 8 });
    expect(s.listSeq).toBe(8);
  });

  it('does not bring back a notification deleted after the page was read', () => {
    const s = apply(
      { type: 'received', notification: n('a', 1) },
      { type: 'stateEvent', event: { type: 'notification.deleted', id: 'a', seq: 2 } },
      { type: 'loaded', notifications: [n('a', 1)], lastSeq: 1 },
    );
    expect(s.notifications).toEqual([]);
  });

  it('on replace (after a reset) drops what the page no longer has, keeping only newer live ones', () => {
    const s = apply(
      { type: 'loaded', notifications: [n('a', 1), n('b', 2)], lastSeq: 2 },
      { type: 'received', notification: n('c', 9) },
      { type: 'loaded', notifications: [n('b', 2, { status: 'read' }), n('d', 5)], lastSeq: 8, replace: true },
    );
    expect(s.notifications.map((x) => [x.id, x.status])).toEqual([
      ['c', 'unread'],
      ['d', 'unread'],
      ['b', 'read'],
    ]);
  });
});

/** The server's pages, newest first: ids p<seq>, every third one unread. */
const serverItems = Array.from({ length: 45 }, (_, i) => n(`p${45 - i}`, 45 - i, { status: (45 - i) % 3 === 0 ? 'unread' : 'read' }));
const pageOf = (items: NotificationItem[], size: number, before = Infinity) => {
  const rest = items.filter((x) => (x.seq ?? 0) < before);
  const page = rest.slice(0, size);
  return { notifications: page, nextCursor: rest.length > size ? `before-${page[page.length - 1].seq}` : null };
};

describe('notificationReducer, older pages by cursor', () => {
  const first = pageOf(serverItems, 20);

  it('shows the first page with the cursor to the next one', () => {
    const s = apply({ type: 'loaded', notifications: first.notifications, nextCursor: first.nextCursor, lastSeq: 45 });
    expect(visibleNotifications(s, 'all').map((x) => x.id)).toEqual(serverItems.slice(0, 20).map((x) => x.id));
    expect(hasOlder(s, 'all')).toEqual({ more: true, cursor: 'before-26' });
  });

  it('appends older pages after the held ones until the cursor runs out', () => {
    const second = pageOf(serverItems, 20, 26);
    const third = pageOf(serverItems, 20, 6);
    let s = apply(
      { type: 'loaded', notifications: first.notifications, nextCursor: first.nextCursor, lastSeq: 45 },
      { type: 'received', notification: n('live', 46) },
      { type: 'olderLoaded', filter: 'all', notifications: second.notifications, nextCursor: second.nextCursor },
    );
    expect(visibleNotifications(s, 'all').map((x) => x.id)).toEqual(['live', ...serverItems.slice(0, 40).map((x) => x.id)]);
    expect(hasOlder(s, 'all')).toEqual({ more: true, cursor: 'before-6' });
    s = notificationReducer(s, { type: 'olderLoaded', filter: 'all', notifications: third.notifications, nextCursor: third.nextCursor });
    expect(visibleNotifications(s, 'all')).toHaveLength(46);
    expect(hasOlder(s, 'all')).toEqual({ more: false });
  });

  it('does not count older pages: the count is the server\'s', () => {
    const second = pageOf(serverItems, 20, 26);
    const s = apply(
      { type: 'loaded', notifications: first.notifications, nextCursor: first.nextCursor, lastSeq: 45 },
      { type: 'countPolled', unreadCount: 15, lastSeq: 45 },
      { type: 'olderLoaded', filter: 'all', notifications: second.notifications, nextCursor: second.nextCursor },
    );
    expect(s.unreadCount).toBe(15);
  });

  it('a later reload of the newest page keeps the cursor of the oldest page held', () => {
    const second = pageOf(serverItems, 20, 26);
    const s = apply(
      { type: 'loaded', notifications: first.notifications, nextCursor: first.nextCursor, lastSeq: 45 },
      { type: 'olderLoaded', filter: 'all', notifications: second.notifications, nextCursor: second.nextCursor },
      { type: 'loaded', notifications: first.notifications, nextCursor: first.nextCursor, lastSeq: 45 },
    );
    expect(hasOlder(s, 'all')).toEqual({ more: true, cursor: 'before-6' });
    expect(visibleNotifications(s, 'all')).toHaveLength(40);
  });

  it('after a reset the list starts over from the new first page, and so do the cursors', () => {
    const second = pageOf(serverItems, 20, 26);
    const s = apply(
      { type: 'loaded', notifications: first.notifications, nextCursor: first.nextCursor, lastSeq: 45 },
      { type: 'olderLoaded', filter: 'all', notifications: second.notifications, nextCursor: second.nextCursor },
      { type: 'loaded', notifications: first.notifications, nextCursor: first.nextCursor, lastSeq: 45, replace: true },
    );
    expect(visibleNotifications(s, 'all')).toHaveLength(20);
    expect(hasOlder(s, 'all')).toEqual({ more: true, cursor: 'before-26' });
  });

  it('keeps a local read when an older page brings the same notification', () => {
    const s = apply(
      { type: 'loaded', notifications: [n('a', 3), n('b', 2)], nextCursor: 'before-2', lastSeq: 3 },
      { type: 'markedRead', id: 'b' },
      { type: 'olderLoaded', filter: 'all', notifications: [n('b', 2), n('c', 1)], nextCursor: null },
    );
    expect(visibleNotifications(s, 'all').map((x) => [x.id, x.status])).toEqual([
      ['a', 'unread'],
      ['b', 'read'],
      ['c', 'unread'],
    ]);
  });
});

describe('notificationReducer, the "Unread only" filter', () => {
  const unreadItems = serverItems.filter((x) => x.status === 'unread');
  const first = pageOf(serverItems, 20);

  it('shows the unread ones of what is held, newest first', () => {
    const s = apply({ type: 'loaded', notifications: first.notifications, nextCursor: first.nextCursor, lastSeq: 45 });
    expect(visibleNotifications(s, 'unread').map((x) => x.id)).toEqual(['p45', 'p42', 'p39', 'p36', 'p33', 'p30', 'p27']);
  });

  it('pages the unread ones with their own cursor, starting from the newest, and hides the gap from the full list', () => {
    let s = apply({ type: 'loaded', notifications: first.notifications, nextCursor: first.nextCursor, lastSeq: 45 });
    expect(hasOlder(s, 'unread')).toEqual({ more: true, cursor: null });
    const unreadPage = pageOf(unreadItems, 10);
    s = notificationReducer(s, { type: 'olderLoaded', filter: 'unread', notifications: unreadPage.notifications, nextCursor: unreadPage.nextCursor });
    expect(visibleNotifications(s, 'unread').map((x) => x.id)).toEqual(unreadItems.slice(0, 10).map((x) => x.id));
    expect(hasOlder(s, 'unread')).toEqual({ more: true, cursor: 'before-18' });
    // The full list still ends where its own pages end: nothing older shows there before its page is read.
    expect(visibleNotifications(s, 'all').map((x) => x.id)).toEqual(first.notifications.map((x) => x.id));

    const rest = pageOf(unreadItems, 10, 18);
    s = notificationReducer(s, { type: 'olderLoaded', filter: 'unread', notifications: rest.notifications, nextCursor: rest.nextCursor });
    expect(visibleNotifications(s, 'unread')).toHaveLength(15);
    expect(hasOlder(s, 'unread')).toEqual({ more: false });
  });

  it('has nothing older to show once the full list is all in', () => {
    const s = apply({ type: 'loaded', notifications: [n('a', 2), n('b', 1, { status: 'read' })], nextCursor: null, lastSeq: 2 });
    expect(hasOlder(s, 'unread')).toEqual({ more: false });
    expect(visibleNotifications(s, 'unread').map((x) => x.id)).toEqual(['a']);
  });

  it('a notification read while the filter is on leaves the filtered list', () => {
    const s = apply({ type: 'loaded', notifications: [n('a', 2), n('b', 1)], nextCursor: null, lastSeq: 2 }, { type: 'markedRead', id: 'a' });
    expect(visibleNotifications(s, 'unread').map((x) => x.id)).toEqual(['b']);
  });
});

describe('notificationReducer, delete with undo', () => {
  const loaded: NotificationAction = { type: 'loaded', notifications: [n('a', 3), n('b', 2, { status: 'read' }), n('c', 1)], nextCursor: null, lastSeq: 3 };

  it('removes at once and keeps the notification aside, so that undo puts it back where it was', () => {
    let s = apply(loaded, { type: 'countPolled', unreadCount: 2, lastSeq: 3 }, { type: 'removed', id: 'c' });
    expect(s.notifications.map((x) => x.id)).toEqual(['a', 'b']);
    expect(s.unreadCount).toBe(1);
    expect(s.pendingDeletes.map((x) => x.id)).toEqual(['c']);
    s = notificationReducer(s, { type: 'removeUndone', id: 'c' });
    expect(s.notifications.map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(s.unreadCount).toBe(2);
    expect(s.pendingDeletes).toEqual([]);
    // Undone, it is no longer kept out of later pages.
    s = notificationReducer(s, { type: 'loaded', notifications: [n('a', 3), n('c', 1)], lastSeq: 3 });
    expect(s.notifications.map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });

  it('undoing a read one does not count it', () => {
    const s = apply(loaded, { type: 'countPolled', unreadCount: 2, lastSeq: 3 }, { type: 'removed', id: 'b' }, { type: 'removeUndone', id: 'b' });
    expect(s.unreadCount).toBe(2);
  });

  it('once the deletion is settled, undo is no longer offered and a page does not bring it back', () => {
    let s = apply(loaded, { type: 'removed', id: 'a' }, { type: 'removeSettled', id: 'a' });
    expect(s.pendingDeletes).toEqual([]);
    s = notificationReducer(s, { type: 'removeUndone', id: 'a' });
    expect(s.notifications.map((x) => x.id)).toEqual(['b', 'c']);
    s = notificationReducer(s, loaded);
    expect(s.notifications.map((x) => x.id)).toEqual(['b', 'c']);
  });

  it('a read of the held-aside one from another tab is kept for the undo', () => {
    const s = apply(
      loaded,
      { type: 'countPolled', unreadCount: 2, lastSeq: 3 },
      { type: 'removed', id: 'a' },
      { type: 'stateEvent', event: { type: 'notification.read', id: 'a', seq: 4 } },
      { type: 'removeUndone', id: 'a' },
    );
    expect(s.notifications.find((x) => x.id === 'a')?.status).toBe('read');
    expect(s.unreadCount).toBe(1);
  });

  it('a deletion from another tab ends the undo', () => {
    const s = apply(loaded, { type: 'removed', id: 'a' }, { type: 'stateEvent', event: { type: 'notification.deleted', id: 'a', seq: 4 } });
    expect(s.pendingDeletes).toEqual([]);
  });
});
