import type { KeyboardEvent } from 'react';
import { NotificationIcon, spokenPrefix } from './NotificationIcon';
import { TimeAgo } from './TimeAgo';
import type { NotificationItem } from './types';

export interface NotificationRowProps {
  notification: NotificationItem;
  now: Date;
  /** The row the arrow keys are on: only its buttons are in the Tab order. */
  active: boolean;
  onFocus: (id: string) => void;
  onMarkRead: (id: string) => void;
  onDelete: (id: string) => void;
  onKeyDown: (e: KeyboardEvent, id: string) => void;
}

/**
 * One notification in the bell's list: the notification itself is a button (a click marks it
 * read), with its type's icon, an unread dot, the relative time and the exact one as a tooltip;
 * beside it "Mark as read" (while unread) and "Delete". Their visible text begins their names,
 * so speech control users can say what they see.
 */
export function NotificationRow({ notification: n, now, active, onFocus, onMarkRead, onDelete, onKeyDown }: NotificationRowProps) {
  const unread = n.status === 'unread';
  const tabIndex = active ? 0 : -1;
  return (
    <li
      className={`bell-item bell-item-${n.type}${unread ? ' bell-item-unread' : ''}`}
      data-id={n.id}
      onFocus={() => onFocus(n.id)}
      onKeyDown={(e) => onKeyDown(e, n.id)}
    >
      <button type="button" className="bell-item-main" tabIndex={tabIndex} onClick={() => unread && onMarkRead(n.id)}>
        <NotificationIcon kind={n.type} />
        <span className="bell-item-text">
          <span className="visually-hidden">{spokenPrefix(n)}</span>
          <strong className="bell-item-title">{n.title}</strong>
          {n.message ? <span className="bell-item-message">{n.message}</span> : null}
          <TimeAgo className="bell-item-time" at={n.created_at} now={now} />
        </span>
        {unread ? <span className="bell-item-dot" aria-hidden="true" /> : null}
      </button>
      <span className="bell-item-actions">
        {unread ? (
          <button type="button" className="bell-mark-read" tabIndex={tabIndex} aria-label={`Mark as read: ${n.title}`} onClick={() => onMarkRead(n.id)}>
            Mark as read
          </button>
        ) : null}
        <button type="button" className="bell-delete" tabIndex={tabIndex} aria-label={`Delete: ${n.title}`} onClick={() => onDelete(n.id)}>
          Delete
        </button>
      </span>
    </li>
  );
}
