import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RouterProvider, createMemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Tabs } from './Tabs';

const TABS = ['stdout', 'stderr', 'traceback'].map((id) => ({
  id,
  label: id,
  content: () => <p>{`${id} content`}</p>,
}));

function renderTabs(url = '/logs') {
  const router = createMemoryRouter(
    [{ path: '/logs', element: <Tabs label="Logs" tabs={TABS} /> }],
    {
      initialEntries: [url],
    },
  );
  render(<RouterProvider router={router} />);
  return {
    user: userEvent.setup(),
    tab: () => new URLSearchParams(router.state.location.search).get('tab'),
  };
}

const selected = () => screen.getByRole('tab', { selected: true });

describe('Tabs', () => {
  it('shows the tab ?tab= names, the first one otherwise', () => {
    renderTabs('/logs?tab=stderr');
    expect(selected()).toHaveTextContent('stderr');
    expect(screen.getByRole('tabpanel')).toHaveTextContent('stderr content');
  });

  it('selects on click and keeps the choice in the URL', async () => {
    const { user, tab } = renderTabs();
    expect(selected()).toHaveTextContent('stdout');
    await user.click(screen.getByRole('tab', { name: 'traceback' }));
    expect(tab()).toBe('traceback');
    expect(screen.getByRole('tabpanel')).toHaveTextContent('traceback content');
  });

  it('moves with the arrows (wrapping), Home and End, focusing what it selects', async () => {
    const { user } = renderTabs();
    await user.tab();
    expect(screen.getByRole('tab', { name: 'stdout' })).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(selected()).toHaveTextContent('stderr');
    expect(selected()).toHaveFocus();
    await user.keyboard('{End}');
    expect(selected()).toHaveTextContent('traceback');
    await user.keyboard('{ArrowRight}');
    expect(selected()).toHaveTextContent('stdout');
    await user.keyboard('{ArrowLeft}');
    expect(selected()).toHaveTextContent('traceback');
    await user.keyboard('{Home}');
    expect(selected()).toHaveTextContent('stdout');
    expect(selected()).toHaveFocus();
  });

  it('keeps only the selected tab in the Tab order', () => {
    renderTabs();
    const tabIndexes = screen.getAllByRole('tab').map((tab) => tab.getAttribute('tabindex'));
    expect(tabIndexes).toEqual(['0', '-1', '-1']);
  });
});
