import { apiPaths } from '../../../../contract/paths';
import { apiFetch } from '../../../lib/api-client';
import type { SessionScope } from '../../../../contract/api';
import type { SearchMode } from '../../../lib/search-mode';
import { createNdjsonParser } from '../ndjson';
import { isSearchEvent } from '../search-results';
import type { SearchEvent } from '../search-results';

export interface SearchRequest {
  q: string;
  mode: SearchMode;
  nodeId?: string;
  glob?: string;
}

/** Streams the session-wide search; `onEvents` gets each batch as it arrives. */
export async function streamSearch(
  scope: SessionScope,
  request: SearchRequest,
  onEvents: (events: SearchEvent[]) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await apiFetch(apiPaths.scoped(scope, '/logs/search'), {
    signal,
    accept: 'application/x-ndjson',
    query: { q: request.q, mode: request.mode, node_id: request.nodeId, glob: request.glob },
  });
  const parser = createNdjsonParser();
  const emit = (values: unknown[]) => {
    const events = values.filter(isSearchEvent);
    if (events.length > 0) onEvents(events);
  };
  if (!response.body) {
    emit(parser.push(await response.text()));
    emit(parser.end());
    return;
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      emit(parser.push(value));
    }
    emit(parser.end());
  } finally {
    reader.releaseLock();
  }
}
