import { useEffect, useRef } from 'react';
import type { StreamStatus } from './types';

export const POLL_WHILE_STREAM_UP_MS = 60_000;
export const POLL_WHILE_STREAM_DOWN_MS = 10_000;

export interface UnreadCountPollingOptions {
  /** Fetches the server's figures; told whether the stream is up (if not, it may fetch the list too). */
  poll: (context: { streamUp: boolean }) => Promise<void>;
  streamStatus: StreamStatus;
  enabled?: boolean;
  upIntervalMs?: number;
  downIntervalMs?: number;
}

/**
 * The fallback beside the stream: asks the server every 60 s while the stream is up (to correct
 * any drift) and every 10 s while it is down, and goes on alone once the stream has given up.
 * One poll at a time; a failed poll is simply retried at the next tick.
 */
export function useUnreadCountPolling({
  poll,
  streamStatus,
  enabled = true,
  upIntervalMs = POLL_WHILE_STREAM_UP_MS,
  downIntervalMs = POLL_WHILE_STREAM_DOWN_MS,
}: UnreadCountPollingOptions): void {
  const pollRef = useRef(poll);
  pollRef.current = poll;
  const running = useRef(false);
  const streamUp = streamStatus === 'open';

  useEffect(() => {
    if (!enabled) return undefined;
    const timer = setInterval(() => {
      if (running.current) return;
      running.current = true;
      pollRef
        .current({ streamUp })
        .catch(() => undefined)
        .finally(() => {
          running.current = false;
        });
    }, streamUp ? upIntervalMs : downIntervalMs);
    return () => clearInterval(timer);
  }, [enabled, streamUp, upIntervalMs, downIntervalMs]);
}
