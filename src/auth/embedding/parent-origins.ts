import type { PublicConfig } from '../../../contract/api';
import { trustedOrigins } from './parent-channel';

/** The exact origins of pages allowed to frame the dashboard and talk to it (from /config.json). */
export function parentOriginsOf(config: PublicConfig): string[] {
  return trustedOrigins(config.embedding?.parentOrigins);
}
