import type { NotificationItem, StateEvent } from './types';

/** Notifications per page of the inbox API: the first page, and each "Show older". */
export const PAGE_SIZE = 20;
/** Toasts waiting to be shown (three at a time, see NotificationToasts); older ones are dropped. */
const MAX_QUEUED_TOASTS = 50;
/** How many ids are remembered beyond the visible list, to recognise late duplicates. */
const SEEN_IDS_LIMIT = 500;

export interface NotificationState {
  /**
   * What the page holds, newest first: the first page, what arrived live since and the older
   * pages the user asked for. Never trimmed: the cursors of the older pages rest on the oldest
   * held (see {@link visibleNotifications}).
   */
  notifications: NotificationItem[];
  unreadCount: number;
  /** Highest stream seq applied; a stream event at or below it is a duplicate. */
  lastSeq: number;
  /** The seq the latest loaded page was read at (0 if unknown): the page reflects every event up to it. */
  listSeq: number;
  /** The seq the unread count was last taken from the server at: events up to it are in the count. */
  countSeq: number;
  /**
   * What each stream event after {@link countSeq} did to the count, oldest first, so that a count
   * the server took before some of them can be brought up to date (see `countPolled`).
   */
  countLog: CountChange[];
  /** Ids seen recently (newest last), also those no longer in the list. */
  seenIds: string[];
  /** Ids deleted recently: a page read before the deletion does not bring them back. */
  deletedIds: string[];
  /** Notifications to show as toasts, newest first. */
  toasts: NotificationItem[];
  /** Deleted by the user but not yet sent to the server: undo puts them back. */
  pendingDeletes: NotificationItem[];
  /** How far the pages of each list reach. */
  trails: Record<ListFilter, PageTrail>;
}

/** The two lists the bell shows: everything, or only the unread ones (`status=unread` of the API). */
export type ListFilter = 'all' | 'unread';

/** How far one list's pages reach back. */
export interface PageTrail {
  /** A page of this list was loaded. */
  started: boolean;
  /** The API's cursor for the next older page; null once the last page was loaded. */
  cursor: string | null;
  /** The lowest seq of this list's pages: held notifications below it came from the other list. */
  oldestSeq: number;
}

const NEW_TRAIL: PageTrail = { started: false, cursor: null, oldestSeq: Infinity };

/** The effect of one stream event on the unread count. */
export type CountChange =
  | { seq: number; delta: number }
  /** all_read: the count became this figure. */
  | { seq: number; set: number }
  /** read/deleted of a notification outside the list: only the server knows whether it was unread. */
  | { seq: number; unknown: true };

export type NotificationAction =
  | { type: 'received'; notification: NotificationItem }
  | { type: 'stateEvent'; event: StateEvent }
  /**
   * A page from the inbox API, read at stream seq `lastSeq`.
   * Normally a local "read" wins over the page (the page may have been requested before the user
   * marked it read); with `serverWins` the page's status is taken as is, to undo a local change
   * the server refused. With `replace` (after the stream's `reset`) notifications the page no
   * longer has are dropped, except those that arrived live after the page was read.
   */
  | { type: 'loaded'; notifications: NotificationItem[]; lastSeq: number; nextCursor?: string | null; serverWins?: boolean; replace?: boolean }
  /** An older page of one list ("Show older"), with the cursor for the page after it. */
  | { type: 'olderLoaded'; filter: ListFilter; notifications: NotificationItem[]; nextCursor: string | null }
  /** The server's unread count, taken at stream seq `lastSeq`. */
  | { type: 'countPolled'; unreadCount: number; lastSeq: number }
  /**
   * The server's seqs are behind ours (its data was restored from an earlier point): everything known
   * from the seqs before is forgotten, so the next page and the live events count from the server's seq.
   */
  | { type: 'rebased' }
  /** Another user signed in: nothing of the previous user's state stays. */
  | { type: 'cleared' }
  | { type: 'markedRead'; id: string }
  | { type: 'markedAllRead' }
  /** The user deleted one: it leaves the list at once, and is held aside until the deletion is sent. */
  | { type: 'removed'; id: string }
  /** The user took the deletion back before it was sent. */
  | { type: 'removeUndone'; id: string }
  /** The deletion was sent and the server took it. */
  | { type: 'removeSettled'; id: string }
  /** The server refused that deletion: the next page may bring it back. */
  | { type: 'removeRefused'; id: string }
  | { type: 'toastDismissed'; id: string };

