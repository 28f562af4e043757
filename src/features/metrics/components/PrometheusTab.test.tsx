import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { errorResponse } from '../../../../mocks/error-response';
import { server } from '../../../../mocks/server';
import { renderApp } from '../../../test/render-app';
import type {
  PrometheusCatalogue,
  PrometheusSeries,
} from '../../../../contract/metrics/prometheus-types';

const SESSION = 'session_2026-01-11_19-38-40_146706_1';
const PAGE = `/c/ml-team/raycluster/shared-dev/${SESSION}/metrics`;
const SCOPE = '*/api/c/:namespace/:kind/:name/:session';

const catalogue = (configured: boolean): PrometheusCatalogue => ({
  configured,
  metrics: [
    { id: 'node-cpu', title: 'Node CPU utilisation', unit: 'percent', description: 'cpu' },
    { id: 'node-gpu', title: 'GPU utilisation', unit: 'percent', description: 'gpu' },
    { id: 'tasks-by-state', title: 'Tasks by state', unit: 'tasks', description: 'tasks' },
  ],
});

const series = (id: string, values: (number | null)[][]): PrometheusSeries => ({
  metric: { ...catalogue(true).metrics.find((m) => m.id === id)! },
  window: { startMs: 0, endMs: 2000, stepMs: 1000 },
  times: [0, 1000, 2000],
  series: values.map((v, i) => ({ name: `10.0.0.${i}:8080`, labels: {}, values: v })),
  omittedSeries: 0,
});

function prometheusHandlers(configured: boolean, failTasks: () => boolean) {
  const asked: string[] = [];
  server.use(
    http.get(`${SCOPE}/metrics/prometheus`, () => HttpResponse.json(catalogue(configured))),
    http.get(`${SCOPE}/metrics/prometheus/:id`, ({ params }) => {
      const id = params.id as string;
      asked.push(id);
      if (id === 'node-cpu') return HttpResponse.json(series(id, [[37.5, 40, 42]]));
      if (id === 'node-gpu') return HttpResponse.json(series(id, []));
      if (failTasks())
        return errorResponse(502, 'Bad Gateway', 'Prometheus is unreachable: connect ECONNREFUSED');
      return HttpResponse.json(series(id, [[1, 2, 3]]));
    }),
  );
  return asked;
}

describe('the Prometheus tab', () => {
  it('says how to configure Prometheus when the server has none, without querying', async () => {
    const asked = prometheusHandlers(false, () => false);
    renderApp(`${PAGE}?tab=prometheus`);
    const hint = await screen.findByRole('status', { name: 'Prometheus setup' });
    expect(hint).toHaveTextContent('Prometheus is not configured');
    expect(hint).toHaveTextContent('PROMETHEUS_URL');
    expect(hint).toHaveTextContent('PROMETHEUS_HEADERS');
    expect(asked).toEqual([]);
  });

  it('charts each catalogue metric with its own empty and error states, and retries a failed one', async () => {
    let fail = true;
    const asked = prometheusHandlers(true, () => fail);
    const { user } = renderApp(`${PAGE}?tab=prometheus`);
    expect(await screen.findByRole('tab', { name: 'Prometheus' })).toHaveAttribute(
      'aria-selected',
      'true',
    );

    const cpu = await screen.findByRole('figure', { name: 'Node CPU utilisation' });
    await waitForChart(cpu);

    const gpu = screen.getByRole('figure', { name: 'GPU utilisation' });
    expect(await within(gpu).findByText(/No samples labelled/)).toHaveTextContent(
      `SessionName="${SESSION}"`,
    );

    const tasks = screen.getByRole('figure', { name: 'Tasks by state' });
    const alert = await within(tasks).findByRole('alert');
    expect(alert).toHaveTextContent('Could not query Tasks by state');
    expect(alert).toHaveTextContent('Prometheus is unreachable: connect ECONNREFUSED');
    expect(alert).toHaveTextContent('HTTP status 502');

    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitForChart(tasks);
    expect(within(tasks).queryByRole('alert')).not.toBeInTheDocument();
    expect(asked.sort()).toEqual(['node-cpu', 'node-gpu', 'tasks-by-state', 'tasks-by-state']);
  });

  it('is a tab of the metrics page that the URL remembers', async () => {
    prometheusHandlers(true, () => false);
    server.use(
      http.get(`${SCOPE}/metrics/native`, () => errorResponse(500, 'Internal', 'not under test')),
    );
    const { user, query } = renderApp(PAGE);
    await user.click(await screen.findByRole('tab', { name: 'Prometheus' }));
    expect(query().get('tab')).toBe('prometheus');
    expect(await screen.findByRole('figure', { name: 'Node CPU utilisation' })).toBeVisible();
  });
});

/** The lazy recharts chunk mounted (jsdom has no layout, so the SVG itself stays empty). */
async function waitForChart(figure: HTMLElement) {
  await within(figure).findByText((_, el) =>
    Boolean(el?.classList.contains('recharts-responsive-container')),
  );
}
