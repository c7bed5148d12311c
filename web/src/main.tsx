import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Dashboard } from './Dashboard';
import { resolveDemoToken } from './demoToken';
import { NotificationProvider } from './NotificationProvider';
import { createNotificationsApi } from './notificationsApi';
import './styles.css';

function subjectOf(token: string): string | undefined {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown };
    return typeof payload.sub === 'string' ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const token = await resolveDemoToken();
  if (!token) {
    root.render(
      <main className="signed-out">
        <h1>Coaching dashboard</h1>
        <p>
          Not signed in. Open this page with <code>?token=&lt;access token&gt;</code>, or run a backend that answers{' '}
          <code>GET /api/dev/token</code>.
        </p>
      </main>,
    );
    return;
  }
  const api = createNotificationsApi({ getToken: () => token });
  const sub = subjectOf(token);
  root.render(
    <StrictMode>
      <NotificationProvider api={api}>
        <Dashboard userLabel={sub ? `Signed in as ${sub}` : undefined} />
      </NotificationProvider>
    </StrictMode>,
  );
}

void start();