export const initialNotificationState: NotificationState = {
  notifications: [],
  unreadCount: 0,
  lastSeq: 0,
  listSeq: 0,
  countSeq: 0,
  countLog: [],
  seenIds: [],
  deletedIds: [],
  toasts: [],
  pendingDeletes: [],
  trails: { all: NEW_TRAIL, unread: NEW_TRAIL },
};

/** How many count changes are kept for reconciling; a count older than the oldest kept is ignored. */
const COUNT_LOG_LIMIT = 200;

/**
 * The notification state of the page. The stream, the inbox API and the user's own actions
 * all go through here, so that an event seen twice changes nothing and an unread notification is
 * counted once. The unread count is reconciled by seq: the server's count says which seq it was
 * taken at, so a live event it already includes is not counted again, and events the page applied
 * after that seq are added on top of it.
 */
export function notificationReducer(state: NotificationState, action: NotificationAction): NotificationState {
  switch (action.type) {
    case 'received': {
      const { notification } = action;
      if (isStaleSeq(state, notification.seq)) return state;
      const lastSeq = Math.max(state.lastSeq, notification.seq ?? 0);
      const known =
        state.seenIds.includes(notification.id) ||
        state.deletedIds.includes(notification.id) ||
        state.notifications.some((x) => x.id === notification.id);
      const delta = !known && notification.status === 'unread' ? 1 : 0;
      const counted = countChange(state, notification.seq, { delta });
      if (known) return { ...state, ...counted, lastSeq };
      return {
        ...state,
        ...counted,
        notifications: [notification, ...state.notifications],
        lastSeq,
        seenIds: remember(state.seenIds, [notification.id]),
        toasts: [notification, ...state.toasts].slice(0, MAX_QUEUED_TOASTS),
      };
    }
    case 'stateEvent': {
      const { event } = action;
      if (isStaleSeq(state, event.seq)) return state;
      const next = { ...state, lastSeq: Math.max(state.lastSeq, event.seq ?? 0) };
      switch (event.type) {
        case 'notification.read': {
          if (!event.id) return next;
          const target = state.notifications.find((x) => x.id === event.id);
          const read = { ...markRead(next, event.id), pendingDeletes: next.pendingDeletes.map((x) => (x.id === event.id ? { ...x, status: 'read' as const } : x)) };
          if (!target) return { ...read, ...countChange(next, event.seq, { unknown: true }) };
          return { ...read, ...countChange(next, event.seq, { delta: target.status === 'unread' ? -1 : 0 }) };
        }
        case 'notification.all_read': {
          const upTo = event.up_to_seq;
          const notifications = next.notifications.map((x) =>
            x.status === 'unread' && (upTo === undefined || (x.seq ?? 0) <= upTo) ? { ...x, status: 'read' as const } : x,
          );
          const left = notifications.filter((x) => x.status === 'unread').length;
          return { ...next, notifications, ...countChange(next, event.seq, { set: left }) };
        }
        case 'notification.deleted': {
          if (!event.id) return next;
          const gone = state.notifications.find((x) => x.id === event.id);
          const change: CountInput = gone ? { delta: gone.status === 'unread' ? -1 : 0 } : { unknown: true };
          return {
            ...next,
            ...countChange(next, event.seq, change),
            notifications: state.notifications.filter((x) => x.id !== event.id),
            pendingDeletes: state.pendingDeletes.filter((x) => x.id !== event.id),
            seenIds: remember(state.seenIds, [event.id]),
            deletedIds: remember(state.deletedIds, [event.id]),
          };
        }
        default:
          return next;
      }
    }
    case 'loaded': {
      const kept = action.replace ? state.notifications.filter((x) => (x.seq ?? 0) > action.lastSeq) : state.notifications;
      const merged = merge(state, kept, action.notifications, action.serverWins);
      // The newest page sets where the full list reaches only when nothing older is held.
      const restart = action.replace || !state.trails.all.started;
      const trails = restart
        ? { all: trailAfter(NEW_TRAIL, action.notifications, action.nextCursor ?? null), unread: NEW_TRAIL }
        : state.trails;
      return {
        ...state,
        ...merged,
        trails,
        listSeq: Math.max(state.listSeq, action.lastSeq),
      };
    }
    case 'olderLoaded': {
      const merged = merge(state, state.notifications, action.notifications, false);
      return {
        ...state,
        ...merged,
        trails: { ...state.trails, [action.filter]: trailAfter(state.trails[action.filter], action.notifications, action.nextCursor) },
      };
    }
    case 'rebased':
      return { ...initialNotificationState, toasts: state.toasts };
    case 'cleared':
      return initialNotificationState;
    case 'countPolled':
      return reconcileCount(state, action.unreadCount, action.lastSeq);
    case 'markedRead':
      return markRead(state, action.id);
    case 'markedAllRead':
      return markAllRead(state);
    case 'removed': {
      const gone = state.notifications.find((x) => x.id === action.id);
      return {
        ...state,
        notifications: state.notifications.filter((x) => x.id !== action.id),
        unreadCount: gone?.status === 'unread' ? Math.max(0, state.unreadCount - 1) : state.unreadCount,
        deletedIds: remember(state.deletedIds, [action.id]),
        pendingDeletes: gone ? [...state.pendingDeletes.filter((x) => x.id !== action.id), gone] : state.pendingDeletes,
        toasts: state.toasts.filter((t) => t.id !== action.id),
      };
    }
    case 'removeUndone': {
      const back = state.pendingDeletes.find((x) => x.id === action.id);
      if (!back) return state;
      return {
        ...state,
        notifications: [...state.notifications, back].sort(newestFirst),
        unreadCount: back.status === 'unread' ? state.unreadCount + 1 : state.unreadCount,
        deletedIds: state.deletedIds.filter((id) => id !== action.id),
        pendingDeletes: state.pendingDeletes.filter((x) => x.id !== action.id),
      };
    }
    case 'removeSettled':
      return { ...state, pendingDeletes: state.pendingDeletes.filter((x) => x.id !== action.id) };
    case 'removeRefused':
      return {
        ...state,
        deletedIds: state.deletedIds.filter((id) => id !== action.id),
        pendingDeletes: state.pendingDeletes.filter((x) => x.id !== action.id),
      };
    case 'toastDismissed':
      return { ...state, toasts: state.toasts.filter((t) => t.id !== action.id) };
  }
}

