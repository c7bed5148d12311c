import { vi } from 'vitest';
import type { NotificationsApi } from '../notificationsApi';
import type { NotificationItem } from '../types';

/** An in-memory inbox API whose answers a test can change, with every call recorded. */
export function fakeApi(initial: { list?: NotificationItem[]; unreadCount?: number; lastSeq?: number | null } = {}) {
  /** `lastSeq` null = the older writer, which sends no seq with the list and the count. */
  const server = { list: initial.list ?? [], unreadCount: initial.unreadCount ?? 0, lastSeq: initial.lastSeq ?? null };
  const api = {
    openStreamSession: vi.fn(async () => undefined),
    list: vi.fn(async (limit: number) => ({ items: server.list.slice(0, limit), nextCursor: null, lastSeq: server.lastSeq })),
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
