import { AUTH_CONFIG_URL } from './authConfig';
import { DEV_TOKEN_URL } from './demoToken';

/** The page without a signed-in user: why (if signing in failed), how signing in works here, and a way to sign in. */
export function SignedOut({ message, onSignIn }: { message?: string; onSignIn: () => void }) {
  return (
    <main className="signed-out">
      <h1>Coaching dashboard</h1>
      {message ? <p role="alert">{message}</p> : null}
      <p>
        Not signed in. Where this origin serves <code>{AUTH_CONFIG_URL}</code>, signing in goes through that OpenID Connect
        provider; on the local stack it uses the demo tokens of <code>POST {DEV_TOKEN_URL}?user=&lt;id&gt;</code> (choose the
        user with <code>?user=bob</code>).
      </p>
      <button type="button" onClick={onSignIn}>
        Sign in
      </button>
    </main>
  );
}
