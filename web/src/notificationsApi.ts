import type { NotificationItem, NotificationPage, NotificationStatus, UnreadCount } from './types';

/** The calls the page makes to the notification services (all with the user's bearer token). */
export interface NotificationsApi {
  /** POST /api/notifications/stream/session: sets the HttpOnly cookie the EventSource sends. */
  openStreamSession(): Promise<void>;
  /**
   * DELETE /api/notifications/stream/session: the server expires the stream cookie. Needs no token
   * (signing out works with an expired one); called on sign-out and before another user's session.
   */
  closeStreamSession(): Promise<void>;
  /**
   * GET /api/notifications?limit=n: the most recent notifications, newest first, with the user's
   * stream seq at the time of reading (`last_seq`) and the cursor of the next older page
   * (`next_cursor`, null on the last). With `cursor`, the page after it; with `status`, only those.
   */
  list(limit: number, options?: ListOptions): Promise<NotificationPage>;
  /** GET /api/notifications/unread-count, with the seq it was counted at. */
  unreadCount(): Promise<UnreadCount>;
  /** POST /api/notifications/{id}/read. */
  markRead(id: string): Promise<void>;
  /** POST /api/notifications/read-all. */
  markAllRead(): Promise<void>;
  /** DELETE /api/notifications/{id}, as a keepalive request (it may be sent as the page goes away). */
  deleteNotification(id: string): Promise<void>;
}

export interface ListOptions {
  cursor?: string | null;
  status?: NotificationStatus;
}

export interface NotificationsApiOptions {
  /** The current access token, asked for on every call (so a renewed token is used at once). */
  getToken: () => string | null | undefined | Promise<string | null | undefined>;
  /** Prefix for every path, e.g. `https://api.example.com`; empty = same origin. */
  baseUrl?: string;
}

export function createNotificationsApi({ getToken, baseUrl = '' }: NotificationsApiOptions): NotificationsApi {
  async function call(method: string, path: string, init: Pick<RequestInit, 'keepalive'> = {}): Promise<Response> {
    const token = await getToken();
    if (!token) throw new Error('not signed in: no access token');
    return send(method, path, { Authorization: `Bearer ${token}` }, init);
  }

  async function send(method: string, path: string, headers: Record<string, string> = {}, init: Pick<RequestInit, 'keepalive'> = {}): Promise<Response> {
    const response = await fetch(`${baseUrl}${path}`, {
      ...init,
      method,
      headers: { ...headers, Accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}`);
    return response;
  }

  return {
    async openStreamSession() {
      await call('POST', '/api/notifications/stream/session');
    },
    async closeStreamSession() {
      await send('DELETE', '/api/notifications/stream/session');
    },
    async list(limit, { cursor, status } = {}) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor) query.set('cursor', cursor);
      if (status) query.set('status', status);
      const body: unknown = await (await call('GET', `/api/notifications?${query}`)).json();
      const page = (body ?? {}) as { items?: unknown; next_cursor?: unknown; last_seq?: unknown };
      if (!Array.isArray(page.items) || !isSeq(page.last_seq)) throw new Error('list: malformed answer');
      return {
        items: page.items as NotificationItem[],
        nextCursor: typeof page.next_cursor === 'string' ? page.next_cursor : null,
        lastSeq: page.last_seq,
      };
    },
    async unreadCount() {
      const body = (await (await call('GET', '/api/notifications/unread-count')).json()) as {
        unread_count?: unknown;
        last_seq?: unknown;
      };
      const n = typeof body.unread_count === 'number' ? body.unread_count : NaN;
      if (!Number.isInteger(n) || n < 0 || !isSeq(body.last_seq)) throw new Error('unread-count: malformed answer');
      return { unreadCount: n, lastSeq: body.last_seq };
    },
    async markRead(id) {
      await call('POST', `/api/notifications/${encodeURIComponent(id)}/read`);
    },
    async markAllRead() {
      await call('POST', '/api/notifications/read-all');
    },
    async deleteNotification(id) {
      // Sent when the undo time is over, which may be as the page goes away.
      await call('DELETE', `/api/notifications/${encodeURIComponent(id)}`, { keepalive: true });
    },
  };
}

function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
