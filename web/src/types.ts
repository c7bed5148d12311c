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
 * Data of a state event. The gateway sends at least the notification `id` (not for all_read)
 * and the stream `seq`; anything else is ignored.
 */
export interface StateEvent {
  type: StateEventName;
  id?: string;
  seq?: number;
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
