import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { AuthProvider } from '../auth/AuthProvider';
import { createQueryClient } from '../lib/query-client';
import { ConfigGate } from './ConfigGate';
import { AppProviders } from './providers';
import { createAppRouter } from './router';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <ConfigGate>
      {(config) => (
        <AuthProvider config={config}>
          <AppProviders queryClient={queryClient}>
            <BootedRouter basePath={config.basePath} />
          </AppProviders>
        </AuthProvider>
      )}
    </ConfigGate>
  );
}

function BootedRouter({ basePath }: { basePath: string }) {
  const [router] = useState(() => createAppRouter(basePath));
  return <RouterProvider router={router} />;
}
