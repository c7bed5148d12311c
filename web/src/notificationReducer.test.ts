import { describe, expect, it } from 'vitest';
import { initialNotificationState, notificationReducer, type NotificationState } from './notificationReducer';
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

  it('keeps the 20 most recent, and still recognises one that fell out of the list', () => {
    let s = initialNotificationState;
    for (let i = 1; i <= 25; i++) s = notificationReducer(s, { type: 'received', notification: n(`n${i}`, i) });
    expect(s.notifications).toHaveLength(20);
    expect(s.notifications[0].id).toBe('n25');
    expect(s.notifications[19].id).toBe('n6');
    expect(s.unreadCount).toBe(25);
    const again = notificationReducer(s, { type: 'received', notification: n('n1', 99) });
    expect(again.unreadCount).toBe(25);
    expect(again.notifications.map((x) => x.id)).not.toContain('n1');
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

  it('queues a toast for new success and error notifications only, and dismisses it', () => {
    let s = apply(
      { type: 'received', notification: n('i', 1, { type: 'info' }) },
      { type: 'received', notification: n('w', 2, { type: 'warning' }) },
      { type: 'received', notification: n('s', 3, { type: 'success' }) },
      { type: 'received', notification: n('e', 4, { type: 'error' }) },
      { type: 'loaded', notifications: [n('old', undefined, { type: 'error' })], lastSeq: 4 },
    );
    expect(s.toasts.map((t) => t.id)).toEqual(['e', 's']);
    s = notificationReducer(s, { type: 'toastDismissed', id: 'e' });
    expect(s.toasts.map((t) => t.id)).toEqual(['s']);
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
