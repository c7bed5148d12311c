import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Dashboard } from './Dashboard';
import { tokenSubject } from './accessToken';
import { DEV_TOKEN_URL, demoTokenSource, resolveDemoToken } from './demoToken';
import { NotificationProvider } from './NotificationProvider';
import { createNotificationsApi } from './notificationsApi';
import './styles.css';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const token = await resolveDemoToken();
  if (!token) {
    root.render(
      <main className="signed-out">
        <h1>Coaching dashboard</h1>
        <p>
          Not signed in. Open this page through the local stack, which issues demo tokens at{' '}
          <code>POST {DEV_TOKEN_URL}?user=&lt;id&gt;</code> (choose the user with <code>?user=bob</code>).
        </p>
      </main>,
    );
    return;
  }
  const api = createNotificationsApi(demoTokenSource(token));
  const sub = tokenSubject(token);
  root.render(
    <StrictMode>
      <NotificationProvider api={api} userId={sub}>
        <Dashboard userLabel={sub ? `Signed in as ${sub}` : undefined} />
      </NotificationProvider>
    </StrictMode>,
  );
}

void start();
