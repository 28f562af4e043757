import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { SessionInfo } from '../../contract/api.ts';
import { decodeIndexKey, METADATA_DIR } from '../history/layout.ts';

/** The sessions the collector indexed under a storage root folder (its `cluster-metadata/` keys). */
export function recordedSessions(root: string): SessionInfo[] {
  const found: SessionInfo[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const session = decodeIndexKey(path.relative(root, full).split(path.sep).join('/'));
        if (session) found.push(session);
      }
    }
  };
  walk(path.join(root, METADATA_DIR));
  return found;
}
