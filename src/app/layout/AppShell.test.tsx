import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { server } from '../../../mocks/server';
import { renderApp } from '../../test/render-app';

const SESSION_URL = '/c/ml-team/raycluster/shared-dev/session_2026-01-11_19-38-40_146706_1';

describe('app shell and routes', () => {
  it('redirects / to /clusters, keeping the query string', async () => {
    const app = renderApp('/?namespace=serving&embed=1');
    await waitFor(() => expect(app.location().pathname).toBe('/clusters'));
    expect(app.location().search).toBe('?namespace=serving&embed=1');
  });

  it('shows a not-found page for an unknown URL', async () => {
    renderApp('/c/ml-team/raycluster/shared-dev/latest/no-such-view');
    expect(
      await screen.findByRole('heading', {
        name: 'No page at /c/ml-team/raycluster/shared-dev/latest/no-such-view',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Browse all sessions' })).toHaveAttribute(
      'href',
      '/clusters',
    );
  });

  it('treats an invalid kind or session name as not found, without asking the API', async () => {
    const asked: string[] = [];
    server.events.on('request:start', ({ request }) => void asked.push(request.url));
    renderApp('/c/ml-team/raypod/shared-dev/latest');
    expect(await screen.findByRole('heading', { name: /No page at/ })).toBeInTheDocument();
    renderApp('/c/ml-team/raycluster/shared-dev/session_yesterday');
    expect(await screen.findAllByRole('heading', { name: /No page at/ })).toHaveLength(2);
    server.events.removeAllListeners();
    expect(asked.filter((url) => url.includes('/api/c/'))).toEqual([]);
  });

  it('names the session in the breadcrumb and the navigation', async () => {
    renderApp(SESSION_URL);
    const breadcrumb = await screen.findByRole('navigation', { name: 'Breadcrumb' });
    expect(
      within(breadcrumb)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual([
      'Sessions',
      'ml-team',
      'RayCluster',
      'shared-dev',
      'session_2026-01-11_19-38-40_146706_1',
    ]);
    expect(within(breadcrumb).getByRole('link', { name: 'RayCluster' })).toHaveAttribute(
      'href',
      '/clusters?namespace=ml-team&kind=raycluster',
    );
    const sessionNav = screen.getByRole('navigation', { name: 'Session' });
    expect(within(sessionNav).getByRole('link', { name: 'Overview' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveAttribute(
      'href',
      '#main-content',
    );
  });

  it('hides the chrome with ?embed=1 and keeps embed=1 on links', async () => {
    renderApp('/clusters?embed=1&theme=dark');
    const link = await screen.findByRole('link', { name: 'session_2026-01-11_19-38-40_146706_1' });
    expect(screen.queryByRole('banner')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Skip to content' })).not.toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Theme' })).not.toBeInTheDocument();
    expect(link).toHaveAttribute(
      'href',
      '/c/ml-team/raycluster/shared-dev/session_2026-01-11_19-38-40_146706_1?embed=1&theme=dark',
    );
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('remembers the theme choice and applies it to the page', async () => {
    const app = renderApp('/clusters');
    const theme = await screen.findByRole('group', { name: 'Theme' });
    await app.user.click(within(theme).getByRole('button', { name: 'Dark' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(window.localStorage.getItem('ray-history.theme')).toBe('dark');
    await app.user.click(within(theme).getByRole('button', { name: 'Light' }));
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it("offers the cluster's timezone inside a session and formats times with it", async () => {
    const app = renderApp(SESSION_URL);
    const select = await screen.findByLabelText('Times in');
    const cluster = await within(select).findByRole('option', {
      name: 'Cluster (Asia/Shanghai)',
    });
    await waitFor(() => expect(cluster).toBeEnabled());
    await app.user.selectOptions(select, 'cluster');
    expect(window.localStorage.getItem('ray-history.timezone')).toBe('cluster');
    expect((await screen.findAllByText(/^2026-01-12 03:38:40 \+08:00/))[0]).toBeInTheDocument();

    await app.user.selectOptions(select, 'utc');
    expect((await screen.findAllByText(/^2026-01-11 19:38:40 UTC/))[0]).toBeInTheDocument();
  });

  it('offers only UTC and browser outside a session', async () => {
    renderApp('/clusters');
    const select = await screen.findByLabelText('Times in');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['UTC', 'Browser']);
  });
});
