import { screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { server } from '../../../../mocks/server';
import { renderApp } from '../../../test/render-app';

// xterm needs a real browser; here the viewer just names its source (the e2e test covers it).
vi.mock('../../../components/log-viewer/LazyLogViewer', () => ({
  LazyLogViewer: ({ source }: { source: unknown }) => (
    <p data-testid="viewer">{JSON.stringify(source)}</p>
  ),
}));

const SESSION = '/c/ml-team/raycluster/shared-dev/session_2026-01-11_19-38-40_146706_1';

describe('job log tabs', () => {
  it('opens the driver log first, and switches tabs through ?tab=', async () => {
    const task = {
      node_id: 'n1',
      worker_pid: 4242,
      task_log_info: {
        stdout_file: '/tmp/ray/session_x/logs/worker-w1-4242.out',
        stderr_file: '/tmp/ray/session_x/logs/worker-w1-4242.err',
      },
    };
    server.use(
      http.get('*/api/v0/tasks', () =>
        HttpResponse.json({
          result: true,
          msg: '',
          data: { result: { total: 1, result: [task] } },
        }),
      ),
    );
    const { user, query } = renderApp(`${SESSION}/jobs/02000000/logs`);
    expect(await screen.findByTestId('viewer')).toHaveTextContent('"kind":"job"');
    expect(screen.getByRole('tab', { name: 'Driver' })).toHaveAttribute('aria-selected', 'true');
    expect(query().get('tab')).toBeNull();
    await user.click(await screen.findByRole('tab', { name: 'Worker 4242 stderr' }));
    expect(query().get('tab')).toBe('worker-1-err');
    expect(screen.getByTestId('viewer')).toHaveTextContent('"filename":"worker-w1-4242.err"');
    expect(screen.getByRole('tab', { name: 'Worker 4242 stdout' })).toBeInTheDocument();
    expect(screen.queryByTestId('more-workers')).toBeNull();
  });

  it('says when the job has more tasks than were read for its workers', async () => {
    server.use(
      http.get('*/api/v0/tasks', () =>
        HttpResponse.json({ result: true, msg: '', data: { result: { total: 250, result: [] } } }),
      ),
    );
    renderApp(`${SESSION}/jobs/02000000/logs`);
    expect(await screen.findByTestId('more-workers')).toHaveTextContent(
      /first 200 tasks; 250 more tasks/,
    );
  });
});
