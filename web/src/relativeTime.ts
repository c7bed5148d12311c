const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "just now", "5 minutes ago", "yesterday", "3 weeks ago": how long ago `iso` was at `now`, in the
 * user's language (Intl.RelativeTimeFormat). Within today it counts minutes and hours; before
 * today it counts calendar days, so 23:50 last night is "yesterday", not "15 hours ago".
 */
export function relativeTime(iso: string | undefined, now: Date, locale?: string): string {
  const then = parse(iso);
  if (!then) return '';
  const elapsed = now.getTime() - then.getTime();
  // A sender's clock a little ahead of ours is not "in 20 seconds".
  if (elapsed < MINUTE) return 'just now';
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const days = calendarDays(then, now);
  if (days === 0) return elapsed < HOUR ? format.format(-Math.floor(elapsed / MINUTE), 'minute') : format.format(-Math.floor(elapsed / HOUR), 'hour');
  if (days < 7) return format.format(-days, 'day');
  if (days < 30) return format.format(-Math.floor(days / 7), 'week');
  const months = (now.getFullYear() - then.getFullYear()) * 12 + now.getMonth() - then.getMonth();
  if (months < 12) return format.format(-Math.max(1, months), 'month');
  return format.format(-Math.floor(months / 12), 'year');
}

/** The full date and time, for a tooltip beside the relative one. */
export function exactTime(iso: string | undefined, locale?: string): string {
  const then = parse(iso);
  return then ? then.toLocaleString(locale, { dateStyle: 'full', timeStyle: 'medium' }) : '';
}

function parse(iso: string | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Midnights between the two local days (daylight saving changes make a day 23 or 25 hours). */
function calendarDays(then: Date, now: Date): number {
  const a = new Date(then.getFullYear(), then.getMonth(), then.getDate());
  const b = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((b.getTime() - a.getTime()) / DAY);
}
