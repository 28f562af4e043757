import type { AddressInfo } from 'node:net';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';

// The HistoryServer as the bench's separate process: configured from the environment exactly
// like server/index.ts, but on a free loopback port, announced as one JSON line on stdout.

const config = loadConfig(process.env);
const app = await buildApp({ config });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ port: (app.server.address() as AddressInfo).port })}\n`);
