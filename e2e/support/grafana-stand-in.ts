import { createServer, type Server } from 'node:http';

// Grafana is not installable here: a tiny page server on loopback port 3000 (where the app
// looks for Grafana by default) that answers every request with a blank page and records the
// URLs it was asked for.

export interface GrafanaStandIn {
  requests: string[];
  close: () => Promise<void>;
}

export async function startGrafanaStandIn(port = 3000): Promise<GrafanaStandIn> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Grafana stand-in</title><p>Grafana stand-in</p>');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
