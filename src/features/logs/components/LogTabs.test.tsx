import { screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { server } from '../../../../mocks/server';
import { renderApp } from '../../../test/render-app';
import { actorRecord } from '../../../lib/actors/test/actor-record';

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

/** Resolves once MSW has answered a request whose path ends with `suffix`. */
function answered(suffix: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = ({ request }: { request: Request }) => {
      if (!new URL(request.url).pathname.endsWith(suffix)) return;
      server.events.removeListener('response:mocked', listener);
      resolve();
    };
    server.events.on('response:mocked', listener);
  });
}

describe('task log tabs', () => {
  it("adds a failed attempt's traceback as a tab that ?tab=error opens", async () => {
    // task0001 failed in attempt 0 (mocks/session-views-data.ts), then succeeded in attempt 1.
    renderApp(`${SESSION}/tasks/task0001/logs?attempt=0&tab=error`);
    expect(await screen.findByRole('tab', { name: 'Error traceback' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByText(/ValueError: loss is NaN/)).toBeInTheDocument();
  });

  it('shows no traceback tab for an attempt that did not fail', async () => {
    const attempts = answered('/api/v0/tasks');
    renderApp(`${SESSION}/tasks/task0001/logs?attempt=1`);
    expect(await screen.findByTestId('viewer')).toHaveTextContent('"suffix":"out"');
    await attempts;
    await waitFor(() => expect(screen.getAllByRole('tab')).toHaveLength(2));
    expect(screen.queryByRole('tab', { name: 'Error traceback' })).toBeNull();
  });
});

describe('actor log tabs', () => {
  const actor = (address: { nodeId: string; workerId: string }, pid: number | null) =>
    actorRecord({
      actorId: 'actor1',
      pid,
      address: { ...address, ipAddress: '10.0.0.1', port: 1 },
    });
  const answering = (detail: unknown) =>
    server.use(
      http.get('*/logical/actors/:actorId', () =>
        HttpResponse.json({ result: true, msg: '', data: { detail } }),
      ),
    );

  it("adds the core-worker log of the actor's worker once its record names the worker", async () => {
    answering(actor({ nodeId: 'n1', workerId: 'w1' }, 42));
    const { user } = renderApp(`${SESSION}/actors/actor1/logs`);
    await user.click(await screen.findByRole('tab', { name: 'Core worker log' }));
    expect(screen.getByTestId('viewer')).toHaveTextContent(
      '"filename":"python-core-worker-w1_42.log"',
    );
  });

  it('keeps stdout and stderr only when the worker is not recorded', async () => {
    answering(actor({ nodeId: 'n1', workerId: '' }, null));
    const detail = answered('/logical/actors/actor1');
    renderApp(`${SESSION}/actors/actor1/logs`);
    expect(await screen.findByTestId('viewer')).toHaveTextContent('"kind":"actor"');
    await detail;
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['stdout', 'stderr']);
  });
});
