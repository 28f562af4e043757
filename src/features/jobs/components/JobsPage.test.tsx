import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/render-app';

const SLOW = { timeout: 5000 };
const BASE = '/c/ml-team/raycluster/shared-dev/session_2026-01-11_19-38-40_146706_1';

describe('jobs view', () => {
  it('lists jobs and filters by status through the URL', async () => {
    const app = renderApp(`${BASE}/jobs`);
    const table = await screen.findByRole('table', { name: 'Jobs of this session' }, SLOW);
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    await app.user.selectOptions(screen.getByLabelText('Status'), 'FAILED');
    expect(app.query().get('status')).toBe('FAILED');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByRole('link', { name: '02000000' })).toBeInTheDocument();
  }, 15_000);

  it('opens a job by submission id, with why it failed, its log, progress and lineage filter', async () => {
    const app = renderApp(`${BASE}/jobs/raysubmit_5Xz3aBcD`);
    expect(await screen.findByRole('heading', { name: /Job 02000000/ }, SLOW)).toBeInTheDocument();
    const failure = screen.getByRole('region', { name: /Why it failed/ });
    expect(within(failure).getByLabelText('Exception')).toHaveTextContent(
      'Job entrypoint command failed with exit code 1',
    );
    const cause = await within(failure).findByRole('link', { name: /its stderr lines/ }, SLOW);
    expect(cause.getAttribute('href')).toMatch(/\/tasks\/task\d+\/logs\?attempt=0&tab=err$/);
    expect(screen.getByRole('link', { name: 'Open full log' })).toHaveAttribute(
      'href',
      `${BASE}/jobs/02000000/logs`,
    );
    expect(
      await screen.findByRole('group', { name: 'Task attempts by state' }, SLOW),
    ).toHaveTextContent(/250 task attempts.*FAILED: 1.*FINISHED: 249/);
    const lineage = await screen.findByRole('list', { name: 'Task lineage' }, SLOW);
    await app.user.click(within(lineage).getByRole('button', { name: 'preprocess' }));
    expect(app.query().get('name')).toBe('preprocess');
    expect(await screen.findByText(/rows 1–100 of 124/, undefined, SLOW)).toBeInTheDocument();
  }, 15_000);
});
