import { describe, expect, it } from 'vitest';
import { exactTime, relativeTime } from './relativeTime';

// A fixed clock: Wednesday 2 December 2026, 14:30 local time.
const now = new Date(2026, 11, 2, 14, 30, 0);
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('relativeTime', () => {
  it('says "just now" for the last minute, also for a clock a little ahead of ours', () => {
    expect(relativeTime(ago(0), now, 'en')).toBe('just now');
    expect(relativeTime(ago(59 * SECOND), now, 'en')).toBe('just now');
    expect(relativeTime(ago(-20 * SECOND), now, 'en')).toBe('just now');
  });

  it('counts minutes, then hours, within the same day', () => {
    expect(relativeTime(ago(60 * SECOND), now, 'en')).toBe('1 minute ago');
    expect(relativeTime(ago(5 * MINUTE + 10 * SECOND), now, 'en')).toBe('5 minutes ago');
    expect(relativeTime(ago(59 * MINUTE), now, 'en')).toBe('59 minutes ago');
    expect(relativeTime(ago(HOUR), now, 'en')).toBe('1 hour ago');
    expect(relativeTime(ago(14 * HOUR), now, 'en')).toBe('14 hours ago');
  });

  it('counts calendar days once the day changed: late last night is "yesterday"', () => {
    expect(relativeTime(new Date(2026, 11, 1, 23, 50).toISOString(), now, 'en')).toBe('yesterday');
    expect(relativeTime(new Date(2026, 11, 1, 0, 5).toISOString(), now, 'en')).toBe('yesterday');
    expect(relativeTime(new Date(2026, 10, 29, 15, 0).toISOString(), now, 'en')).toBe('3 days ago');
  });

  it('goes on in weeks, months and years', () => {
    expect(relativeTime(new Date(2026, 10, 25, 9, 0).toISOString(), now, 'en')).toBe('last week');
    expect(relativeTime(new Date(2026, 10, 11, 9, 0).toISOString(), now, 'en')).toBe('3 weeks ago');
    expect(relativeTime(new Date(2026, 8, 2, 9, 0).toISOString(), now, 'en')).toBe('3 months ago');
    expect(relativeTime(new Date(2024, 5, 2, 9, 0).toISOString(), now, 'en')).toBe('2 years ago');
  });

  it('speaks the locale it is given', () => {
    expect(relativeTime(ago(5 * MINUTE), now, 'de')).toBe('vor 5 Minuten');
    expect(relativeTime(new Date(2026, 11, 1, 9, 0).toISOString(), now, 'de')).toBe('gestern');
  });

  it('says nothing for a missing or unreadable time', () => {
    expect(relativeTime(undefined, now, 'en')).toBe('');
    expect(relativeTime('not a date', now, 'en')).toBe('');
    expect(exactTime('not a date', 'en')).toBe('');
  });

  it('gives the exact time for the tooltip', () => {
    expect(exactTime(new Date(2026, 11, 2, 2, 33, 10).toISOString(), 'en-US')).toBe('Wednesday, December 2, 2026 at 2:33:10 AM');
  });
});
