import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RouterProvider, createMemoryRouter } from 'react-router';
import { mockConfig } from '../../mocks/handlers';
import { AppProviders } from '../app/providers';
import { appRoutes } from '../app/router';
import { RuntimeConfigContext } from '../config/runtime-config';

/** Renders the real routes at `url` against the MSW handlers; `location()` is the current URL. */
export function renderApp(url: string) {
  // No retries in tests: an error should show at once.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(appRoutes, { initialEntries: [url] });
  const user = userEvent.setup();
  const view = render(
    <RuntimeConfigContext value={mockConfig}>
      <AppProviders queryClient={queryClient}>
        <RouterProvider router={router} />
      </AppProviders>
    </RuntimeConfigContext>,
  );
  const location = () => router.state.location;
  const query = () => new URLSearchParams(router.state.location.search);
  return { ...view, router, user, location, query };
}
