/** Where the page learns which OpenID Connect provider signs its users in (served by the origin, e.g. compose's nginx). */
export const AUTH_CONFIG_URL = '/auth-config.json';

export interface AuthConfig {
  /** The provider's issuer URL; its discovery document is at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  /** The page's (public) client id at that provider. */
  clientId: string;
}

/** How long one request for the file may go unanswered before the page asks again. */
export const AUTH_CONFIG_TIMEOUT_MS = 4000;
const AUTH_CONFIG_ATTEMPTS = 3;

/**
 * The file's response, asking again when a request gets no answer in time: the page signs in only after it,
 * so one request lost on the way must not leave the page waiting for ever.
 */
async function fetchAnswered(): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DOMException(`${AUTH_CONFIG_URL}: no answer in time`, 'TimeoutError')), AUTH_CONFIG_TIMEOUT_MS);
    try {
      return await fetch(AUTH_CONFIG_URL, { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal: abort.signal });
    } catch (e) {
      if (!abort.signal.aborted || attempt >= AUTH_CONFIG_ATTEMPTS) throw e;
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * The origin's sign-in configuration, or null where it has none (a 404, or a static server that
 * answers every path with index.html): the page then uses the local stack's `/dev/token`. A file
 * that is there but wrong is an error, never a silent fallback.
 */
export async function loadAuthConfig(): Promise<AuthConfig | null> {
  const response = await fetchAnswered();
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${AUTH_CONFIG_URL}: HTTP ${response.status}`);
  if (!(response.headers.get('Content-Type') ?? '').includes('json')) return null;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new Error(`${AUTH_CONFIG_URL}: not valid JSON`);
  }
  const { issuer, clientId } = (body ?? {}) as { issuer?: unknown; clientId?: unknown };
  if (typeof issuer !== 'string' || !/^https?:\/\/[^/]/.test(issuer)) throw new Error(`${AUTH_CONFIG_URL}: "issuer" must be an http(s) URL`);
  if (typeof clientId !== 'string' || clientId === '') throw new Error(`${AUTH_CONFIG_URL}: "clientId" must be a non-empty string`);
  return { issuer, clientId };
}
