import { exactTime, relativeTime } from './relativeTime';

/** A moment as people say it ("5 minutes ago"), with the exact time as its tooltip and machine-readable value. */
export function TimeAgo({ at, now, className }: { at: string | undefined; now: Date; className?: string }) {
  if (!at) {
    return null;
  }
  return (
    <time className={className} dateTime={at} title={exactTime(at)}>
      {relativeTime(at, now)}
    </time>
  );
}
