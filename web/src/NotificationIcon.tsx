import type { NotificationItem, NotificationKind } from './types';

/** How each type is named to people (screen readers read it before the title). */
export const KIND_LABEL: Record<NotificationKind, string> = {
  info: 'Info',
  success: 'Success',
  warning: 'Warning',
  error: 'Error',
};

/** What a screen reader says before a notification's title: "Unread, error: " or "Success: ". */
export function spokenPrefix(n: Pick<NotificationItem, 'type' | 'status'>): string {
  const kind = KIND_LABEL[n.type] ?? KIND_LABEL.info;
  return n.status === 'unread' ? `Unread, ${kind.toLowerCase()}: ` : `${kind}: `;
}

// SVG paths rather than emoji: a machine without an emoji font would show empty boxes.
const PATHS: Record<NotificationKind, string> = {
  info: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 15h-2v-6h2v6Zm0-8h-2V7h2v2Z',
  success: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1.5 14.5-4-4 1.4-1.4 2.6 2.6 5.6-5.6 1.4 1.4-7 7Z',
  warning: 'M1 21h22L12 2 1 21Zm12-3h-2v-2h2v2Zm0-4h-2v-4h2v4Z',
  error: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm4.3 12.9-1.4 1.4L12 13.4l-2.9 2.9-1.4-1.4 2.9-2.9-2.9-2.9 1.4-1.4 2.9 2.9 2.9-2.9 1.4 1.4-2.9 2.9 2.9 2.9Z',
};

/**
 * The icon of a notification's type. With `labelled` it names the type to screen readers (an image
 * called "Error"); without, it is decorative and the text beside it must name the type.
 */
export function NotificationIcon({ kind, labelled = false }: { kind: NotificationKind; labelled?: boolean }) {
  const known = kind in PATHS ? kind : 'info';
  const a11y = labelled ? { role: 'img', 'aria-label': KIND_LABEL[known] } : { 'aria-hidden': true };
  return (
    <span className={`notification-icon notification-icon-${known}`} {...a11y}>
      <svg viewBox="0 0 24 24" width="20" height="20" focusable="false">
        <path fill="currentColor" d={PATHS[known]} />
      </svg>
    </span>
  );
}
