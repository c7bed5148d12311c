import { vi } from 'vitest';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  credentials?: RequestCredentials;
  keepalive?: boolean;
  /** The body as sent, for string and URLSearchParams bodies. */
  body?: string;
}

type Responder = (req: RecordedRequest) => Response | Promise<Response>;

/**
 * A fetch stand-in that answers by "METHOD path" (path without the query string) and records
 * every request. Unknown routes answer 404.
 */
export function installFakeFetch(routes: Record<string, Responder | unknown>) {
  const requests: RecordedRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const body = init?.body == null ? undefined : String(init.body);
    const req: RecordedRequest = { method, url, headers, credentials: init?.credentials, keepalive: init?.keepalive, body };
    requests.push(req);
    const path = url.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
    const route = routes[`${method} ${path}`];
    if (route === undefined) return new Response('not found', { status: 404 });
    if (typeof route === 'function') return (route as Responder)(req);
    return json(route);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, requests, count: (method: string, path: string) => requests.filter((r) => r.method === method && r.url.split('?')[0].endsWith(path)).length };
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}
