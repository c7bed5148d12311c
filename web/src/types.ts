/** One notification as the inbox API and the `notification` stream event carry it. */
export interface NotificationItem {
  id: string;
  user_id?: string;
  /** The user's stream sequence (the SSE `id:`); absent on objects that did not come from the stream. */
  seq?: number;
  type: NotificationKind;
  title: string;
  message?: string;
  status: NotificationStatus;
  metadata?: Record<string, unknown> | null;
  related_session_id?: string | null;
  created_at?: string;
}

/** A page of the inbox list. */
export interface NotificationPage {
  items: NotificationItem[];
  nextCursor: string | null;
  /** The user's stream seq when the page was read: the page reflects every event up to it. */
  lastSeq: number;
}

/** The server's unread count. */
export interface UnreadCount {
  unreadCount: number;
  /** The user's stream seq the count reflects (every event up to it is counted). */
  lastSeq: number;
}

export type NotificationKind = 'info' | 'success' | 'warning' | 'error';
export type NotificationStatus = 'unread' | 'read';

/** Names of the stream events that change the state of existing notifications. */
export const STATE_EVENT_NAMES = [
  'notification.read',
  'notification.all_read',
  'notification.deleted',
] as const;
export type StateEventName = (typeof STATE_EVENT_NAMES)[number];

/**
 * Data of a state event: `notification.read` `{id, user_id, seq, status, read_at}`,
 * `notification.all_read` `{user_id, seq, up_to_seq, read_at}` (every notification with
 * seq <= up_to_seq is read), `notification.deleted` `{id, user_id, seq, deleted_at}`.
 */
export interface StateEvent {
  type: StateEventName;
  id?: string;
  seq?: number;
  up_to_seq?: number;
}

/**
 * Data of the `reset` stream event: the stream cannot resume from the client's last seq; reload the list.
 * `pruned`: those events are no longer kept. `ahead`: the last seq is ahead of the user's (a restored
 * database, a client bug); `last_seq` is the user's seq, where the stream goes on from.
 */
export interface StreamReset {
  oldest_seq?: number;
  reason?: 'pruned' | 'ahead';
  last_seq?: number;
}

/** Data of the `heartbeat` stream event. */
export interface Heartbeat {
  timestamp: string;
  connections: number;
}

/** Where the stream connection stands. */
export type StreamStatus =
  | 'idle' // not started (disabled)
  | 'connecting' // first attempt under way
  | 'open' // the server accepted the stream
  | 'reconnecting' // waiting for, or making, another attempt after a failure
  | 'failed' // gave up after too many consecutive failures; polling alone from now on
  | 'closed'; // stopped by the page
