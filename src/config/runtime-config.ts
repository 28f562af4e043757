import { createContext, useContext } from 'react';
import { apiPaths } from '../../contract/paths';
import { apiGet, setApiBasePath } from '../lib/api-client';
import type { PublicConfig } from '../../contract/api';

// The server's public configuration, read once at boot so one build runs anywhere.

export async function loadRuntimeConfig(signal?: AbortSignal): Promise<PublicConfig> {
  const config = await apiGet<PublicConfig>(apiPaths.config, { signal });
  setApiBasePath(config.basePath ?? '');
  return config;
}

export const RuntimeConfigContext = createContext<PublicConfig | null>(null);

export function useRuntimeConfig(): PublicConfig {
  const config = useContext(RuntimeConfigContext);
  if (!config) throw new Error('useRuntimeConfig must be used inside the booted app');
  return config;
}
