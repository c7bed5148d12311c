import { useEffect } from 'react';
import { useNotificationContext } from './NotificationProvider';
import type { NotificationItem } from './types';

export const TOAST_DURATION_MS = 6000;

/**
 * Short-lived toasts for the important live notifications (success and error). The container is
 * a polite live region that is always present; an error toast is an alert, announced at once.
 */
export function NotificationToasts() {
  const { toasts, dismissToast } = useNotificationContext();
  return (
    <div className="toasts" aria-live="polite" aria-label="New notifications">
      {toasts.map((toast) => (
        <Toast key={toast.id} toast={toast} onDismiss={dismissToast} />
      ))}
    </div>
  );
}

function Toast({ toast, onDismiss }: { toast: NotificationItem; onDismiss: (id: string) => void }) {
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(toast.id), TOAST_DURATION_MS);
    return () => clearTimeout(timer);
  }, [toast.id, onDismiss]);

  return (
    <div className={`toast toast-${toast.type}`} role={toast.type === 'error' ? 'alert' : undefined} data-testid="toast">
      <strong className="toast-title">{toast.title}</strong>
      {toast.message ? <span className="toast-message">{toast.message}</span> : null}
      <button type="button" className="toast-close" aria-label={`Dismiss: ${toast.title}`} onClick={() => onDismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}
