import { vi } from 'vitest';
import type { NotificationsApi } from '../notificationsApi';
import type { NotificationItem } from '../types';

/** An in-memory inbox API whose answers a test can change, with every call recorded. */
export function fakeApi(initial: { list?: NotificationItem[]; unreadCount?: number } = {}) {
  const server = { list: initial.list ?? [], unreadCount: initial.unreadCount ?? 0 };
  const api = {
    openStreamSession: vi.fn(async () => undefined),
    list: vi.fn(async (limit: number) => server.list.slice(0, limit)),
    unreadCount: vi.fn(async () => server.unreadCount),
    markRead: vi.fn(async (_id: string) => undefined),
    markAllRead: vi.fn(async () => undefined),
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
