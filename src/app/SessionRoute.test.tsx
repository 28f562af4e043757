import { act, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { SessionScope } from '../../contract/api';
import { useSessionScope } from '../lib/session/SessionScopeContext';
import { SessionRoute } from './SessionRoute';

const SESSION = '/c/ml-team/rayjob/etl/session_2026-01-13_03-00-11_004512_1';

describe('SessionRoute', () => {
  it('keeps one scope object while only the hash, query or page below the session changes', async () => {
    const seen: SessionScope[] = [];
    // Reads the location, as the log viewer does: it renders again on every navigation.
    function Page() {
      useLocation();
      seen.push(useSessionScope());
      return <p>page</p>;
    }
    const router = createMemoryRouter(
      [
        {
          path: '/c/:namespace/:kind/:name/:session',
          element: <SessionRoute />,
          children: [{ path: '*', element: <Page /> }],
        },
      ],
      { initialEntries: [`${SESSION}/logs/file`] },
    );
    render(<RouterProvider router={router} />);
    expect(await screen.findByText('page')).toBeInTheDocument();
    await act(() => router.navigate(`${SESSION}/logs/file#L2-L3`, { replace: true }));
    await act(() => router.navigate(`${SESSION}/logs/file?theme=dark#L4`, { replace: true }));
    await act(() => router.navigate(`${SESSION}/jobs`));
    expect(seen.length).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(1);

    await act(() => router.navigate('/c/ml-team/rayjob/etl/latest/jobs'));
    expect(seen.at(-1)).toEqual({
      namespace: 'ml-team',
      kind: 'rayjob',
      name: 'etl',
      session: 'latest',
    });
  });
});
