import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useNotificationContext } from './NotificationProvider';
import { NotificationToasts } from './NotificationToasts';
import type { NotificationItem } from './types';

/** The bell in the page header: unread badge, dropdown with the recent notifications, toasts. */
export function NotificationBell() {
  const { notifications, unreadCount, markRead, markAllRead, deleteNotification } = useNotificationContext();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const headingId = useId();

  useEffect(() => {
    if (!open) return undefined;
    const closeOnOutsideClick = (e: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    // Escape also works when focus has left the bell, e.g. after the focused "Mark read" button
    // disappeared with its notification's unread state.
    const closeOnEscape = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') closeAndFocusBell();
    };
    document.addEventListener('mousedown', closeOnOutsideClick);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('mousedown', closeOnOutsideClick);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, [open]);

  function closeAndFocusBell() {
    setOpen(false);
    buttonRef.current?.focus();
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      e.nativeEvent.stopImmediatePropagation();
      closeAndFocusBell();
    }
  };

  // The "Mark read" button goes away with the unread state: keep the keyboard focus in the list.
  const markReadKeepingFocus = async (id: string) => {
    panelRef.current?.focus();
    await markRead(id);
  };
  const deleteKeepingFocus = async (id: string) => {
    panelRef.current?.focus();
    await deleteNotification(id);
  };

  const label = unreadCount === 0 ? 'Notifications, no unread' : `Notifications, ${unreadCount} unread`;

  return (
    <div className="bell" ref={rootRef} onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        className="bell-button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {/* An SVG, not the bell emoji: a machine without an emoji font would show an empty box. */}
        <svg className="bell-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unreadCount > 0 ? (
          <span className="bell-badge" aria-hidden="true" data-testid="bell-badge">
            {unreadCount > 99 ? '99+' : unreadCount}
          </span>
        ) : null}
      </button>
      <span className="visually-hidden" role="status">
        {unreadCount === 0 ? 'No unread notifications' : `${unreadCount} unread notifications`}
      </span>

      <div id={panelId} ref={panelRef} tabIndex={-1} className="bell-panel" role="region" aria-labelledby={headingId} hidden={!open}>
        <div className="bell-panel-header">
          <h2 id={headingId}>Notifications</h2>
          <button
            type="button"
            onClick={() => {
              panelRef.current?.focus();
              void markAllRead();
            }}
            disabled={unreadCount === 0}
          >
            Mark all as read
          </button>
        </div>
        {notifications.length === 0 ? (
          <p className="bell-empty">No notifications yet.</p>
        ) : (
          <ul className="bell-list">
            {notifications.map((n) => (
              <NotificationRow key={n.id} notification={n} onMarkRead={markReadKeepingFocus} onDelete={deleteKeepingFocus} />
            ))}
          </ul>
        )}
      </div>
      <NotificationToasts />
    </div>
  );
}

function NotificationRow({
  notification: n,
  onMarkRead,
  onDelete,
}: {
  notification: NotificationItem;
  onMarkRead: (id: string) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
}) {
  const unread = n.status === 'unread';
  return (
    <li className={`bell-item bell-item-${n.type}${unread ? ' bell-item-unread' : ''}`}>
      <div className="bell-item-text">
        <strong>
          {unread ? <span className="visually-hidden">Unread: </span> : null}
          {n.title}
        </strong>
        {n.message ? <span>{n.message}</span> : null}
        {n.created_at ? <time dateTime={n.created_at}>{formatTime(n.created_at)}</time> : null}
      </div>
      {unread ? (
        <button type="button" className="bell-mark-read" aria-label={`Mark as read: ${n.title}`} onClick={() => void onMarkRead(n.id)}>
          Mark read
        </button>
      ) : null}
      <button type="button" className="bell-delete" aria-label={`Delete: ${n.title}`} onClick={() => void onDelete(n.id)}>
        Delete
      </button>
    </li>
  );
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString();
}
