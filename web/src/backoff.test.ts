import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from './backoff';

describe('reconnectDelayMs', () => {
  it('doubles from 1 s and stays at 30 s', () => {
    const delays = Array.from({ length: 9 }, (_, i) => reconnectDelayMs(i + 1));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
  });

  it('never exceeds the cap, even after very many failures', () => {
    expect(reconnectDelayMs(64)).toBe(30000);
    expect(reconnectDelayMs(1000)).toBe(30000);
  });

  it('treats a count below one as the first failure', () => {
    expect(reconnectDelayMs(0)).toBe(1000);
  });
});
