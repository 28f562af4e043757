import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A "cloud console" on another origin for the embedding specs: GET /?src=<dashboard URL> answers
// a page that frames the dashboard and records every message it receives (window.received). The
// test hands it a token with window.setToken(...) (never through a URL); from then on it answers
// the dashboard's token requests with it.

export interface ParentPage {
  origin: string;
  /** The page framing `src`. */
  url: (src: string) => string;
  close: () => Promise<void>;
}

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Console</title></head>
<body>
<h1>Console</h1>
<iframe id="dashboard" title="Ray History Dashboard" width="1200" height="800"></iframe>
<script>
  const src = new URLSearchParams(location.search).get('src');
  const dashboardOrigin = new URL(src).origin;
  window.received = [];
  const frame = document.getElementById('dashboard');
  let token = null;
  let pending = false;
  const handOver = () => {
    pending = false;
    frame.contentWindow.postMessage({ type: 'ray-history:token', ...token }, dashboardOrigin);
  };
  window.setToken = (value) => {
    token = value;
    if (pending) handOver();
  };
  window.addEventListener('message', (event) => {
    if (event.origin !== dashboardOrigin) return;
    window.received.push({ origin: event.origin, data: event.data });
    if (event.data && event.data.type === 'ray-history:token-request') {
      pending = true;
      if (token) handOver();
    }
  });
  frame.src = src;
</script>
</body></html>`;

export async function startParentPage(host = '127.0.0.2'): Promise<ParentPage> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(PAGE);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (src) => `${origin}/?${new URLSearchParams({ src }).toString()}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
