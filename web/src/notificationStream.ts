import { reconnectDelayMs } from './backoff';
import { STATE_EVENT_NAMES, type Heartbeat, type NotificationItem, type StateEvent, type StreamReset, type StreamStatus } from './types';

export const STREAM_URL = '/api/notifications/stream';
export const HEARTBEAT_INTERVAL_MS = 30_000;
export const MAX_CONSECUTIVE_FAILURES = 10;
/** Streams of another user in a row after which the stream gives up (the page then polls). */
export const MAX_USER_MISMATCHES = 3;

export interface NotificationStreamOptions {
  /** Stream endpoint; `lastEventId` is appended as a query parameter on resume. */
  url?: string;
  /** Obtains the stream cookie (POST /api/notifications/stream/session); called before every attempt. */
  openSession: () => Promise<void>;
  onNotification?: (notification: NotificationItem) => void;
  onStateEvent?: (event: StateEvent) => void;
  onHeartbeat?: (heartbeat: Heartbeat) => void;
  /** The server could not resume (the events after our seq were pruned): the page reloads its list. */
  onReset?: (reset: StreamReset) => void;
  onStatusChange?: (status: StreamStatus, consecutiveFailures: number) => void;
  /** The server's heartbeat period; the connection is declared dead after two periods of silence. */
  heartbeatIntervalMs?: number;
  /** Consecutive failed attempts after which the stream gives up (the page then polls alone). */
  maxFailures?: number;
  /** Seq to resume after, e.g. kept from an earlier stream of this page. */
  lastEventId?: string | null;
  /**
   * The user whose stream this must be (the token's `sub`). The stream cookie belongs to the
   * origin, not to the tab: two tabs of two users can interleave "create session" and "open
   * stream", and a tab then gets the other user's stream. With this set, nothing of a stream is
   * shown until its `connected` frame names this user; a stream of anyone else is closed at once
   * and a new session is asked for, at most `maxUserMismatches` times in a row.
   */
  expectedUserId?: string;
  maxUserMismatches?: number;
}

/**
 * One user's notification stream over the browser's native EventSource, with the reconnect
 * rules the native one cannot follow: it is closed on every error (so its own automatic retry
 * never runs beside ours) and re-opened after 1 s, 2 s, 4 s, 8 s, 16 s, then every 30 s, until
 * `maxFailures` consecutive attempts have failed. A successful open resets the count. Each new
 * EventSource carries the last seq seen as `lastEventId` (a new EventSource does not send the
 * Last-Event-ID header itself), and two heartbeat periods without any frame count as a failure.
 */
export class NotificationStream {
  private readonly url: string;
  private readonly heartbeatIntervalMs: number;
  private readonly maxFailures: number;
  private readonly maxUserMismatches: number;
  private userMismatches = 0;
  private source: EventSource | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdogTimer: ReturnType<typeof setTimeout> | undefined;
  /** Increased on every attempt and on stop: a late answer of an older attempt is ignored. */
  private attempt = 0;
  private failures = 0;
  private lastEventId: string | null;
  private status: StreamStatus = 'idle';

  constructor(private readonly options: NotificationStreamOptions) {
    this.url = options.url ?? STREAM_URL;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS;
    this.maxFailures = options.maxFailures ?? MAX_CONSECUTIVE_FAILURES;
    this.maxUserMismatches = options.maxUserMismatches ?? MAX_USER_MISMATCHES;
    this.lastEventId = options.lastEventId ?? null;
  }

