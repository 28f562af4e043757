import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { errorResponse } from '../../../../mocks/error-response';
import { server } from '../../../../mocks/server';
import { renderApp } from '../../../test/render-app';

const groupHeadings = () =>
  screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);

describe('sessions page', () => {
  it('groups sessions by cluster, newest first, marking each group’s latest', async () => {
    renderApp('/clusters');
    expect(
      await screen.findByRole('heading', { name: /serving \/ RayService \/ llm-serve/ }),
    ).toBeInTheDocument();
    expect(groupHeadings()).toEqual([
      'ml-team / RayJob / train-resnet',
      'ml-team / RayCluster / shared-dev',
      'serving / RayService / llm-serve',
    ]);

    const job = screen.getByRole('region', { name: 'ml-team / RayJob / train-resnet' });
    expect(within(job).getByText(/Owner: RayJob/)).toHaveTextContent(
      'Owner: RayJob train-resnet · Clusters: train-resnet-x7k2p, train-resnet-q9d4m',
    );
    const rows = within(job).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('latest')).toBeInTheDocument();
    expect(within(rows[1]!).queryByText('latest')).not.toBeInTheDocument();
    expect(
      within(rows[0]!).getByRole('link', { name: 'session_2026-01-12_06-15-00_500000_1' }),
    ).toHaveAttribute(
      'href',
      '/c/ml-team/rayjob/train-resnet/session_2026-01-12_06-15-00_500000_1',
    );
    expect(within(rows[0]!).getByRole('cell', { name: 'train-resnet-x7k2p' })).toBeInTheDocument();
    expect(screen.getByText(/Page 1 of 1/)).toBeInTheDocument();
  });

  it('shows how each session ended, failures linking to the failed jobs', async () => {
    renderApp('/clusters');
    const dev = await screen.findByRole('region', { name: 'ml-team / RayCluster / shared-dev' });
    const [known, pending] = within(dev).getAllByRole('row').slice(1);
    expect(within(known!).getByRole('link', { name: '1 failed job: open' })).toHaveAttribute(
      'href',
      '/c/ml-team/raycluster/shared-dev/session_2026-01-11_19-38-40_146706_1/jobs?status=FAILED',
    );
    expect(known).toHaveTextContent(/SUCCEEDED 1.*1 dead node.*10m 30s/);
    expect(pending).toHaveTextContent('not computed yet');
  });

  it('applies filters from the URL on load', async () => {
    let requested: URLSearchParams | undefined;
    server.events.on('request:start', ({ request }) => {
      if (request.url.includes('/api/sessions')) requested = new URL(request.url).searchParams;
    });
    renderApp('/clusters?namespace=ml-team&kind=raycluster');
    expect(await screen.findByRole('heading', { name: /shared-dev/ })).toBeInTheDocument();
    expect(groupHeadings()).toEqual(['ml-team / RayCluster / shared-dev']);
    expect(requested?.get('namespace')).toBe('ml-team');
    expect(requested?.get('kind')).toBe('raycluster');
    expect(screen.getByLabelText('Kind')).toHaveValue('raycluster');
    expect(screen.getByLabelText('Namespace')).toHaveValue('ml-team');
    server.events.removeAllListeners();
  });

  it('puts a changed filter in the URL and goes back to page 1', async () => {
    const app = renderApp('/clusters?pageSize=2&page=2');
    expect(await screen.findByText(/Page 2 of 3/)).toBeInTheDocument();

    await app.user.selectOptions(screen.getByLabelText('Kind'), 'rayjob');
    await waitFor(() => expect(app.query().get('kind')).toBe('rayjob'));
    expect(app.query().get('page')).toBeNull();
    expect(app.query().get('pageSize')).toBe('2');
    expect(await screen.findByText(/Page 1 of 1/)).toBeInTheDocument();
    expect(groupHeadings()).toEqual(['ml-team / RayJob / train-resnet']);
  });

  it('searches by name after typing pauses, replacing the history entry', async () => {
    const app = renderApp('/clusters');
    await screen.findByRole('heading', { name: /shared-dev/ });
    await app.user.type(screen.getByLabelText('Name'), 'llm');
    await waitFor(() => expect(app.query().get('q')).toBe('llm'));
    expect(app.router.state.historyAction).toBe('REPLACE');
    await waitFor(() => expect(groupHeadings()).toEqual(['serving / RayService / llm-serve']));
  });

  it('pages with previous/next links that keep the filters', async () => {
    const app = renderApp('/clusters?pageSize=2&namespace=ml-team');
    expect(await screen.findByText(/Page 1 of 2/)).toBeInTheDocument();
    expect(screen.getByText(/showing 1–2 of 4 sessions/)).toBeInTheDocument();

    await app.user.click(screen.getByRole('link', { name: 'Next page' }));
    expect(await screen.findByText(/Page 2 of 2/)).toBeInTheDocument();
    expect(app.query().get('page')).toBe('2');
    expect(app.query().get('namespace')).toBe('ml-team');
    expect(screen.getByText('Next page')).toHaveAttribute('aria-disabled', 'true');
    // Not the first page, so the newest row here need not be the cluster's latest.
    expect(screen.queryByText('latest')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Previous page' })).toHaveAttribute(
      'href',
      '/clusters?pageSize=2&namespace=ml-team',
    );
  });

  it('says when nothing matches and clears the filters', async () => {
    const app = renderApp('/clusters?q=no-such-cluster&embed=1');
    expect(
      await screen.findByRole('heading', { name: 'No sessions match these filters' }),
    ).toBeInTheDocument();
    const empty = screen.getByRole('region', { name: 'No sessions match these filters' });
    await app.user.click(within(empty).getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(app.location().search).toBe('?embed=1'));
    expect(await screen.findByRole('heading', { name: /shared-dev/ })).toBeInTheDocument();
  });

  it('shows the API error with a retry that fetches again', async () => {
    let calls = 0;
    server.use(
      http.get('*/api/sessions', () => {
        calls += 1;
        return calls === 1
          ? errorResponse(503, 'Service Unavailable', 'storage is unreachable: connect ETIMEDOUT')
          : HttpResponse.json({
              sessions: [],
              total: 0,
              page: 1,
              pageSize: 25,
              namespaces: [],
            });
      }),
    );
    const app = renderApp('/clusters');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load sessions');
    expect(alert).toHaveTextContent('storage is unreachable: connect ETIMEDOUT');
    expect(alert).toHaveTextContent('HTTP status 503');

    await app.user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('heading', { name: 'No sessions recorded yet' }),
    ).toBeInTheDocument();
    expect(calls).toBe(2);
  });
});
