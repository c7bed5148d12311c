import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import type { NotificationsApi } from './notificationsApi';
import { hasOlder as olderOf, initialNotificationState, notificationReducer, PAGE_SIZE, visibleNotifications as visibleOf, type ListFilter } from './notificationReducer';
import type { NotificationItem, StateEvent, StreamReset, StreamStatus } from './types';
import { useNotificationSSE, type UseNotificationSSEOptions } from './useNotificationSSE';
import { useUnreadCountPolling } from './useUnreadCountPolling';

/** How long a deletion can be undone before it is sent to the server. */
export const UNDO_DELETE_MS = 5000;

/** The last sign of life of the stream, as this page received it. */
export interface StreamActivity {
  kind: 'connected' | 'event' | 'heartbeat';
  at: Date;
}

export interface NotificationContextValue {
  /** Everything the page holds, newest first: the first page, live ones, older pages loaded. */
  notifications: NotificationItem[];
  /** What a list shows: everything, or the unread only, down to where its pages reach. */
  visibleNotifications: (filter: ListFilter) => NotificationItem[];
  /** Whether that list has older notifications on the server. */
  hasOlder: (filter: ListFilter) => boolean;
  /** Loads that list's next older page (by the API's cursor); one request at a time. */
  loadOlder: (filter: ListFilter) => Promise<void>;
  unreadCount: number;
  /** Notifications that arrived live, newest first, to show as toasts. */
  toasts: NotificationItem[];
  streamStatus: StreamStatus;
  /** When the stream last opened, brought an event or a heartbeat; null before it first opened. */
  lastStreamActivity: StreamActivity | null;
  markRead: (id: string) => Promise<void>;
  markAllRead: () => Promise<void>;
  /** Removes one at once; the server is told after {@link UNDO_DELETE_MS} unless `undoDelete` came first. */
  deleteNotification: (id: string) => void;
  /** Deleted, not yet sent: what "Undo" can bring back, oldest first. */
  pendingDeletes: NotificationItem[];
  undoDelete: (id: string) => void;
  /** Applies a notification from the stream (idempotent by id and seq). */
  handleSSENotification: (notification: NotificationItem) => void;
  /** Applies a read / all_read / deleted event from the stream (idempotent by seq). */
  handleSSEStateEvent: (event: StateEvent) => void;
  dismissToast: (id: string) => void;
  /** Reloads the list and the unread count from the server. */
  refresh: () => Promise<void>;
  /** Restarts the stream, e.g. after it gave up. */
  reconnect: () => void;
  /** Closes the stream, ends its session on the server, then tells the page (`onSignedOut`). */
  signOut: () => Promise<void>;
}

const NotificationContext = createContext<NotificationContextValue | null>(null);

export interface NotificationProviderProps {
  api: NotificationsApi;
  /** Live updates: the stream and the polling fallback. false = load once, no stream, no polling. */
  live?: boolean;
  /** Stream tuning (mainly for tests and for a gateway with another heartbeat period). */
  streamOptions?: Pick<UseNotificationSSEOptions, 'url' | 'heartbeatIntervalMs' | 'maxFailures' | 'shareAcrossTabs'>;
  /** The signed-in user: tabs share one stream per user, never across users, and a stream of anyone else is dropped. */
  userId?: string;
  /** Called once `signOut()` has closed the stream and ended its session: the page forgets the token. */
  onSignedOut?: () => void;
  children?: ReactNode;
}

