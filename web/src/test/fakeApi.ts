import { vi } from 'vitest';
import type { ListOptions, NotificationsApi } from '../notificationsApi';
import type { NotificationItem } from '../types';

/** An in-memory inbox API whose answers a test can change, with every call recorded. */
export function fakeApi(initial: { list?: NotificationItem[]; unreadCount?: number; lastSeq?: number } = {}) {
  const list = initial.list ?? [];
  /** The user's seq the list and the count are read at: by default, that of the newest in the list. */
  const server = { list, unreadCount: initial.unreadCount ?? 0, lastSeq: initial.lastSeq ?? Math.max(0, ...list.map((x) => x.seq ?? 0)) };
  const api = {
    openStreamSession: vi.fn(async () => undefined),
    closeStreamSession: vi.fn(async () => undefined),
    // Pages like the writer's: newest first, `next_cursor` names the seq the next page starts below.
    list: vi.fn(async (limit: number, options: ListOptions = {}) => {
      const before = options.cursor ? Number(options.cursor.replace('before-', '')) : Infinity;
      const rest = server.list.filter((x) => (x.seq ?? 0) < before && (!options.status || x.status === options.status));
      const items = rest.slice(0, limit);
      return { items, nextCursor: rest.length > limit ? `before-${items[items.length - 1].seq}` : null, lastSeq: server.lastSeq };
    }),
    unreadCount: vi.fn(async () => ({ unreadCount: server.unreadCount, lastSeq: server.lastSeq })),
    markRead: vi.fn(async (_id: string) => undefined),
    markAllRead: vi.fn(async () => undefined),
    deleteNotification: vi.fn(async (_id: string) => undefined),
  } satisfies NotificationsApi;
  return { api, server };
}

export function notification(id: string, seq: number, extra: Partial<NotificationItem> = {}): NotificationItem {
  return {
    id,
    user_id: 'user-1',
    seq,
    type: 'info',
    title: `Notification ${id}`,
    message: `Message ${id}`,
    status: 'unread',
    metadata: null,
    related_session_id: null,
    created_at: new Date(Date.UTC(2026, 10, 29, 10, 0, seq)).toISOString(),
    ...extra,
  };
}
