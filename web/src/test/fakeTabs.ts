/**
 * In-memory stand-ins for the Web Locks API and BroadcastChannel, so that several "tabs" can be
 * simulated in one test. Like the real ones: a lock is held until the callback's promise settles,
 * waiters are granted in order, a waiting request is cancelled by its AbortSignal (AbortError);
 * a message goes asynchronously to every other open channel of the same name, never to the sender.
 */
export class FakeLocks {
  private held = new Map<string, boolean>();
  private waiting = new Map<string, Array<() => void>>();

  request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const grant = () => {
        this.held.set(name, true);
        Promise.resolve()
          .then(callback)
          .then(resolve, reject)
          .finally(() => {
            this.held.set(name, false);
            const next = this.waiting.get(name)?.shift();
            if (next) next();
          });
      };
      if (options.signal?.aborted) {
        reject(new DOMException('aborted', 'AbortError'));
        return;
      }
      if (!this.held.get(name)) {
        grant();
        return;
      }
      const queue = this.waiting.get(name) ?? [];
      this.waiting.set(name, queue);
      queue.push(grant);
      options.signal?.addEventListener('abort', () => {
        const i = queue.indexOf(grant);
        if (i >= 0) {
          queue.splice(i, 1);
          reject(new DOMException('aborted', 'AbortError'));
        }
      });
    });
  }

  isHeld(name: string): boolean {
    return Boolean(this.held.get(name));
  }
}

export class FakeBroadcastChannel {
  static open: FakeBroadcastChannel[] = [];
  onmessage: ((e: MessageEvent) => void) | null = null;
  private closed = false;

  constructor(readonly name: string) {
    FakeBroadcastChannel.open.push(this);
  }

  static reset(): void {
    FakeBroadcastChannel.open = [];
  }

  postMessage(data: unknown): void {
    if (this.closed) throw new DOMException('channel closed', 'InvalidStateError');
    const copy = structuredClone(data);
    for (const other of FakeBroadcastChannel.open) {
      if (other === this || other.name !== this.name) continue;
      queueMicrotask(() => {
        if (!other.closed) other.onmessage?.(new MessageEvent('message', { data: copy }));
      });
    }
  }

  close(): void {
    this.closed = true;
    FakeBroadcastChannel.open = FakeBroadcastChannel.open.filter((c) => c !== this);
  }
}
