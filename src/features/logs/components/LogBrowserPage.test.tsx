import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEAD_NODE, EMPTY_NODE, HEAD_NODE } from '../../../../mocks/logs-data';
import { renderApp } from '../../../test/render-app';

const LOGS = '/c/ml-team/raycluster/shared-dev/session_2026-01-11_19-38-40_146706_1/logs';

describe('log browser', () => {
  it('lists nodes, head first, marks dead ones, and shows the head node files by category', async () => {
    renderApp(LOGS);
    const nodes = await screen.findByRole('navigation', { name: 'Nodes' }, { timeout: 5000 });
    const links = within(nodes).getAllByRole('link');
    expect(links[0]).toHaveTextContent('Head node');
    expect(within(nodes).getByText('Dead: Node ran out of memory')).toBeInTheDocument();
    expect(within(nodes).getByText('No logs uploaded')).toBeInTheDocument();

    const drivers = await screen.findByRole('region', { name: 'Job drivers' });
    expect(
      within(drivers).getByRole('link', { name: 'job-driver-raysubmit_abc.log' }),
    ).toHaveAttribute('href', `${LOGS}/${HEAD_NODE}/job-driver-raysubmit_abc.log`);
  });

  it('expands a folder, and filters by name from the query string', async () => {
    const { user } = renderApp(`${LOGS}?node=${HEAD_NODE}&filter=raylet`);
    await screen.findByRole('region', { name: 'Raylet' }, { timeout: 5000 });
    expect(screen.queryByRole('region', { name: 'Job drivers' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /old\// }));
    expect(await screen.findByRole('link', { name: 'raylet.1.out' })).toHaveAttribute(
      'href',
      `${LOGS}/${HEAD_NODE}/old/raylet.1.out`,
    );
  });

  it("keeps a dead node's logs reachable, ", async () => {
    renderApp(`${LOGS}?node=${DEAD_NODE}`);
    expect(
      await screen.findByRole('link', { name: 'raylet.out' }, { timeout: 5000 }),
    ).toHaveAttribute('href', `${LOGS}/${DEAD_NODE}/raylet.out`);
  });

  it('says when a node uploaded no logs', async () => {
    renderApp(`${LOGS}?node=${EMPTY_NODE}`);
    expect(
      await screen.findByRole('region', { name: 'No logs uploaded' }, { timeout: 5000 }),
    ).toBeInTheDocument();
  });
});
