import { useCallback, useEffect, useRef, useState } from 'react';
import { CrossTabStream, crossTabSupported, LEADER_LOCK_NAME, TAB_CHANNEL_NAME, type StreamHandle } from './crossTabStream';
import { NotificationStream, STREAM_URL, type NotificationStreamOptions } from './notificationStream';
import type { Heartbeat, NotificationItem, StateEvent, StreamReset, StreamStatus } from './types';

export interface UseNotificationSSEOptions {
  /** false = no stream (e.g. feature flag off, or signed out). */
  enabled?: boolean;
  /** Obtains the stream cookie (`NotificationsApi.openStreamSession`); called before every attempt. */
  openSession: () => Promise<void>;
  /**
   * Ends the stream cookie (`NotificationsApi.closeStreamSession`): on `signOut()`, and before the
   * first session of another user than the one this hook last opened a session for.
   */
  closeSession?: () => Promise<void>;
  url?: string;
  onNotification?: (notification: NotificationItem) => void;
  onStateEvent?: (event: StateEvent) => void;
  onHeartbeat?: (heartbeat: Heartbeat) => void;
  /** The server could not resume after our seq (history pruned): reload the list. */
  onReset?: (reset: StreamReset) => void;
  /**
   * Seq to start after when the stream is first opened, e.g. the `last_seq` the page's list was
   * read at, so nothing between that read and the stream is missed. Later openings resume from
   * the last seq the stream itself saw.
   */
  resumeFrom?: string | null;
  heartbeatIntervalMs?: number;
  maxFailures?: number;
  /**
   * Share one stream between all tabs of this browser (Web Locks leader election plus
   * BroadcastChannel). Where the browser lacks either, each tab keeps its own stream.
   */
  shareAcrossTabs?: boolean;
  /**
   * Whose stream it is (e.g. the user id): only tabs with the same key share a stream, so two
   * users signed in to tabs of one browser never see each other's notifications.
   */
  shareKey?: string;
  /** The signed-in user (the token's `sub`): a stream whose `connected` frame names anyone else is dropped unseen. */
  expectedUserId?: string;
}

export interface NotificationSSEState {
  status: StreamStatus;
  isConnected: boolean;
  /** True once the stream gave up; the page relies on polling alone. */
  gaveUp: boolean;
  consecutiveFailures: number;
  /** Starts the stream afresh (resets the failure count). */
  reconnect: () => void;
  /** Closes the stream, then ends its session on the server (whatever the server answers). */
  signOut: () => Promise<void>;
}

/**
 * The live notification stream of the signed-in user, for as long as the component is mounted.
 * EventSource cannot send an Authorization header, so before each attempt the hook asks the
 * server for an HttpOnly stream cookie and then opens `new EventSource(url, { withCredentials: true })`.
 */
export function useNotificationSSE(options: UseNotificationSSEOptions): NotificationSSEState {
  const { enabled = true, url = STREAM_URL, heartbeatIntervalMs, maxFailures, shareAcrossTabs = false, shareKey = '', expectedUserId } = options;
  const latest = useRef(options);
  latest.current = options;
  const [status, setStatus] = useState<StreamStatus>('idle');
  const [failures, setFailures] = useState(0);
  const streamRef = useRef<StreamHandle | null>(null);
  /** Where the last stream was, and whose it was: another user's seq means nothing in this user's stream. */
  const resumeFrom = useRef<{ user: string; seq: string | null } | null>(null);
  /** The user of the stream session this hook last opened, if it has not ended it. */
  const sessionUser = useRef<string | undefined>(undefined);
  const user = expectedUserId ?? shareKey;

  useEffect(() => {
    if (!enabled) {
      setStatus('idle');
      return undefined;
    }
    const streamOptions: NotificationStreamOptions = {
      url,
      heartbeatIntervalMs,
      maxFailures,
      expectedUserId,
      lastEventId: (resumeFrom.current?.user === user ? resumeFrom.current.seq : null) ?? latest.current.resumeFrom ?? null,
      openSession: async () => {
        // The cookie is the origin's: the previous user's session ends before this user's begins.
        if (sessionUser.current !== undefined && sessionUser.current !== user) await endSession(latest.current);
        sessionUser.current = user;
        await latest.current.openSession();
      },
      onNotification: (n) => latest.current.onNotification?.(n),
      onStateEvent: (e) => latest.current.onStateEvent?.(e),
      onHeartbeat: (h) => latest.current.onHeartbeat?.(h),
      onReset: (r) => latest.current.onReset?.(r),
      onStatusChange: (s, f) => {
        setStatus(s);
        setFailures(f);
      },
    };
    const stream: StreamHandle =
      shareAcrossTabs && crossTabSupported()
        ? new CrossTabStream({
            ...streamOptions,
            lockName: `${LEADER_LOCK_NAME}:${shareKey}`,
            channelName: `${TAB_CHANNEL_NAME}:${shareKey}`,
          })
        : new NotificationStream(streamOptions);
    streamRef.current = stream;
    stream.start();
    return () => {
      // Remember where we were, so a stream re-created by new options resumes without loss.
      resumeFrom.current = { user, seq: stream.resumeFrom };
      stream.stop();
      streamRef.current = null;
    };
  }, [enabled, url, heartbeatIntervalMs, maxFailures, shareAcrossTabs, shareKey, expectedUserId, user]);

  const reconnect = useCallback(() => streamRef.current?.restart(), []);

  const signOut = useCallback(async () => {
    streamRef.current?.stop();
    streamRef.current = null;
    sessionUser.current = undefined;
    await endSession(latest.current);
  }, []);

  return {
    status,
    isConnected: status === 'open',
    gaveUp: status === 'failed',
    consecutiveFailures: failures,
    reconnect,
    signOut,
  };
}

/** Asks the server to end the stream session; a refusal changes nothing for the page (the cookie then just expires). */
async function endSession(options: UseNotificationSSEOptions): Promise<void> {
  await options.closeSession?.().catch(() => undefined);
}
