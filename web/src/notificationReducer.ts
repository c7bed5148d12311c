import type { NotificationItem, StateEvent } from './types';

export const MAX_NOTIFICATIONS = 20;
export const MAX_TOASTS = 3;
/** How many ids are remembered beyond the visible list, to recognise late duplicates. */
const SEEN_IDS_LIMIT = 500;

export interface NotificationState {
  /** The most recent notifications, newest first, at most {@link MAX_NOTIFICATIONS}. */
  notifications: NotificationItem[];
  unreadCount: number;
  /** Highest stream seq applied; a stream event at or below it is a duplicate. */
  lastSeq: number;
  /** Ids seen recently (newest last), also those no longer in the list. */
  seenIds: string[];
  /** Notifications to show as toasts, newest first. */
  toasts: NotificationItem[];
}

export type NotificationAction =
  | { type: 'received'; notification: NotificationItem }
  | { type: 'stateEvent'; event: StateEvent }
  /**
   * A page from the inbox API. Normally a local "read" wins over the page (the page may have been
   * requested before the user marked it read); with `serverWins` the page's status is taken as is,
   * to undo a local change the server refused.
   */
  | { type: 'loaded'; notifications: NotificationItem[]; serverWins?: boolean }
  | { type: 'countPolled'; unreadCount: number }
  | { type: 'markedRead'; id: string }
  | { type: 'markedAllRead' }
  | { type: 'toastDismissed'; id: string };

export const initialNotificationState: NotificationState = {
  notifications: [],
  unreadCount: 0,
  lastSeq: 0,
  seenIds: [],
  toasts: [],
};

const TOAST_TYPES = new Set(['success', 'error']);

/**
 * The notification state of the page. The stream, the inbox API and the user's own actions
 * all go through here, so that an event seen twice changes nothing, an unread notification is
 * counted once, and the polled unread count (the server's own figure) always wins.
 */
export function notificationReducer(state: NotificationState, action: NotificationAction): NotificationState {
  switch (action.type) {
    case 'received': {
      const { notification } = action;
      if (isStaleSeq(state, notification.seq)) return state;
      const lastSeq = Math.max(state.lastSeq, notification.seq ?? 0);
      if (state.seenIds.includes(notification.id) || state.notifications.some((x) => x.id === notification.id)) {
        return lastSeq === state.lastSeq ? state : { ...state, lastSeq };
      }
      return {
        notifications: [notification, ...state.notifications].slice(0, MAX_NOTIFICATIONS),
        unreadCount: state.unreadCount + (notification.status === 'unread' ? 1 : 0),
        lastSeq,
        seenIds: remember(state.seenIds, [notification.id]),
        toasts: TOAST_TYPES.has(notification.type) ? [notification, ...state.toasts].slice(0, MAX_TOASTS) : state.toasts,
      };
    }
    case 'stateEvent': {
      const { event } = action;
      if (isStaleSeq(state, event.seq)) return state;
      const next = { ...state, lastSeq: Math.max(state.lastSeq, event.seq ?? 0) };
      switch (event.type) {
        case 'notification.read':
          return event.id ? markRead(next, event.id) : next;
        case 'notification.all_read':
          return markAllRead(next);
        case 'notification.deleted': {
          if (!event.id) return next;
          const gone = state.notifications.find((x) => x.id === event.id);
          return {
            ...next,
            notifications: state.notifications.filter((x) => x.id !== event.id),
            unreadCount: gone?.status === 'unread' ? Math.max(0, state.unreadCount - 1) : state.unreadCount,
            seenIds: remember(state.seenIds, [event.id]),
          };
        }
        default:
          return next;
      }
    }
    case 'loaded': {
      const byId = new Map(state.notifications.map((x) => [x.id, x]));
      for (const loaded of action.notifications) {
        const known = byId.get(loaded.id);
        const keepRead = !action.serverWins && known?.status === 'read';
        byId.set(loaded.id, keepRead ? { ...loaded, status: 'read' } : loaded);
      }
      const merged = [...byId.values()].sort(newestFirst).slice(0, MAX_NOTIFICATIONS);
      return {
        ...state,
        notifications: merged,
        seenIds: remember(state.seenIds, action.notifications.map((x) => x.id)),
      };
    }
    case 'countPolled':
      return action.unreadCount === state.unreadCount ? state : { ...state, unreadCount: action.unreadCount };
    case 'markedRead':
      return markRead(state, action.id);
    case 'markedAllRead':
      return markAllRead(state);
    case 'toastDismissed':
      return { ...state, toasts: state.toasts.filter((t) => t.id !== action.id) };
  }
}

function isStaleSeq(state: NotificationState, seq: number | undefined): boolean {
  return typeof seq === 'number' && seq <= state.lastSeq;
}

function markRead(state: NotificationState, id: string): NotificationState {
  const target = state.notifications.find((x) => x.id === id);
  if (!target || target.status === 'read') return state;
  return {
    ...state,
    notifications: state.notifications.map((x) => (x.id === id ? { ...x, status: 'read' } : x)),
    unreadCount: Math.max(0, state.unreadCount - 1),
  };
}

function markAllRead(state: NotificationState): NotificationState {
  return {
    ...state,
    notifications: state.notifications.map((x) => (x.status === 'read' ? x : { ...x, status: 'read' })),
    unreadCount: 0,
  };
}

function remember(seen: string[], ids: string[]): string[] {
  const fresh = ids.filter((id) => !seen.includes(id));
  if (fresh.length === 0) return seen;
  return [...seen, ...fresh].slice(-SEEN_IDS_LIMIT);
}

function time(n: NotificationItem): number {
  const t = n.created_at ? Date.parse(n.created_at) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

function newestFirst(a: NotificationItem, b: NotificationItem): number {
  return time(b) - time(a) || (b.seq ?? 0) - (a.seq ?? 0);
}