export function NotificationProvider({ api, live = true, streamOptions, userId, onSignedOut, children }: NotificationProviderProps) {
  const [state, dispatch] = useReducer(notificationReducer, initialNotificationState);
  const stateRef = useRef(state);
  stateRef.current = state;
  const apiRef = useRef(api);
  apiRef.current = api;

  /**
   * Local changes (mark read, mark all read, delete) in flight or finished since a count request
   * began: a count answered meanwhile may predate the change, so it is not taken.
   */
  const changes = useRef({ inFlight: 0, epoch: 0 });
  /** The user of this render: an answer to a request made for another user is dropped. */
  const currentUser = useRef(userId);
  currentUser.current = userId;

  /** Takes the server's count; answers the seq it was taken at. */
  const refreshCount = useCallback(async () => {
    const epoch = changes.current.epoch;
    const forUser = currentUser.current;
    const { unreadCount, lastSeq } = await apiRef.current.unreadCount();
    if (changes.current.inFlight > 0 || changes.current.epoch !== epoch || currentUser.current !== forUser) return lastSeq;
    dispatch({ type: 'countPolled', unreadCount, lastSeq });
    return lastSeq;
  }, []);

  /**
   * The list, then the count: read in that order, the count's seq is at or after the list's, so
   * every event after the count is also after the list and is counted exactly once. A count taken
   * after changes the list missed (created meanwhile) means the list is read once more, so the bell
   * does not show a count its list lacks until the next poll.
   */
  const reload = useCallback(
    async (how: { serverWins?: boolean; replace?: boolean } = {}) => {
      const forUser = currentUser.current;
      let page = await apiRef.current.list(PAGE_SIZE);
      if (currentUser.current !== forUser) return page.lastSeq;
      dispatch({ type: 'loaded', notifications: page.items, lastSeq: page.lastSeq, nextCursor: page.nextCursor, ...how });
      if ((await refreshCount()) > page.lastSeq) {
        page = await apiRef.current.list(PAGE_SIZE);
        if (currentUser.current !== forUser) return page.lastSeq;
        dispatch({ type: 'loaded', notifications: page.items, lastSeq: page.lastSeq, nextCursor: page.nextCursor, ...how });
      }
      return page.lastSeq;
    },
    [refreshCount],
  );

  const refresh = useCallback(async () => {
    await reload();
  }, [reload]);

  /** After the server refused a change: take its list and count as they are. */
  const resync = useCallback(async () => {
    await reload({ serverWins: true }).catch(() => undefined);
  }, [reload]);

  // The stream opens once the first list is in, after the seq that list was read at: nothing
  // between the two is missed. If the list cannot be read, the stream opens anyway. Another user
  // starts over: nothing of the previous user's list, and no stream before the new user's list.
  const [streamStart, setStreamStart] = useState<{ user?: string; ready: boolean; resumeFrom: string | null }>({ ready: false, resumeFrom: null });
  const shownUser = useRef(userId);
  useEffect(() => {
    let active = true;
    if (shownUser.current !== userId) dispatch({ type: 'cleared' });
    shownUser.current = userId;
    reload()
      .then((lastSeq) => active && setStreamStart({ user: userId, ready: true, resumeFrom: String(lastSeq) }))
      .catch(() => active && setStreamStart({ user: userId, ready: true, resumeFrom: null }));
    return () => {
      active = false;
    };
  }, [reload, userId]);

  /** Per-user seqs have no gaps: a jump means events were missed (e.g. before a tab joined). */
  const reloadOnGap = useCallback(
    (seq: number | undefined) => {
      const { lastSeq, listSeq } = stateRef.current;
      if (typeof seq === 'number' && seq > Math.max(lastSeq, listSeq) + 1) reload().catch(() => undefined);
    },
    [reload],
  );

  /** Older pages: one request at a time, so one cursor is never followed twice. */
  const loadingOlder = useRef(false);
  const loadOlder = useCallback(async (filter: ListFilter) => {
    const older = olderOf(stateRef.current, filter);
    if (!older.more || loadingOlder.current) return;
    loadingOlder.current = true;
    const forUser = currentUser.current;
    try {
      const page = await apiRef.current.list(PAGE_SIZE, { cursor: older.cursor, status: filter === 'unread' ? 'unread' : undefined });
      if (currentUser.current === forUser) dispatch({ type: 'olderLoaded', filter, notifications: page.items, nextCursor: page.nextCursor });
    } finally {
      loadingOlder.current = false;
    }
  }, []);

  const [lastStreamActivity, setLastStreamActivity] = useState<StreamActivity | null>(null);
  const streamAlive = useCallback((kind: StreamActivity['kind']) => setLastStreamActivity({ kind, at: new Date() }), []);

  const handleSSENotification = useCallback(
    (notification: NotificationItem) => {
      streamAlive('event');
      reloadOnGap(notification.seq);
      dispatch({ type: 'received', notification });
    },
    [reloadOnGap, streamAlive],
  );

  const handleSSEStateEvent = useCallback(
    (event: StateEvent) => {
      streamAlive('event');
      const gap = typeof event.seq === 'number' && event.seq > Math.max(stateRef.current.lastSeq, stateRef.current.listSeq) + 1;
      const known = event.id === undefined || stateRef.current.notifications.some((x) => x.id === event.id);
      dispatch({ type: 'stateEvent', event });
      if (gap) reload().catch(() => undefined);
      // A change to a notification outside the visible list: only the server knows whether it was unread.
      else if (!known) refreshCount().catch(() => undefined);
    },
    [reload, refreshCount, streamAlive],
  );

  const handleReset = useCallback(
    (reset: StreamReset) => {
      if (reset.reason === 'ahead') dispatch({ type: 'rebased' });
      reload({ replace: true }).catch(() => undefined);
    },
    [reload],
  );

  const { status: streamStatus, reconnect, signOut: endStream } = useNotificationSSE({
    shareAcrossTabs: true,
    shareKey: userId,
    expectedUserId: userId,
    ...streamOptions,
    enabled: live && streamStart.ready && streamStart.user === userId,
    resumeFrom: streamStart.resumeFrom,
    openSession: () => apiRef.current.openStreamSession(),
    closeSession: () => apiRef.current.closeStreamSession(),
    onNotification: handleSSENotification,
    onStateEvent: handleSSEStateEvent,
    onReset: handleReset,
    onHeartbeat: () => streamAlive('heartbeat'),
  });

  useEffect(() => {
    if (streamStatus === 'open') streamAlive('connected');
  }, [streamStatus, streamAlive]);

  useUnreadCountPolling({
    enabled: live,
    streamStatus,
    // Without a stream, new notifications reach the list only through the poll.
    poll: async ({ streamUp }) => {
      await (streamUp ? refreshCount() : refresh());
    },
  });

  /** A local change the server does not know yet: counts answered meanwhile may predate it. */
  const hold = useCallback(() => {
    changes.current.inFlight += 1;
    changes.current.epoch += 1;
    return () => {
      changes.current.inFlight -= 1;
      changes.current.epoch += 1;
    };
  }, []);

  /** Runs a local change against the server; on refusal shows the server's state again. Answers whether it was taken. */
  const change = useCallback(
    async (call: () => Promise<void>, onRefused?: () => void) => {
      const release = hold();
      let refused = false;
      try {
        await call();
      } catch {
        refused = true;
      } finally {
        release();
      }
      if (refused) {
        onRefused?.();
        await resync();
      }
      return !refused;
    },
    [hold, resync],
  );

  const markRead = useCallback(
    async (id: string) => {
      dispatch({ type: 'markedRead', id });
      await change(() => apiRef.current.markRead(id));
    },
    [change],
  );

  const markAllRead = useCallback(async () => {
    dispatch({ type: 'markedAllRead' });
    await change(() => apiRef.current.markAllRead());
  }, [change]);

  /** Deletions waiting for their undo time: the timer that sends each, and its hold on counts. */
  const pendingDeletions = useRef(new Map<string, { timer: ReturnType<typeof setTimeout>; release: () => void }>());

  /** Sends a waiting deletion now (its undo time is over, or the page is going away). */
  const sendDeletion = useCallback(
    (id: string) => {
      const pending = pendingDeletions.current.get(id);
      if (!pending) return;
      clearTimeout(pending.timer);
      pendingDeletions.current.delete(id);
      const sent = change(
        () => apiRef.current.deleteNotification(id),
        () => dispatch({ type: 'removeRefused', id }),
      );
      pending.release();
      void sent.then((taken) => taken && dispatch({ type: 'removeSettled', id }));
    },
    [change],
  );

  const deleteNotification = useCallback(
    (id: string) => {
      if (pendingDeletions.current.has(id)) return;
      dispatch({ type: 'removed', id });
      const release = hold();
      const timer = setTimeout(() => sendDeletion(id), UNDO_DELETE_MS);
      pendingDeletions.current.set(id, { timer, release });
    },
    [hold, sendDeletion],
  );

  // The user deleted them: a page that goes away (closed, reloaded, signed out, another user) sends
  // what was waiting at once; the DELETE is a keepalive request, so it outlives the page.
  useEffect(() => {
    const pending = pendingDeletions.current;
    const sendAll = () => [...pending.keys()].forEach(sendDeletion);
    window.addEventListener('pagehide', sendAll);
    return () => {
      window.removeEventListener('pagehide', sendAll);
      sendAll();
    };
  }, [sendDeletion]);

  const undoDelete = useCallback((id: string) => {
    const pending = pendingDeletions.current.get(id);
    if (!pending) return;
    clearTimeout(pending.timer);
    pendingDeletions.current.delete(id);
    pending.release();
    dispatch({ type: 'removeUndone', id });
  }, []);

  const onSignedOutRef = useRef(onSignedOut);
  onSignedOutRef.current = onSignedOut;
  const signOut = useCallback(async () => {
    await endStream();
    onSignedOutRef.current?.();
  }, [endStream]);

  const dismissToast = useCallback((id: string) => dispatch({ type: 'toastDismissed', id }), []);

  const visibleNotifications = useCallback((filter: ListFilter) => visibleOf(state, filter), [state]);
  const hasOlder = useCallback((filter: ListFilter) => olderOf(state, filter).more, [state]);

  const value = useMemo<NotificationContextValue>(
    () => ({
      notifications: state.notifications,
      visibleNotifications,
      hasOlder,
      loadOlder,
      unreadCount: state.unreadCount,
      toasts: state.toasts,
      streamStatus,
      lastStreamActivity,
      markRead,
      markAllRead,
      deleteNotification,
      pendingDeletes: state.pendingDeletes,
      undoDelete,
      handleSSENotification,
      handleSSEStateEvent,
      dismissToast,
      refresh,
      reconnect,
      signOut,
    }),
    [
      state.notifications,
      state.unreadCount,
      state.toasts,
      state.pendingDeletes,
      visibleNotifications,
      hasOlder,
      loadOlder,
      streamStatus,
      lastStreamActivity,
      markRead,
      markAllRead,
      deleteNotification,
      undoDelete,
      handleSSENotification,
      handleSSEStateEvent,
      dismissToast,
      refresh,
      reconnect,
      signOut,
    ],
  );

  return <NotificationContext.Provider value={value}>{children}</NotificationContext.Provider>;
}

export function useNotificationContext(): NotificationContextValue {
  const value = useContext(NotificationContext);
  if (!value) throw new Error('useNotificationContext must be used inside a NotificationProvider');
  return value;
}
