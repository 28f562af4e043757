import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionScope } from '../../../contract/api';
import { streamSearch } from './api/stream-search';
import type { SearchRequest } from './api/stream-search';
import { addSearchEvents, emptySearchView } from './search-results';
import type { SearchView } from './search-results';

export type SearchStatus = 'idle' | 'running' | 'done' | 'stopped' | 'failed';

/** Runs `request` (null = nothing to search) and renders hits as they stream in; `stop` aborts. */
export function useLogSearch(scope: SessionScope, request: SearchRequest | null) {
  const [view, setView] = useState<SearchView>(emptySearchView);
  const [status, setStatus] = useState<SearchStatus>('idle');
  const [error, setError] = useState<unknown>(null);
  const controller = useRef<AbortController | null>(null);
  const key = request ? JSON.stringify(request) : '';

  useEffect(() => {
    if (!key) return;
    const wanted = JSON.parse(key) as SearchRequest;
    const abort = new AbortController();
    controller.current = abort;
    // A new search starts from nothing; results then stream in from the server.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setView(emptySearchView);
    setError(null);
    setStatus('running');
    streamSearch(
      scope,
      wanted,
      (events) => setView((v) => addSearchEvents(v, events)),
      abort.signal,
    )
      .then(() => {
        if (!abort.signal.aborted) setStatus('done');
      })
      .catch((failure: unknown) => {
        if (abort.signal.aborted) return;
        setError(failure);
        setStatus('failed');
      });
    return () => abort.abort();
  }, [scope, key]);

  const stop = useCallback(() => {
    controller.current?.abort();
    setStatus('stopped');
  }, []);

  return { view, status, error, stop };
}
