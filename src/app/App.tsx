import type { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { AuthProvider } from '../auth/AuthProvider';
import { createQueryClient } from '../lib/query-client';
import { ConfigGate } from './ConfigGate';
import { AppProviders } from './providers';
import { preloadRoutes } from './route-preload';
import { appRoutes, createAppRouter } from './router';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <ConfigGate>
      {(config) => (
        <AuthProvider config={config}>
          <AppProviders queryClient={queryClient}>
            <BootedRouter basePath={config.basePath} queryClient={queryClient} />
          </AppProviders>
        </AuthProvider>
      )}
    </ConfigGate>
  );
}

function BootedRouter({ basePath, queryClient }: { basePath: string; queryClient: QueryClient }) {
  const [router] = useState(() => {
    // The linked page's code and data start now, side by side (see route-preload.ts).
    preloadRoutes(appRoutes, window.location.pathname, basePath || '/', queryClient);
    return createAppRouter(basePath);
  });
  return <RouterProvider router={router} />;
}
