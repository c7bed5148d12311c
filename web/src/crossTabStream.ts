import { NotificationStream, type NotificationStreamOptions } from './notificationStream';
import type { Heartbeat, NotificationItem, StateEvent, StreamReset, StreamStatus } from './types';

export const LEADER_LOCK_NAME = 'notifications-stream-leader';
export const TAB_CHANNEL_NAME = 'notifications-stream';

/** What the hook needs from a stream, whether it is this tab's own or shared with other tabs. */
export interface StreamHandle {
  start(): void;
  stop(): void;
  restart(): void;
  readonly resumeFrom: string | null;
}

type TabMessage =
  | { kind: 'hello' }
  | { kind: 'restart' }
  | { kind: 'status'; status: StreamStatus; failures: number }
  | { kind: 'notification'; notification: NotificationItem; lastEventId: string | null }
  | { kind: 'state'; event: StateEvent; lastEventId: string | null }
  | { kind: 'reset'; reset: StreamReset }
  | { kind: 'heartbeat'; heartbeat: Heartbeat };

interface LockManagerLike {
  request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<unknown>): Promise<unknown>;
}

export interface CrossTabStreamOptions extends NotificationStreamOptions {
  locks?: LockManagerLike;
  BroadcastChannel?: new (name: string) => Pick<BroadcastChannel, 'postMessage' | 'close' | 'onmessage'>;
  /** The tab's own stream, created only while it is the leader (replaceable in tests). */
  createStream?: (options: NotificationStreamOptions) => StreamHandle;
  lockName?: string;
  channelName?: string;
}

/** True if this browser can share one stream between its tabs. */
export function crossTabSupported(): boolean {
  return typeof navigator !== 'undefined' && 'locks' in navigator && navigator.locks != null && typeof BroadcastChannel !== 'undefined';
}

/**
 * One stream for all tabs of a user. The tab that holds the Web Lock is the leader: it runs the
 * real stream and relays every notification, state event and status change over a
 * BroadcastChannel; the other tabs only listen. When the leader tab closes, the browser releases
 * its lock, the next tab takes over and opens its own stream, resuming after the last seq it
 * was relayed, so no event is lost in the handover (and each tab's state drops duplicates by seq).
 */
export class CrossTabStream implements StreamHandle {
  private channel: Pick<BroadcastChannel, 'postMessage' | 'close' | 'onmessage'> | null = null;
  private abort: AbortController | null = null;
  private releaseLock: (() => void) | null = null;
  private inner: StreamHandle | null = null;
  private lastEventId: string | null;
  private stopped = true;

  constructor(private readonly options: CrossTabStreamOptions) {
    this.lastEventId = options.lastEventId ?? null;
  }

  get isLeader(): boolean {
    return this.inner !== null;
  }

  get resumeFrom(): string | null {
    return this.inner?.resumeFrom ?? this.lastEventId;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const Channel = this.options.BroadcastChannel ?? BroadcastChannel;
    const locks = this.options.locks ?? navigator.locks;
    const channel = new Channel(this.options.channelName ?? TAB_CHANNEL_NAME);
    this.channel = channel;
    channel.onmessage = (e: MessageEvent) => this.onMessage(e.data as TabMessage);
    this.options.onStatusChange?.('connecting', 0);
    this.post({ kind: 'hello' });

    const abort = new AbortController();
    this.abort = abort;
    locks
      .request(this.options.lockName ?? LEADER_LOCK_NAME, { signal: abort.signal }, () => {
        if (this.stopped) return Promise.resolve();
        return new Promise<void>((release) => {
          this.releaseLock = release;
          this.lead();
        });
      })
      .catch(() => undefined); // aborted on stop while waiting
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.abort?.abort();
    this.inner?.stop();
    if (this.inner) this.lastEventId = this.inner.resumeFrom;
    this.inner = null;
    this.releaseLock?.();
    this.releaseLock = null;
    this.channel?.close();
    this.channel = null;
    this.options.onStatusChange?.('closed', 0);
  }

  restart(): void {
    if (this.inner) this.inner.restart();
    else this.post({ kind: 'restart' });
  }

  private lead(): void {
    const { options } = this;
    let inner: StreamHandle | null = null;
    const lastEventId = () => inner?.resumeFrom ?? null;
    const streamOptions: NotificationStreamOptions = {
      ...options,
      lastEventId: this.lastEventId,
      onNotification: (notification) => {
        options.onNotification?.(notification);
        this.post({ kind: 'notification', notification, lastEventId: lastEventId() });
      },
      onStateEvent: (event) => {
        options.onStateEvent?.(event);
        this.post({ kind: 'state', event, lastEventId: lastEventId() });
      },
      onReset: (reset) => {
        options.onReset?.(reset);
        this.post({ kind: 'reset', reset });
      },
      onHeartbeat: (heartbeat) => {
        options.onHeartbeat?.(heartbeat);
        this.post({ kind: 'heartbeat', heartbeat });
      },
      onStatusChange: (status, failures) => {
        options.onStatusChange?.(status, failures);
        if (status !== 'closed') this.post({ kind: 'status', status, failures });
      },
    };
    inner = options.createStream ? options.createStream(streamOptions) : new NotificationStream(streamOptions);
    this.inner = inner;
    inner.start();
  }

  private onMessage(message: TabMessage): void {
    if (this.stopped) return;
    if (this.inner) {
      // Leader: answer newcomers and requests; nothing else is addressed to it.
      if (message.kind === 'restart') this.inner.restart();
      if (message.kind === 'hello') this.post({ kind: 'status', status: this.currentLeaderStatus, failures: 0 });
      return;
    }
    switch (message.kind) {
      case 'notification':
        if (message.lastEventId) this.lastEventId = message.lastEventId;
        this.options.onNotification?.(message.notification);
        break;
      case 'state':
        if (message.lastEventId) this.lastEventId = message.lastEventId;
        this.options.onStateEvent?.(message.event);
        break;
      case 'reset':
        this.options.onReset?.(message.reset);
        break;
      case 'heartbeat':
        this.options.onHeartbeat?.(message.heartbeat);
        break;
      case 'status':
        this.options.onStatusChange?.(message.status, message.failures);
        break;
      default:
        break;
    }
  }

  private get currentLeaderStatus(): StreamStatus {
    const inner = this.inner as { currentStatus?: StreamStatus } | null;
    return inner?.currentStatus ?? 'connecting';
  }

  private post(message: TabMessage): void {
    try {
      this.channel?.postMessage(message);
    } catch {
      // channel closed during shutdown
    }
  }
}
