// A stand-in for the backend, for the real-browser check: serves the built page (dist/), the
// inbox, a demo token, the stream session cookie (and its end) and an SSE stream that requires that cookie and resumes after
// `lastEventId`. The test drives it through startFakeBackend()'s handle, not over HTTP.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

/** An unsigned JWT-shaped token for the user `demo` (the page reads its claims; this backend checks it byte for byte). */
const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
export const TOKEN = `${part({ alg: 'none' })}.${part({ sub: 'demo', exp: Math.floor(Date.now() / 1000) + 24 * 3600 })}.sig`;

export function startFakeBackend(distDir) {
  const requests = [];
  const events = [];
  const streams = new Set();
  let seq = 0;
  let unread = 0;

  const frame = (ev) => `event: notification\nid: ${ev.seq}\ndata: ${JSON.stringify(ev)}\n\n`;
  const json = (res, body) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    requests.push({
      method: req.method,
      path: url.pathname,
      search: url.search,
      authorization: req.headers.authorization ?? null,
      cookie: req.headers.cookie ?? null,
      lastEventIdHeader: req.headers['last-event-id'] ?? null,
    });
    // The local stack's demo token issuer (the page takes no token from its address).
    if (url.pathname === '/dev/token' && req.method === 'POST') {
      return res.writeHead(200, { 'Content-Type': 'text/plain' }).end(TOKEN);
    }
    if (url.pathname === '/api/notifications/stream/session' && req.method === 'DELETE') {
      return res.writeHead(204, { 'Set-Cookie': 'notification_stream=; Max-Age=0; Path=/api/notifications/stream' }).end();
    }
    if (url.pathname === '/api/notifications/stream/session' && req.method === 'POST') {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return res.writeHead(401).end();
      return res
        .writeHead(204, { 'Set-Cookie': 'notification_stream=ok; HttpOnly; SameSite=Strict; Path=/api/notifications/stream' })
        .end();
    }
    if (url.pathname === '/api/notifications/stream') {
      if (!(req.headers.cookie ?? '').includes('notification_stream=ok')) return res.writeHead(401).end();
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
      // A short retry hint: if the page let the native EventSource retry by itself, it would show.
      res.write('retry: 200\nevent: connected\ndata: {"user_id":"demo"}\n\n');
      const after = Number(url.searchParams.get('lastEventId') ?? 0);
      if (after) for (const ev of events) if (ev.seq > after) res.write(frame(ev));
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return undefined;
    }
    // Both answers say at which seq they were read, as the writer's do.
    if (url.pathname === '/api/notifications/unread-count') return json(res, { unread_count: unread, last_seq: seq });
    if (url.pathname === '/api/notifications' && req.method === 'GET') {
      return json(res, { items: [...events].reverse().slice(0, 20), next_cursor: null, last_seq: seq });
    }
    if (/^\/api\/notifications\/[^/]+\/read$/.test(url.pathname) && req.method === 'POST') {
      const id = decodeURIComponent(url.pathname.split('/')[3]);
      const ev = events.find((e) => e.id === id);
      if (ev && ev.status === 'unread') {
        ev.status = 'read';
        unread -= 1;
      }
      return res.writeHead(204).end();
    }
    if (url.pathname.startsWith('/api/')) return res.writeHead(404).end();
    const file = path.join(distDir, url.pathname === '/' ? 'index.html' : url.pathname);
    if (file.startsWith(distDir) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html';
      return res.writeHead(200, { 'Content-Type': type }).end(fs.readFileSync(file));
    }
    return res.writeHead(404).end();
  });

  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        /** Stores a notification and pushes it to the open streams (unless `live` is false). */
        create(type, title, live = true) {
          seq += 1;
          unread += 1;
          const ev = {
            id: `n-${seq}`, user_id: 'demo', seq, type, title, message: `message ${seq}`, status: 'unread',
            metadata: null, related_session_id: null, created_at: new Date().toISOString(),
          };
          events.push(ev);
          if (live) for (const s of streams) s.write(frame(ev));
          return ev;
        },
        /** Cuts every open stream, as a crashed replica or a network drop would. */
        dropStreams() {
          for (const s of streams) s.destroy();
          streams.clear();
        },
        close: () => new Promise((r) => { for (const s of streams) s.destroy(); server.close(r); }),
      });
    });
  });
}
