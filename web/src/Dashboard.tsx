import { NotificationBell } from './NotificationBell';
import { NotificationIcon, spokenPrefix } from './NotificationIcon';
import { useNotificationContext, type StreamActivity } from './NotificationProvider';
import { TimeAgo } from './TimeAgo';
import type { StreamStatus } from './types';
import { useNow } from './useNow';

const STATUS_TEXT: Record<StreamStatus, string> = {
  idle: 'Live updates off',
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting… (checking for news every 10 s)',
  failed: 'Live updates unavailable (checking for news every 10 s)',
  closed: 'Live updates off',
};

const ACTIVITY_TEXT: Record<StreamActivity['kind'], string> = {
  connected: 'Connected',
  event: 'Last event',
  heartbeat: 'Last heartbeat',
};

/** How many notifications "Recent activity" shows. */
const RECENT = 5;

/**
 * The page a coach sees beside the bell: the header with the bell and Sign out, the live stream's
 * state with its last sign of life, and the recent activity, read from the same state as the bell.
 */
export function Dashboard({ userLabel }: { userLabel?: string }) {
  const { streamStatus, lastStreamActivity, reconnect, notifications, unreadCount, signOut } = useNotificationContext();
  const now = useNow();
  const recent = notifications.slice(0, RECENT);
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
        <section className="dashboard-card" aria-labelledby="stream-heading">
          <h2 id="stream-heading">Live updates</h2>
          <p className="stream-line">
            <span className={`stream-dot stream-dot-${streamStatus}`} aria-hidden="true" />
            <span className={`stream-status stream-status-${streamStatus}`} data-testid="stream-status">
              {STATUS_TEXT[streamStatus]}
            </span>
            {lastStreamActivity ? (
              <span className="stream-activity" data-testid="stream-activity">
                {ACTIVITY_TEXT[lastStreamActivity.kind]}{' '}
                <TimeAgo at={lastStreamActivity.at.toISOString()} now={now} />
              </span>
            ) : null}
            {streamStatus === 'failed' ? (
              <button type="button" onClick={reconnect}>
                Try live updates again
              </button>
            ) : null}
          </p>
          <p className="unread-summary" data-testid="unread-summary">
            {unreadCount === 0 ? 'No unread notifications' : `${unreadCount} unread notification${unreadCount === 1 ? '' : 's'}`}
          </p>
        </section>
        <section className="dashboard-card" aria-labelledby="recent-heading">
          <h2 id="recent-heading">Recent activity</h2>
          {recent.length === 0 ? (
            <p className="recent-empty">Nothing yet: new notifications show up here as they arrive.</p>
          ) : (
            <ul className="recent-list">
              {recent.map((n) => (
                <li key={n.id} className={`recent-item${n.status === 'unread' ? ' recent-item-unread' : ''}`}>
                  <NotificationIcon kind={n.type} />
                  <span className="visually-hidden">{spokenPrefix(n)}</span>
                  <span className="recent-title">{n.title}</span>
                  <TimeAgo className="recent-time" at={n.created_at} now={now} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}
