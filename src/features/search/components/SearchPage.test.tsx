import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEAD_NODE } from '../../../../mocks/logs-data';
import { renderApp } from '../../../test/render-app';

const SESSION = '/c/ml-team/raycluster/shared-dev/session_2026-01-11_19-38-40_146706_1';

describe('session log search', () => {
  it('streams hits grouped by file, marks the match, and links to the line', async () => {
    renderApp(`${SESSION}/search?q=marker-dead`);
    const file = await screen.findByRole(
      'region',
      { name: `raylet.out on ${DEAD_NODE}` },
      { timeout: 5000 },
    );
    const hit = within(file).getByRole('link', { name: 'raylet.out line 2' });
    expect(hit).toHaveAttribute('href', `${SESSION}/logs/${DEAD_NODE}/raylet.out#L2`);
    expect(within(hit).getByText('MARKER-DEAD', { selector: 'mark' })).toBeInTheDocument();
    expect(await screen.findByText(/1 match in 1 file · 6 of 6 files scanned/)).toBeInTheDocument();
  });

  it('puts a submitted search in the URL', async () => {
    const { user, query } = renderApp(`${SESSION}/search`);
    await user.type(await screen.findByLabelText('Text', {}, { timeout: 5000 }), 'raylet');
    await user.click(screen.getByLabelText('Match case'));
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(query().get('q')).toBe('raylet');
    expect(query().get('mode')).toBe('case');
    expect(await screen.findAllByRole('link', { name: /line 1$/ })).not.toHaveLength(0);
  });

  it('refuses a regex that does not compile', async () => {
    const { user } = renderApp(`${SESSION}/search`);
    await user.click(await screen.findByLabelText('Regex', {}, { timeout: 5000 }));
    await user.type(screen.getByLabelText('Text'), '(oops');
    expect(screen.getByRole('alert')).toHaveTextContent('Not a valid regular expression');
    expect(screen.getByRole('button', { name: 'Search' })).toBeDisabled();
  });
});
