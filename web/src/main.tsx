import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { tokenClaims, tokenSubject } from './accessToken';
import { Dashboard } from './Dashboard';
import { NotificationProvider } from './NotificationProvider';
import { createNotificationsApi } from './notificationsApi';
import { allowSignIn, signInPage, signOutPage } from './pageSignIn';
import { SignedOut } from './SignedOut';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);

async function start(): Promise<void> {
  const page = await signInPage();
  if (page.state === 'redirecting') return;
  if (page.state === 'signedOut') {
    root.render(
      <SignedOut
        message={page.message}
        onSignIn={() => {
          allowSignIn();
          void start();
        }}
      />,
    );
    return;
  }
  const api = createNotificationsApi(page.tokenSource);
  // The stream is checked against `sub`; the header shows the friendlier name where the provider gives one.
  const sub = tokenSubject(page.token);
  const name = tokenClaims(page.token)?.preferred_username;
  root.render(
    <StrictMode>
      <NotificationProvider
        api={api}
        userId={sub}
        onSignedOut={() => {
          signOutPage();
          void start();
        }}
      >
        <Dashboard userLabel={sub ? `Signed in as ${typeof name === 'string' ? name : sub}` : undefined} />
      </NotificationProvider>
    </StrictMode>,
  );
}

void start();
