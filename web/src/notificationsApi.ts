import type { NotificationItem } from './types';

/** The calls the page makes to the notification services (all with the user's bearer token). */
export interface NotificationsApi {
  /** POST /api/notifications/stream/session: sets the HttpOnly cookie the EventSource sends. */
  openStreamSession(): Promise<void>;
  /** GET /api/notifications?limit=n: the most recent notifications, newest first. */
  list(limit: number): Promise<NotificationItem[]>;
  /** GET /api/notifications/unread-count. */
  unreadCount(): Promise<number>;
  /** POST /api/notifications/{id}/read. */
  markRead(id: string): Promise<void>;
  /** POST /api/notifications/read-all. */
  markAllRead(): Promise<void>;
}

export interface NotificationsApiOptions {
  /** The current access token, asked for on every call (so a renewed token is used at once). */
  getToken: () => string | null | undefined | Promise<string | null | undefined>;
  /** Prefix for every path, e.g. `https://api.example.com`; empty = same origin. */
  baseUrl?: string;
}

export function createNotificationsApi({ getToken, baseUrl = '' }: NotificationsApiOptions): NotificationsApi {
  async function call(method: string, path: string): Promise<Response> {
    const token = await getToken();
    if (!token) throw new Error('not signed in: no access token');
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}`);
    return response;
  }

  return {
    async openStreamSession() {
      await call('POST', '/api/notifications/stream/session');
    },
    async list(limit) {
      const body: unknown = await (await call('GET', `/api/notifications?limit=${limit}`)).json();
      if (Array.isArray(body)) return body as NotificationItem[];
      const wrapped = body as { items?: unknown; notifications?: unknown; content?: unknown };
      const items = wrapped.items ?? wrapped.notifications ?? wrapped.content;
      return Array.isArray(items) ? (items as NotificationItem[]) : [];
    },
    async unreadCount() {
      const body = (await (await call('GET', '/api/notifications/unread-count')).json()) as { unread_count?: unknown };
      const n = Number(body.unread_count);
      if (!Number.isFinite(n) || n < 0) throw new Error('unread-count: malformed answer');
      return n;
    },
    async markRead(id) {
      await call('POST', `/api/notifications/${encodeURIComponent(id)}/read`);
    },
    async markAllRead() {
      await call('POST', '/api/notifications/read-all');
    },
  };
}
