import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { errorResponse } from '../../mocks/error-response';
import { mockConfig } from '../../mocks/handlers';
import { server } from '../../mocks/server';
import { ConfigGate } from './ConfigGate';

describe('ConfigGate', () => {
  it('shows a loading state, then renders with the server configuration', async () => {
    render(<ConfigGate>{(config) => <p>auth mode {config.auth.mode}</p>}</ConfigGate>);
    expect(
      screen.getByRole('status', { name: /Loading the dashboard configuration/ }),
    ).toBeInTheDocument();
    expect(await screen.findByText('auth mode none')).toBeInTheDocument();
  });

  it('shows the error with a retry that loads the configuration again', async () => {
    let calls = 0;
    server.use(
      http.get('*/config.json', () => {
        calls += 1;
        return calls === 1
          ? errorResponse(500, 'Internal Server Error', 'STORAGE_URL is not set')
          : HttpResponse.json({ ...mockConfig, auth: { mode: 'token' } });
      }),
    );
    render(<ConfigGate>{(config) => <p>auth mode {config.auth.mode}</p>}</ConfigGate>);
    expect(await screen.findByRole('alert')).toHaveTextContent('STORAGE_URL is not set');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('auth mode token')).toBeInTheDocument();
  });
});
