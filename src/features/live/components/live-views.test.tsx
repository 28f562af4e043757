import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { mockSessions } from '../../../../mocks/data';
import { server } from '../../../../mocks/server';
import { renderApp } from '../../../test/render-app';
import type { SessionInfo } from '../../../../contract/api';

// The live parts of the sessions list and of a session's pages, over the mock API.

const recorded = mockSessions.find((s) => s.name === 'shared-dev')!;
const live: SessionInfo = {
  ...recorded,
  sessionName: 'live',
  startTime: Date.UTC(2026, 0, 13),
  live: 'running',
};
const LIVE_INFO = '*/api/c/ml-team/raycluster/shared-dev/live/info';

describe('live sessions in the SPA', () => {
  it('the sessions list badges a running cluster and shows why running clusters may be missing', async () => {
    server.use(
      http.get('*/api/sessions', () =>
        HttpResponse.json({
          sessions: [
            { ...live, outcome: { state: 'running' } },
            { ...recorded, outcome: { state: 'failed' } },
          ],
          total: 2,
          page: 1,
          pageSize: 50,
          namespaces: ['ml-team'],
          liveNotice:
            'Running clusters are not shown: Kubernetes refused to list RayClusters (forbidden). Showing recorded history only.',
        }),
      ),
    );
    renderApp('/clusters');
    expect(await screen.findByText(/Running clusters are not shown/)).toHaveTextContent(
      'Kubernetes refused to list RayClusters (forbidden). Showing recorded history only.',
    );
    const group = screen.getByRole('region', { name: /shared-dev/ });
    const [first, second] = within(group).getAllByRole('row').slice(1);
    expect(within(first!).getByRole('link', { name: 'live' })).toHaveAttribute(
      'href',
      '/c/ml-team/raycluster/shared-dev/live',
    );
    expect(within(first!).getByTitle(/Running now/)).toHaveTextContent('live');
    expect(within(first!).getByText('running')).toBeInTheDocument();
    expect(within(first!).queryByText('latest')).not.toBeInTheDocument();
    expect(within(second!).getByText('latest')).toBeInTheDocument();
  });

  it('a running cluster’s pages carry the live bar, whose refresh can be paused', async () => {
    server.use(http.get(LIVE_INFO, () => HttpResponse.json(live)));
    renderApp('/c/ml-team/raycluster/shared-dev/live');
    const bar = await screen.findByRole('region', { name: 'Live cluster' });
    expect(bar).toHaveTextContent(/updated \d+ s ago/);
    await userEvent.click(within(bar).getByRole('button', { name: 'Pause auto-refresh' }));
    expect(bar).toHaveTextContent('auto-refresh paused');
    expect(within(bar).getByRole('button', { name: 'Resume auto-refresh' })).toBeInTheDocument();
  });

  it('once the cluster has ended, the same URL says it shows history, with the session’s own link', async () => {
    server.use(http.get(LIVE_INFO, () => HttpResponse.json({ ...recorded, live: 'ended' })));
    renderApp('/c/ml-team/raycluster/shared-dev/live');
    const notice = await screen.findByText(/This cluster has ended — showing history/);
    expect(within(notice).getByRole('link', { name: recorded.sessionName })).toHaveAttribute(
      'href',
      `/c/ml-team/raycluster/shared-dev/${recorded.sessionName}`,
    );
    expect(screen.queryByRole('region', { name: 'Live cluster' })).not.toBeInTheDocument();
  });

  it('a running cluster’s metrics page says where its numbers are, instead of failing on a summary it cannot have', async () => {
    server.use(
      http.get(LIVE_INFO, () => HttpResponse.json(live)),
      http.get('*/api/c/ml-team/raycluster/shared-dev/live/summary', () =>
        HttpResponse.json(
          { statusCode: 404, error: 'Not Found', message: 'live' },
          { status: 404 },
        ),
      ),
    );
    renderApp('/c/ml-team/raycluster/shared-dev/live/metrics');
    expect(
      await screen.findByRole('region', { name: 'Metrics come from the recorded session' }),
    ).toHaveTextContent('appear here once the cluster ends');
    expect(screen.queryByText(/Could not load/)).not.toBeInTheDocument();
  });
});
