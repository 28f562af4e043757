import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for Ray's metrics agent: serves fixed gauges under Ray's metric names in the
// Prometheus text exposition format, on a dynamic loopback port, and counts its scrapes.

export interface RaySample {
  /** A Ray metric name, e.g. ray_node_cpu_utilization. */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface RayMetricsExporter {
  /** host:port, for a Prometheus scrape config. */
  target: string;
  scrapes: () => number;
  close: () => Promise<void>;
}

/** A label value in the exposition format: backslash, double quote and newline escaped. */
const labelValue = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function exposition(samples: RaySample[]): string {
  const byName = new Map<string, RaySample[]>();
  for (const s of samples) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  const lines: string[] = [];
  for (const [name, group] of byName) {
    lines.push(`# HELP ${name} ${name} (test exporter)`, `# TYPE ${name} gauge`);
    for (const { labels, value } of group) {
      const text = Object.entries(labels)
        .map(([key, v]) => `${key}="${labelValue(v)}"`)
        .join(',');
      lines.push(`${name}{${text}} ${value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function startRayMetricsExporter(samples: RaySample[]): Promise<RayMetricsExporter> {
  let scrapes = 0;
  const body = exposition(samples);
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    scrapes++;
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    target: `127.0.0.1:${port}`,
    scrapes: () => scrapes,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
