import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionScope } from '../../../contract/api';
import { getLogChunk } from './get-log-chunk';
import { loadedFromChunk, prependChunk, reachedStart } from './loaded-log';
import type { LoadedLog } from './loaded-log';
import { logSourceKey } from './log-source';
import type { LogSource } from './log-source';

export const TAIL_LINES = 1000;
/** Bytes per "load earlier" page. */
export const EARLIER_BYTES = 512 * 1024;
const MAX_EARLIER_BYTES = 16 * 1024 * 1024;

export interface LoadedLogState {
  log: LoadedLog | null;
  error: unknown;
  loadingEarlier: boolean;
  /** The file the source resolved to. */
  nodeId: string | null;
  filename: string | null;
}

const initial: LoadedLogState = {
  log: null,
  error: null,
  loadingEarlier: false,
  nodeId: null,
  filename: null,
};

/** The tail of a log, and `loadEarlier` to prepend the bytes before it, page by page. */
export function useLoadedLog(scope: SessionScope, source: LogSource) {
  const key = logSourceKey(source);
  const [state, setState] = useState<LoadedLogState>(initial);
  const [attempt, setAttempt] = useState(0);
  const current = useRef(state);
  const sourceRef = useRef(source);
  useEffect(() => {
    current.current = state;
    sourceRef.current = source;
  });

  useEffect(() => {
    const controller = new AbortController();
    setState(initial);
    getLogChunk(scope, sourceRef.current, { tailLines: TAIL_LINES }, controller.signal).then(
      (chunk) =>
        setState({
          ...initial,
          log: loadedFromChunk(chunk),
          nodeId: chunk.nodeId,
          filename: chunk.filename,
        }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ ...initial, error });
      },
    );
    return () => controller.abort();
  }, [scope, key, attempt]);

  const loadEarlier = useCallback(async (): Promise<LoadedLog | null> => {
    const { log, loadingEarlier } = current.current;
    if (!log || loadingEarlier || reachedStart(log)) return log;
    setState((s) => ({ ...s, loadingEarlier: true }));
    try {
      let bytes = EARLIER_BYTES;
      for (;;) {
        const chunk = await getLogChunk(scope, sourceRef.current, {
          before: log.startOffset,
          bytes,
        });
        // A single line longer than the page: ask for more bytes rather than make no progress.
        if (chunk.startOffset >= log.startOffset && bytes < MAX_EARLIER_BYTES) {
          bytes *= 4;
          continue;
        }
        const next = prependChunk(log, chunk);
        setState((s) => ({ ...s, log: next, loadingEarlier: false }));
        current.current = { ...current.current, log: next, loadingEarlier: false };
        return next;
      }
    } catch (error) {
      setState((s) => ({ ...s, loadingEarlier: false, error }));
      return null;
    }
  }, [scope]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, loadEarlier, retry };
}
