import { NotificationBell } from './NotificationBell';
import { useNotificationContext } from './NotificationProvider';
import type { StreamStatus } from './types';

const STATUS_TEXT: Record<StreamStatus, string> = {
  idle: 'Live updates off',
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting… (checking for news every 10 s)',
  failed: 'Live updates unavailable (checking for news every 10 s)',
  closed: 'Live updates off',
};

/** A small page for a signed-in user: the header with the bell, and the state of the live stream. */
export function Dashboard({ userLabel }: { userLabel?: string }) {
  const { streamStatus, reconnect, notifications, unreadCount, signOut } = useNotificationContext();
  return (
    <div className="dashboard">
      <header className="dashboard-header">
        <h1>Coaching dashboard</h1>
        <div className="dashboard-header-right">
          {userLabel ? <span className="dashboard-user">{userLabel}</span> : null}
          <NotificationBell />
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main className="dashboard-main">
        <section aria-labelledby="stream-heading">
          <h2 id="stream-heading">Notifications</h2>
          <p>
            <span className={`stream-status stream-status-${streamStatus}`} data-testid="stream-status">
              {STATUS_TEXT[streamStatus]}
            </span>
            {streamStatus === 'failed' ? (
              <button type="button" onClick={reconnect}>
                Try live updates again
              </button>
            ) : null}
          </p>
          <p>
            {unreadCount} unread, {notifications.length} shown in the bell.
          </p>
        </section>
      </main>
    </div>
  );
}
