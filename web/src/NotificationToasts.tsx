import { useEffect, useRef } from 'react';
import { NotificationIcon } from './NotificationIcon';
import { useNotificationContext } from './NotificationProvider';
import type { NotificationItem, NotificationKind } from './types';

/** How long a toast of each type stays on its own; an error stays until it is closed. */
export const TOAST_DURATION_MS: Record<Exclude<NotificationKind, 'error'>, number> = {
  info: 6000,
  success: 6000,
  warning: 10000,
};
export const MAX_VISIBLE_TOASTS = 3;

/**
 * Toasts for the notifications that arrive live, newest first, at most three at a time and the
 * rest summed up. Errors sit in an assertive live region (announced at once), the others in a
 * polite one; both regions are always in the page, as screen readers only announce changes to
 * regions they already know. Timers run from a toast's arrival, also for those not yet shown
 * (they are in the bell anyway), and wait while the pointer or the focus is on the toasts.
 */
export function NotificationToasts() {
  const { toasts, dismissToast } = useNotificationContext();
  const expiry = useToastExpiry(toasts, dismissToast);
  const shown = toasts.slice(0, MAX_VISIBLE_TOASTS);
  const hidden = toasts.length - shown.length;
  const errors = shown.filter((t) => t.type === 'error');
  const others = shown.filter((t) => t.type !== 'error');
  return (
    <div className="toasts" onMouseEnter={expiry.pause} onMouseLeave={expiry.resume} onFocus={expiry.pause} onBlur={expiry.resume}>
      <div className="toast-region" aria-live="assertive">
        {errors.map((toast) => (
          <Toast key={toast.id} toast={toast} onDismiss={dismissToast} />
        ))}
      </div>
      <div className="toast-region" aria-live="polite">
        {others.map((toast) => (
          <Toast key={toast.id} toast={toast} onDismiss={dismissToast} />
        ))}
        {hidden > 0 ? (
          <p className="toast-more">
            <span data-testid="toast-more">+{hidden} more</span>
            <button type="button" onClick={() => toasts.forEach((t) => dismissToast(t.id))}>
              Dismiss all
            </button>
          </p>
        ) : null}
      </div>
    </div>
  );
}

function Toast({ toast, onDismiss }: { toast: NotificationItem; onDismiss: (id: string) => void }) {
  return (
    <div className={`toast toast-${toast.type}`} data-testid="toast">
      <NotificationIcon kind={toast.type} labelled />
      <div className="toast-body">
        <strong className="toast-title">{toast.title}</strong>
        {toast.message ? <span className="toast-message">{toast.message}</span> : null}
      </div>
      <button type="button" className="toast-close" aria-label={`Dismiss: ${toast.title}`} onClick={() => onDismiss(toast.id)}>
        <svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16" focusable="false">
          <path fill="currentColor" d="M18.3 5.7 16.9 4.3 12 9.2 7.1 4.3 5.7 5.7 10.6 12l-4.9 4.9 1.4 1.4 4.9-4.9 4.9 4.9 1.4-1.4-4.9-4.9 4.9-6.3Z" />
        </svg>
      </button>
    </div>
  );
}

/** One timer per toast that goes by itself, from its arrival; paused while the toasts are looked at. */
function useToastExpiry(toasts: NotificationItem[], dismiss: (id: string) => void) {
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const expired = useRef(new Set<string>());
  const paused = useRef(false);
  const dismissRef = useRef(dismiss);
  dismissRef.current = dismiss;

  useEffect(() => {
    const present = new Set(toasts.map((t) => t.id));
    for (const toast of toasts) {
      if (toast.type === 'error' || timers.current.has(toast.id)) continue;
      const id = toast.id;
      timers.current.set(
        id,
        setTimeout(() => {
          if (paused.current) expired.current.add(id);
          else dismissRef.current(id);
        }, TOAST_DURATION_MS[toast.type] ?? TOAST_DURATION_MS.info),
      );
    }
    for (const [id, timer] of timers.current) {
      if (present.has(id)) continue;
      clearTimeout(timer);
      timers.current.delete(id);
      expired.current.delete(id);
    }
  }, [toasts]);

  useEffect(() => {
    const all = timers.current;
    return () => all.forEach((timer) => clearTimeout(timer));
  }, []);

  return {
    pause: () => {
      paused.current = true;
    },
    resume: () => {
      paused.current = false;
      for (const id of expired.current) dismissRef.current(id);
      expired.current.clear();
    },
  };
}
