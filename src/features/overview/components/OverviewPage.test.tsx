import { screen, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { errorResponse } from '../../../../mocks/error-response';
import { server } from '../../../../mocks/server';
import { renderApp } from '../../../test/render-app';

const SESSION = 'session_2026-01-11_19-38-40_146706_1';

function fact(panel: HTMLElement, label: string) {
  const term = within(panel).getByText(label, { selector: 'dt' });
  return term.nextElementSibling?.textContent;
}

describe('session overview', () => {
  it('shows the session identity and the recorded cluster metadata', async () => {
    renderApp(`/c/ml-team/raycluster/shared-dev/${SESSION}`);
    const metadata = await screen.findByRole('region', { name: 'Cluster metadata' });
    expect(await within(metadata).findByText('2.53.0')).toBeInTheDocument();
    expect(fact(metadata, 'Python version')).toBe('3.11.9');
    expect(fact(metadata, 'Operating system')).toBe('linux');

    const identity = screen.getByRole('region', { name: 'Session' });
    expect(fact(identity, 'Namespace')).toBe('ml-team');
    expect(fact(identity, 'Kind')).toBe('RayCluster');
    expect(fact(identity, 'Cluster')).toBe('shared-dev');
    expect(fact(identity, 'Session')).toBe(SESSION);
    expect(within(identity).queryByText(/^Owner/)).not.toBeInTheDocument();
  });

  it('resolves latest, shows the owner, and says which metadata was not recorded', async () => {
    renderApp('/c/ml-team/rayjob/train-resnet/latest');
    const identity = await screen.findByRole('region', { name: 'Session' });
    expect(fact(identity, 'Session')).toBe('session_2026-01-12_06-15-00_500000_1');
    expect(fact(identity, 'Owner (RayJob)')).toBe('train-resnet');
    expect(fact(identity, 'Cluster')).toBe('train-resnet-x7k2p');
    expect(screen.getByRole('link', { name: 'Link to this session itself' })).toHaveAttribute(
      'href',
      '/c/ml-team/rayjob/train-resnet/session_2026-01-12_06-15-00_500000_1',
    );

    const metadata = screen.getByRole('region', { name: 'Cluster metadata' });
    expect(await within(metadata).findByText('2.52.1')).toBeInTheDocument();
    expect(fact(metadata, 'Operating system')).toBe('not recorded');
  });

  it("shows the server's note when storage never captured the metadata", async () => {
    renderApp('/c/serving/rayservice/llm-serve/latest');
    const metadata = await screen.findByRole('region', { name: 'Cluster metadata' });
    expect(
      await within(metadata).findByText('Cluster metadata was not recorded for this session'),
    ).toBeInTheDocument();
    expect(fact(metadata, 'Ray version')).toBe('not recorded');
  });

  it('treats a 404 for the metadata (upstream servers) as not recorded, not as an error', async () => {
    server.use(
      http.get('*/api/v0/cluster_metadata', () => errorResponse(404, 'Not Found', 'no such file')),
    );
    renderApp(`/c/ml-team/raycluster/shared-dev/${SESSION}`);
    const metadata = await screen.findByRole('region', { name: 'Cluster metadata' });
    expect(await within(metadata).findByText(/did not capture/)).toBeInTheDocument();
    expect(within(metadata).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows other metadata failures with a retry', async () => {
    server.use(
      http.get('*/api/v0/cluster_metadata', () =>
        errorResponse(500, 'Internal Server Error', 'storage read failed'),
      ),
    );
    renderApp(`/c/ml-team/raycluster/shared-dev/${SESSION}`);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('storage read failed');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('shows a session-not-found page with the API message for an unknown session', async () => {
    renderApp('/c/ml-team/raycluster/shared-dev/session_2020-01-01_00-00-00_000000_1');
    expect(await screen.findByRole('heading', { name: 'Session not found' })).toBeInTheDocument();
    expect(
      screen.getByText(
        'No session session_2020-01-01_00-00-00_000000_1 of raycluster ml-team/shared-dev in storage',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'All sessions' })).toHaveAttribute('href', '/clusters');
  });
});
