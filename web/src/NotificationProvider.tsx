import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import type { NotificationsApi } from './notificationsApi';
import { initialNotificationState, MAX_NOTIFICATIONS, notificationReducer } from './notificationReducer';
import type { NotificationItem, StateEvent, StreamStatus } from './types';
import { useNotificationSSE, type UseNotificationSSEOptions } from './useNotificationSSE';
import { useUnreadCountPolling } from './useUnreadCountPolling';

export interface NotificationContextValue {
  /** The most recent notifications, newest first (at most 20). */
  notifications: NotificationItem[];
  unreadCount: number;
  /** Success and error notifications that arrived live, to show as toasts. */
  toasts: NotificationItem[];
  streamStatus: StreamStatus;
  markRead: (id: string) => Promise<void>;
  markAllRead: () => Promise<void>;
  /** Applies a notification from the stream (idempotent by id and seq). */
  handleSSENotification: (notification: NotificationItem) => void;
  /** Applies a read / all_read / deleted event from the stream (idempotent by seq). */
  handleSSEStateEvent: (event: StateEvent) => void;
  dismissToast: (id: string) => void;
  /** Reloads the list and the unread count from the server. */
  refresh: () => Promise<void>;
  /** Restarts the stream, e.g. after it gave up. */
  reconnect: () => void;
}

const NotificationContext = createContext<NotificationContextValue | null>(null);

export interface NotificationProviderProps {
  api: NotificationsApi;
  /** Live updates: the stream and the polling fallback. false = load once, no stream, no polling. */
  live?: boolean;
  /** Stream tuning (mainly for tests and for a gateway with another heartbeat period). */
  streamOptions?: Pick<UseNotificationSSEOptions, 'url' | 'heartbeatIntervalMs' | 'maxFailures' | 'shareAcrossTabs'>;
  children?: ReactNode;
}

export function NotificationProvider({ api, live = true, streamOptions, children }: NotificationProviderProps) {
  const [state, dispatch] = useReducer(notificationReducer, initialNotificationState);
  const stateRef = useRef(state);
  stateRef.current = state;
  const apiRef = useRef(api);
  apiRef.current = api;

  const refreshCount = useCallback(async () => {
    dispatch({ type: 'countPolled', unreadCount: await apiRef.current.unreadCount() });
  }, []);

  const refreshList = useCallback(async (serverWins = false) => {
    dispatch({ type: 'loaded', notifications: await apiRef.current.list(MAX_NOTIFICATIONS), serverWins });
  }, []);

  const refresh = useCallback(async () => {
    await Promise.all([refreshList(), refreshCount()]);
  }, [refreshList, refreshCount]);

  /** After the server refused a change: take its list and count as they are. */
  const resync = useCallback(async () => {
    await Promise.all([refreshList(true), refreshCount()]).catch(() => undefined);
  }, [refreshList, refreshCount]);

  useEffect(() => {
    refresh().catch(() => undefined);
  }, [refresh]);

  const handleSSENotification = useCallback((notification: NotificationItem) => {
    dispatch({ type: 'received', notification });
  }, []);

  const handleSSEStateEvent = useCallback(
    (event: StateEvent) => {
      const known = event.id === undefined || stateRef.current.notifications.some((x) => x.id === event.id);
      dispatch({ type: 'stateEvent', event });
      // A change to a notification outside the visible list: only the server knows whether it was unread.
      if (!known) refreshCount().catch(() => undefined);
    },
    [refreshCount],
  );

  const { status: streamStatus, reconnect } = useNotificationSSE({
    shareAcrossTabs: true,
    ...streamOptions,
    enabled: live,
    openSession: () => apiRef.current.openStreamSession(),
    onNotification: handleSSENotification,
    onStateEvent: handleSSEStateEvent,
  });

  useUnreadCountPolling({
    enabled: live,
    streamStatus,
    // Without a stream, new notifications reach the list only through the poll.
    poll: ({ streamUp }) => (streamUp ? refreshCount() : refresh()),
  });

  const markRead = useCallback(
    async (id: string) => {
      dispatch({ type: 'markedRead', id });
      try {
        await apiRef.current.markRead(id);
      } catch {
        await resync();
      }
    },
    [resync],
  );

  const markAllRead = useCallback(async () => {
    dispatch({ type: 'markedAllRead' });
    try {
      await apiRef.current.markAllRead();
    } catch {
      await resync();
    }
  }, [resync]);

  const dismissToast = useCallback((id: string) => dispatch({ type: 'toastDismissed', id }), []);

  const value = useMemo<NotificationContextValue>(
    () => ({
      notifications: state.notifications,
      unreadCount: state.unreadCount,
      toasts: state.toasts,
      streamStatus,
      markRead,
      markAllRead,
      handleSSENotification,
      handleSSEStateEvent,
      dismissToast,
      refresh,
      reconnect,
    }),
    [state.notifications, state.unreadCount, state.toasts, streamStatus, markRead, markAllRead, handleSSENotification, handleSSEStateEvent, dismissToast, refresh, reconnect],
  );

  return <NotificationContext.Provider value={value}>{children}</NotificationContext.Provider>;
}

export function useNotificationContext(): NotificationContextValue {
  const value = useContext(NotificationContext);
  if (!value) throw new Error('useNotificationContext must be used inside a NotificationProvider');
  return value;
}
