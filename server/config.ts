import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AuthConfig, authConfig } from './config/auth.ts';
import { reader } from './config/env.ts';
import { type MetricsConfig, metricsConfig } from './config/metrics.ts';
import { type ServingConfig, servingConfig } from './config/serving.ts';
import { type StorageConfig, storageConfig } from './config/storage.ts';
import { snapshotConfig, type SnapshotConfig } from './history/persisted/snapshot-config.ts';
import { liveConfig, type LiveConfig } from './live/live-config.ts';

// The server's whole configuration, read once from the environment (product spec, "Configuration"):
// one builder per section in config/. Secrets live here but never leave through publicConfig()
// (config/public-config.ts) or the logs.

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface ServerConfig {
  storage: StorageConfig;
  auth: AuthConfig;
  metrics: MetricsConfig;
  server: ServingConfig;
  /** Running clusters (docs/live.md). */
  live: LiveConfig;
  /** Reduced sessions persisted on disk and shared by replicas (docs/snapshots.md). */
  snapshots: SnapshotConfig;
}

export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const read = reader(env);
  const server = servingConfig(read, REPO_ROOT);
  return {
    storage: storageConfig(read),
    auth: authConfig(read, server.publicUrl ? `${server.publicUrl}${server.basePath}` : null),
    metrics: metricsConfig(read),
    server,
    live: liveConfig(read),
    snapshots: snapshotConfig(read),
  };
}