/**
 * What the list shows for a filter: the held notifications down to where that list's pages reach
 * (below that, a held one came from the other list's pages, and what lies between is not loaded).
 * The unread list is complete down to the lower reach of the two, since the full list's pages
 * hold every unread one too.
 */
export function visibleNotifications(state: NotificationState, filter: ListFilter): NotificationItem[] {
  const { all, unread } = state.trails;
  const reach = filter === 'all' ? reachOf(all) : Math.min(reachOf(all), unread.started ? reachOf(unread) : Infinity);
  return state.notifications.filter((x) => (filter === 'all' || x.status === 'unread') && (x.seq ?? Infinity) >= reach);
}

/** Whether a filter's list has older notifications to load, and the cursor to load them with (null: its first page). */
export function hasOlder(state: NotificationState, filter: ListFilter): { more: false } | { more: true; cursor: string | null } {
  const { all, unread } = state.trails;
  if (filter === 'all') return ended(all) ? { more: false } : { more: true, cursor: all.cursor };
  return ended(all) || ended(unread) ? { more: false } : { more: true, cursor: unread.cursor };
}

function ended(trail: PageTrail): boolean {
  return trail.started && trail.cursor === null;
}

/** The lowest seq a list is complete down to. */
function reachOf(trail: PageTrail): number {
  // A page without seqs (not from this API) cannot say where it ends: show everything.
  if (!trail.started || trail.cursor === null || trail.oldestSeq === Infinity) return -Infinity;
  return trail.oldestSeq;
}

