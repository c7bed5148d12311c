import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { tabbable, wrapTab } from './focusTrap';
import type { ListFilter } from './notificationReducer';
import { useNotificationContext } from './NotificationProvider';
import { NotificationRow } from './NotificationRow';
import { NotificationToasts } from './NotificationToasts';
import { useNow } from './useNow';

const ARROW_KEYS = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End']);

/**
 * The bell in the page header: a button whose name carries the unread count, and a panel (a
 * dialog) with the notifications. The panel keeps the focus while open (Tab wraps around), closes
 * with Escape or a click outside and gives the focus back to the bell; the arrow keys move between
 * notifications, and only the current one is in the Tab order.
 */
export function NotificationBell() {
  const { visibleNotifications, hasOlder, loadOlder, unreadCount, markRead, markAllRead, deleteNotification, pendingDeletes, undoDelete } =
    useNotificationContext();
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState<ListFilter>('all');
  const [activeId, setActiveId] = useState<string | null>(null);
  const [older, setOlder] = useState<'idle' | 'loading' | 'failed'>('idle');
  const now = useNow();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  /** The notification to put the focus on once the list has rendered (after a delete, an undo, a page). */
  const focusNext = useRef<string | null>(null);
  const panelId = useId();
  const headingId = useId();
  const filterId = useId();

  const listed = visibleNotifications(filter);
  const active = listed.some((n) => n.id === activeId) ? activeId : (listed[0]?.id ?? null);

  const focusItem = useCallback((id: string | null) => {
    const panel = panelRef.current;
    const row = id ? [...(panel?.querySelectorAll<HTMLElement>('.bell-item') ?? [])].find((li) => li.dataset.id === id) : undefined;
    const item = row?.querySelector<HTMLElement>('.bell-item-main');
    if (id) setActiveId(id);
    (item ?? panel)?.focus();
  }, []);

  /** While an older page loads: what was listed before, so the focus can go to the first one it brought. */
  const listedBeforePage = useRef<Set<string> | null>(null);

  useLayoutEffect(() => {
    if (listedBeforePage.current && older !== 'loading') {
      const before = listedBeforePage.current;
      listedBeforePage.current = null;
      const fresh = listed.find((n) => !before.has(n.id));
      if (fresh) focusItem(fresh.id);
    }
    if (focusNext.current === null) return;
    const id = focusNext.current;
    focusNext.current = null;
    focusItem(id === '' ? null : id);
  });

  const close = useCallback(() => setOpen(false), []);
  const closeAndFocusBell = useCallback(() => {
    setOpen(false);
    buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return undefined;
    // Into the panel: the first notification, else its first control.
    const panel = panelRef.current;
    const first = panel?.querySelector<HTMLElement>('.bell-item-main') ?? (panel ? tabbable(panel)[0] : undefined);
    (first ?? panel)?.focus();

    const closeOnOutsideClick = (e: MouseEvent) => {
      if (!rootRef.current || rootRef.current.contains(e.target as Node)) return;
      close();
      // Back to the bell, unless the click put the focus on something else.
      setTimeout(() => {
        const focused = document.activeElement;
        if (!focused || focused === document.body || panelRef.current?.contains(focused)) buttonRef.current?.focus();
      }, 0);
    };
    // Escape also works when the focus has left the bell.
    const closeOnEscape = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') closeAndFocusBell();
    };
    document.addEventListener('mousedown', closeOnOutsideClick);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('mousedown', closeOnOutsideClick);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, [open, close, closeAndFocusBell]);

  const onPanelKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.nativeEvent.stopImmediatePropagation();
      closeAndFocusBell();
      return;
    }
    if (panelRef.current) wrapTab(panelRef.current, e);
  };

  const onItemKeyDown = (e: KeyboardEvent, id: string) => {
    if (!ARROW_KEYS.has(e.key)) return;
    e.preventDefault();
    const at = listed.findIndex((n) => n.id === id);
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? listed.length - 1 : Math.min(listed.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)));
    focusItem(listed[to]?.id ?? null);
  };

  // A button that goes away takes the focus with it: keep it on the notification, or the next one.
  const onMarkRead = (id: string) => {
    focusNext.current = id;
    void markRead(id);
  };
  const onDelete = (id: string) => {
    const at = listed.findIndex((n) => n.id === id);
    focusNext.current = listed[at + 1]?.id ?? listed[at - 1]?.id ?? '';
    deleteNotification(id);
  };
  const onUndo = (id: string) => {
    focusNext.current = id;
    undoDelete(id);
  };
  const onShowOlder = async () => {
    if (older === 'loading') return;
    listedBeforePage.current = new Set(listed.map((n) => n.id));
    setOlder('loading');
    try {
      await loadOlder(filter);
      setOlder('idle');
    } catch {
      setOlder('failed');
    }
  };

  const label = unreadCount === 0 ? 'Notifications, no unread' : `Notifications, ${unreadCount} unread`;
  const more = hasOlder(filter);

  return (
    <div className="bell" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="bell-button"
        aria-label={label}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
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
      <span className="visually-hidden" role="status" aria-label="Unread notifications">
        {unreadCount === 0 ? 'No unread notifications' : `${unreadCount} unread notifications`}
      </span>

      <div
        id={panelId}
        ref={panelRef}
        tabIndex={-1}
        className="bell-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        hidden={!open}
        onKeyDown={onPanelKeyDown}
      >
        <div className="bell-panel-header">
          <h2 id={headingId}>Notifications</h2>
          <label className="bell-filter" htmlFor={filterId}>
            <input id={filterId} type="checkbox" checked={filter === 'unread'} onChange={(e) => setFilter(e.target.checked ? 'unread' : 'all')} />
            Unread only
          </label>
          <button
            type="button"
            className="bell-mark-all"
            onClick={() => {
              panelRef.current?.focus();
              void markAllRead();
            }}
            disabled={unreadCount === 0}
          >
            Mark all as read
          </button>
        </div>
        <div className="bell-undo" role="status">
          {pendingDeletes.map((n) => (
            <p key={n.id}>
              Deleted “{n.title}”.{' '}
              <button type="button" aria-label={`Undo delete: ${n.title}`} onClick={() => onUndo(n.id)}>
                Undo
              </button>
            </p>
          ))}
        </div>
        {listed.length === 0 ? (
          <p className="bell-empty">{filter === 'unread' ? 'No unread notifications.' : 'No notifications yet.'}</p>
        ) : (
          <ul className="bell-list">
            {listed.map((n) => (
              <NotificationRow
                key={n.id}
                notification={n}
                now={now}
                active={n.id === active}
                onFocus={setActiveId}
                onMarkRead={onMarkRead}
                onDelete={onDelete}
                onKeyDown={onItemKeyDown}
              />
            ))}
          </ul>
        )}
        {older === 'failed' ? (
          <p className="bell-older-error" role="alert">
            Older notifications could not be loaded. Try again.
          </p>
        ) : null}
        {more ? (
          <button type="button" className="bell-older" aria-disabled={older === 'loading'} onClick={() => void onShowOlder()}>
            {older === 'loading' ? 'Loading…' : 'Show older'}
          </button>
        ) : null}
      </div>
      <NotificationToasts />
    </div>
  );
}
