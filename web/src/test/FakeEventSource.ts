/**
 * A stand-in for the browser's EventSource, for unit tests under jsdom (which has none).
 * Like the real one it is an EventTarget that dispatches `open`, `error` and named
 * MessageEvents carrying `data` and `lastEventId`; once closed it dispatches nothing.
 * Every instance is recorded, so tests can see how many connections were opened and how.
 */
export class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;

  static instances: FakeEventSource[] = [];
  /** The arguments of every constructor call, exactly as given. */
  static constructorCalls: unknown[][] = [];

  readonly url: string;
  readonly withCredentials: boolean;
  readyState = FakeEventSource.CONNECTING;
  closeCalls = 0;
  onopen: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  private lastId = '';

  constructor(...args: unknown[]) {
    super();
    FakeEventSource.constructorCalls.push(args);
    const [url, init] = args as [string | URL, { withCredentials?: boolean } | undefined];
    this.url = String(url);
    this.withCredentials = Boolean(init?.withCredentials);
    FakeEventSource.instances.push(this);
  }

  static reset(): void {
    FakeEventSource.instances = [];
    FakeEventSource.constructorCalls = [];
  }

  static latest(): FakeEventSource {
    const es = FakeEventSource.instances.at(-1);
    if (!es) throw new Error('no EventSource was created');
    return es;
  }

  close(): void {
    this.closeCalls += 1;
    this.readyState = FakeEventSource.CLOSED;
  }

  get closed(): boolean {
    return this.readyState === FakeEventSource.CLOSED;
  }

  /** The server accepted the request (status 200, text/event-stream). */
  open(): void {
    if (this.closed) return;
    this.readyState = FakeEventSource.OPEN;
    const e = new Event('open');
    this.onopen?.(e);
    this.dispatchEvent(e);
  }

  /**
   * A frame `event: <type>` / `id: <id>` / `data: <data>`. Objects are sent as JSON.
   * As in the real EventSource, the last event id sticks until a frame sets another.
   */
  emit(type: string, data: unknown, id?: string | number): void {
    if (this.closed) return;
    if (id !== undefined) this.lastId = String(id);
    const e = new MessageEvent(type, {
      data: typeof data === 'string' ? data : JSON.stringify(data),
      lastEventId: this.lastId,
    });
    if (type === 'message') this.onmessage?.(e);
    this.dispatchEvent(e);
  }

  /**
   * The connection failed or dropped. The real EventSource then retries by itself
   * (readyState CONNECTING) unless the response was fatal (CLOSED); either way it fires `error`.
   */
  fail(fatal = false): void {
    if (this.closed) return;
    this.readyState = fatal ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING;
    const e = new Event('error');
    this.onerror?.(e);
    this.dispatchEvent(e);
  }
}