function trailAfter(trail: PageTrail, page: NotificationItem[], nextCursor: string | null): PageTrail {
  const seqs = page.map((x) => x.seq).filter((x): x is number => typeof x === 'number');
  return { started: true, cursor: nextCursor, oldestSeq: Math.min(trail.oldestSeq, ...seqs) };
}

/**
 * A page merged into the held list: newest first, one entry per id, none the user deleted since.
 * A local "read" wins over the page (the page may predate it) unless `serverWins`.
 */
function merge(
  state: NotificationState,
  kept: NotificationItem[],
  loaded: NotificationItem[],
  serverWins: boolean | undefined,
): Pick<NotificationState, 'notifications' | 'seenIds'> {
  const page = loaded.filter((x) => !state.deletedIds.includes(x.id));
  const byId = new Map(kept.map((x) => [x.id, x]));
  const before = new Map(state.notifications.map((x) => [x.id, x]));
  for (const item of page) {
    const keepRead = !serverWins && before.get(item.id)?.status === 'read';
    byId.set(item.id, keepRead ? { ...item, status: 'read' } : item);
  }
  return { notifications: [...byId.values()].sort(newestFirst), seenIds: remember(state.seenIds, page.map((x) => x.id)) };
}

type CountInput = { delta: number } | { set: number } | { unknown: true };

/**
 * The count after one stream event: nothing if the server's count already includes it (seq at
 * or below countSeq), else its change, which is also logged for a later reconciliation.
 */
function countChange(state: NotificationState, seq: number | undefined, change: CountInput): Pick<NotificationState, 'unreadCount' | 'countLog'> {
  if (typeof seq === 'number' && seq <= state.countSeq) return { unreadCount: state.unreadCount, countLog: state.countLog };
  const unreadCount = 'set' in change ? change.set : 'delta' in change ? Math.max(0, state.unreadCount + change.delta) : state.unreadCount;
  if (typeof seq !== 'number') return { unreadCount, countLog: state.countLog };
  const entry: CountChange = 'set' in change ? { seq, set: change.set } : 'delta' in change ? { seq, delta: change.delta } : { seq, unknown: true };
  return { unreadCount, countLog: [...state.countLog, entry].slice(-COUNT_LOG_LIMIT) };
}

/**
 * The server counted `unread` unread notifications at seq `at`. An answer older than the last one
 * taken is ignored. Otherwise the count is the server's figure plus the changes of the events
 * after `at` that the page has applied, unless one of those had an effect only the server knows,
 * or the log no longer reaches back to `at`: then the local figure stays until a newer answer.
 */
function reconcileCount(state: NotificationState, unread: number, at: number): NotificationState {
  if (at < state.countSeq) return state;
  const after = state.countLog.filter((c) => c.seq > at);
  const logReaches = state.countLog.length < COUNT_LOG_LIMIT || state.countLog[0].seq <= at + 1;
  if (!logReaches || after.some((c) => 'unknown' in c)) return state;
  let count = unread;
  for (const c of after) {
    if ('set' in c) count = c.set;
    else if ('delta' in c) count = Math.max(0, count + c.delta);
  }
  return { ...state, unreadCount: count, countSeq: at, countLog: after };
}

function isStaleSeq(state: NotificationState, seq: number | undefined): boolean {
  return typeof seq === 'number' && seq <= state.lastSeq;
}

/** Marks one read in the list, counting it down if it was unread there. */
function markRead(state: NotificationState, id: string): NotificationState {
  const target = state.notifications.find((x) => x.id === id);
  if (!target || target.status === 'read') return state;
  return {
    ...state,
    notifications: state.notifications.map((x) => (x.id === id ? { ...x, status: 'read' as const } : x)),
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
