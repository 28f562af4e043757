import type { PublicConfig } from '../../types/api';
import { trustedOrigins } from './parent-channel';

/** The exact origins of pages allowed to frame the dashboard and talk to it (from /config.json). */
export function parentOriginsOf(config: PublicConfig): string[] {
  const { embedding } = config as { embedding?: { parentOrigins?: unknown } };
  const origins = embedding?.parentOrigins;
  return Array.isArray(origins)
    ? trustedOrigins(origins.filter((o): o is string => typeof o === 'string'))
    : [];
}
