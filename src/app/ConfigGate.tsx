import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { RuntimeConfigContext, loadRuntimeConfig } from '../config/runtime-config';
import type { PublicConfig } from '../../contract/api';
import { ErrorPanel } from '../components/ui/ErrorPanel';
import { Skeleton } from '../components/ui/Skeleton';

type Boot =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown }
  | { state: 'ready'; config: PublicConfig };

/** Loads /config.json before anything else renders; its children get the config. */
export function ConfigGate({ children }: { children: (config: PublicConfig) => ReactNode }) {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    loadRuntimeConfig(controller.signal).then(
      (config) => setBoot({ state: 'ready', config }),
      (error: unknown) => {
        if (!controller.signal.aborted) setBoot({ state: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setBoot({ state: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  if (boot.state === 'loading') {
    return (
      <main className="boot-status">
        <Skeleton label="Loading the dashboard configuration" lines={2} />
      </main>
    );
  }
  if (boot.state === 'failed') {
    return (
      <main className="boot-status">
        <ErrorPanel
          title="Could not load the dashboard configuration"
          error={boot.error}
          onRetry={retry}
        />
      </main>
    );
  }
  return <RuntimeConfigContext value={boot.config}>{children(boot.config)}</RuntimeConfigContext>;
}