  get currentStatus(): StreamStatus {
    return this.status;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** The seq of the last event received, sent as `lastEventId` on the next connection. */
  get resumeFrom(): string | null {
    return this.lastEventId;
  }

  start(): void {
    if (this.status !== 'idle' && this.status !== 'closed') return;
    this.failures = 0;
    this.userMismatches = 0;
    this.setStatus('connecting');
    void this.connect();
  }

  /** Starts afresh now, e.g. after the stream gave up and the user asks to retry. */
  restart(): void {
    this.teardown();
    this.failures = 0;
    this.userMismatches = 0;
    this.setStatus('connecting');
    void this.connect();
  }

  stop(): void {
    this.teardown();
    this.setStatus('closed');
  }

  private teardown(): void {
    this.attempt += 1;
    clearTimeout(this.retryTimer);
    clearTimeout(this.watchdogTimer);
    this.retryTimer = undefined;
    this.watchdogTimer = undefined;
    if (this.source) {
      this.source.close();
      this.source = null;
    }
  }

  private async connect(): Promise<void> {
    this.teardown();
    const attempt = this.attempt;
    try {
      await this.options.openSession();
    } catch {
      if (attempt === this.attempt) this.fail();
      return;
    }
    if (attempt !== this.attempt) return;

    const source = new EventSource(this.streamUrl(), { withCredentials: true });
    this.source = source;
    const { expectedUserId } = this.options;
    // Whose stream it is, once its connected frame said so; until then none of its frames count.
    let verified = expectedUserId === undefined;
    const current = () => this.source === source && verified;
    this.armWatchdog();

    const opened = () => {
      this.failures = 0;
      this.userMismatches = 0;
      this.setStatus('open');
      this.armWatchdog();
    };
    source.addEventListener('open', () => {
      if (current()) opened();
    });
    source.addEventListener('error', () => {
      if (this.source === source) this.fail();
    });
    source.addEventListener('connected', (e) => {
      if (this.source !== source) return;
      if (verified) {
        this.received(e as MessageEvent);
        return;
      }
      if (connectedUser(e as MessageEvent) !== expectedUserId) {
        this.wrongUser();
        return;
      }
      verified = true;
      this.received(e as MessageEvent);
      opened();
    });
    source.addEventListener('heartbeat', (e) => {
      if (!current()) return;
      const data = this.received(e as MessageEvent);
      if (data !== undefined) this.options.onHeartbeat?.(data as Heartbeat);
    });
    source.addEventListener('notification', (e) => {
      if (!current()) return;
      const data = this.received(e as MessageEvent) as NotificationItem | undefined;
      if (!data || typeof data !== 'object' || typeof data.id !== 'string') return;
      this.options.onNotification?.(data);
    });
    for (const name of STATE_EVENT_NAMES) {
      source.addEventListener(name, (e) => {
        if (!current()) return;
        const data = this.received(e as MessageEvent) as Partial<StateEvent> | undefined;
        const seqFromId = Number((e as MessageEvent).lastEventId);
        this.options.onStateEvent?.({
          ...(data && typeof data === 'object' ? data : {}),
          type: name,
          seq: typeof data?.seq === 'number' ? data.seq : Number.isFinite(seqFromId) && seqFromId > 0 ? seqFromId : undefined,
        });
      });
    }
    source.addEventListener('reset', (e) => {
      if (!current()) return;
      const data = this.received(e as MessageEvent);
      const reset = data && typeof data === 'object' ? (data as StreamReset) : {};
      // Our seq was ahead of the user's: resuming from it again would skip the user's next events.
      if (reset.reason === 'ahead' && typeof reset.last_seq === 'number') this.lastEventId = String(reset.last_seq);
      this.options.onReset?.(reset);
    });
    source.addEventListener('reauthenticate', () => {
      if (!current()) return;
      // The token behind the cookie expired: get a new cookie and resume where we were.
      // This is no failure of the connection, so the backoff count stays as it is.
      void this.connect();
    });
  }

  /** The stream is another user's: drop it unseen and ask for a session of our own, a few times. */
  private wrongUser(): void {
    this.teardown();
    this.userMismatches += 1;
    if (this.userMismatches >= this.maxUserMismatches) {
      this.setStatus('failed');
      return;
    }
    void this.connect();
  }

  /** Bookkeeping for any frame: proof of life, resume position; returns the parsed data. */
  private received(event: MessageEvent): unknown {
    this.armWatchdog();
    if (event.lastEventId) this.lastEventId = event.lastEventId;
    if (typeof event.data !== 'string' || event.data === '') return undefined;
    try {
      const data: unknown = JSON.parse(event.data);
      const seq = (data as { seq?: unknown } | null)?.seq;
      if (!event.lastEventId && typeof seq === 'number') this.lastEventId = String(seq);
      return data;
    } catch {
      return undefined;
    }
  }

  private streamUrl(): string {
    if (!this.lastEventId) return this.url;
    const separator = this.url.includes('?') ? '&' : '?';
    return `${this.url}${separator}lastEventId=${encodeURIComponent(this.lastEventId)}`;
  }

  private armWatchdog(): void {
    clearTimeout(this.watchdogTimer);
    this.watchdogTimer = setTimeout(() => this.fail(), 2 * this.heartbeatIntervalMs);
  }

  private fail(): void {
    this.teardown();
    this.failures += 1;
    if (this.failures >= this.maxFailures) {
      this.setStatus('failed');
      return;
    }
    this.setStatus('reconnecting');
    this.retryTimer = setTimeout(() => void this.connect(), reconnectDelayMs(this.failures));
  }

  private setStatus(status: StreamStatus): void {
    const changed = status !== this.status;
    this.status = status;
    if (changed || status === 'reconnecting') this.options.onStatusChange?.(status, this.failures);
  }
}

/** The `user_id` a `connected` frame names, if any. */
function connectedUser(event: MessageEvent): string | undefined {
  try {
    const userId = (JSON.parse(String(event.data)) as { user_id?: unknown } | null)?.user_id;
    return typeof userId === 'string' ? userId : undefined;
  } catch {
    return undefined;
  }
}
