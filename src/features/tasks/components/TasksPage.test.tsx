import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/render-app';

const SLOW = { timeout: 5000 };
const BASE = '/c/ml-team/raycluster/shared-dev/session_2026-01-11_19-38-40_146706_1';

describe('tasks view', () => {
  it('pages through the server and says which rows are shown', async () => {
    const app = renderApp(`${BASE}/tasks`);
    expect(await screen.findByText(/rows 1–100 of 250/, undefined, SLOW)).toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: 'Last page' }));
    expect(await screen.findByText(/rows 201–250 of 250/, undefined, SLOW)).toBeInTheDocument();
    expect(app.query().get('page')).toBe('3');
  }, 15_000);

  it('filters by a state counter and keeps the filter in the URL', async () => {
    const app = renderApp(`${BASE}/tasks?page=2`);
    const counters = await screen.findByRole('list', { name: 'Attempts by state' }, SLOW);
    await app.user.click(within(counters).getByRole('button', { name: /FAILED/ }));
    expect(await screen.findByText(/rows 1–1 of 1/, undefined, SLOW)).toBeInTheDocument();
    expect(app.query().get('state')).toBe('FAILED');
    expect(app.query().get('page')).toBeNull();
  }, 15_000);

  it('sorts through the server when a header is clicked', async () => {
    const app = renderApp(`${BASE}/tasks`);
    await screen.findByText(/rows 1–100 of 250/, undefined, SLOW);
    await app.user.click(screen.getByRole('button', { name: /Duration/ }));
    expect(app.query().get('sort')).toBe('duration_ms');
    expect(screen.getByRole('columnheader', { name: /Duration/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
  }, 15_000);

  it('shows a failed attempt with its traceback and why its logs are missing', async () => {
    renderApp(`${BASE}/tasks/task0001?attempt=0`);
    expect(await screen.findByText(/ValueError: loss is NaN/, undefined, SLOW)).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Error: TASK_EXECUTION_EXCEPTION' }),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/No log info recorded for this attempt/)).toHaveLength(2);
    expect(screen.getByRole('link', { name: /Attempt 1 \(FINISHED\)/ })).toBeInTheDocument();
  }, 15_000);
});
