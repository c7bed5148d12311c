export const BASE_DELAY_MS = 1000;
export const MAX_DELAY_MS = 30000;

/**
 * How long to wait before the next stream attempt after `failures` consecutive failures:
 * 1 s, 2 s, 4 s, 8 s, 16 s, then 30 s for every further one.
 */
export function reconnectDelayMs(failures: number): number {
  const exponent = Math.max(0, Math.min(failures - 1, 16));
  return Math.min(BASE_DELAY_MS * 2 ** exponent, MAX_DELAY_MS);
}
