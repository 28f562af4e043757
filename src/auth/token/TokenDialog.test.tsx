import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { mockConfig } from '../../../mocks/handlers';
import { server } from '../../../mocks/server';
import { apiGet } from '../../lib/api-client';
import { AuthProvider } from '../AuthProvider';
import { useAuth } from '../auth-context';

// Token mode against MSW standing in for the server's cookie session.

const GOOD_TOKEN = 'correct-horse-battery';

/** The server side of token mode: the cookie is a flag here, set by a good token. */
function tokenServer() {
  let cookie = false;
  const authenticateHeaders: (string | null)[] = [];
  const handlers = [
    http.post('*/api/authenticate', ({ request }) => {
      const authorization = request.headers.get('authorization');
      authenticateHeaders.push(authorization);
      if (authorization !== `Bearer ${GOOD_TOKEN}`) {
        return HttpResponse.json(
          { statusCode: 401, error: 'Unauthorized', message: 'Invalid token' },
          { status: 401 },
        );
      }
      cookie = true;
      return new HttpResponse(null, { status: 204 });
    }),
    http.post('*/api/logout', () => {
      cookie = false;
      return new HttpResponse(null, { status: 204 });
    }),
    http.get('*/api/auth/me', () =>
      cookie
        ? HttpResponse.json({ mode: 'token', user: null })
        : HttpResponse.json({ message: 'Authentication token required' }, { status: 401 }),
    ),
    http.get('*/api/data', () =>
      cookie
        ? HttpResponse.json({ rows: 3 })
        : HttpResponse.json({ message: 'Authentication token required' }, { status: 401 }),
    ),
  ];
  return {
    handlers,
    authenticateHeaders,
    expireCookie: () => {
      cookie = false;
    },
  };
}

/** A page with state of its own (to prove it survives) that loads data on demand. */
function Page() {
  const [typed, setTyped] = useState('');
  const [rows, setRows] = useState<string>('none');
  const { signOut } = useAuth();
  return (
    <main>
      <label>
        Notes
        <input value={typed} onChange={(e) => setTyped(e.target.value)} />
      </label>
      <button
        type="button"
        onClick={() =>
          void apiGet<{ rows: number }>('/api/data').then(
            (d) => setRows(String(d.rows)),
            (e: Error) => setRows(`error ${e.message}`),
          )
        }
      >
        Load
      </button>
      <p>rows: {rows}</p>
      {signOut && (
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      )}
    </main>
  );
}

function renderTokenApp() {
  const fake = tokenServer();
  server.use(...fake.handlers);
  const user = userEvent.setup();
  render(
    <AuthProvider config={{ ...mockConfig, auth: { mode: 'token' } }}>
      <Page />
    </AuthProvider>,
  );
  return { ...fake, user };
}

const dialog = () => screen.findByRole('dialog', { name: 'Authentication token required' });

// Role queries are slow in jsdom on a loaded machine; the budget is generous, the tests are not.
describe('token mode', { timeout: 20_000 }, () => {
  it('asks for the token, rejects a wrong one with a clear error, accepts the right one', async () => {
    const { user, authenticateHeaders } = renderTokenApp();
    const box = await dialog();
    expect(screen.queryByRole('button', { name: 'Load' })).not.toBeInTheDocument();
    const field = screen.getByLabelText('Token');
    expect(field).toHaveAttribute('type', 'password');
    await waitFor(() => expect(field).toHaveFocus());

    await user.type(field, 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That token was not accepted');
    expect(box).toBeInTheDocument();

    await user.clear(field);
    await user.type(field, `${GOOD_TOKEN}{Enter}`);
    expect(await screen.findByRole('button', { name: 'Load' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(authenticateHeaders).toEqual(['Bearer wrong', `Bearer ${GOOD_TOKEN}`]);
  });

  it('reopens the dialog on a later 401, keeps the page, and finishes the request after', async () => {
    const { user, expireCookie } = renderTokenApp();
    await user.type(await screen.findByLabelText('Token'), `${GOOD_TOKEN}{Enter}`);
    const notes = await screen.findByLabelText('Notes');
    await user.type(notes, 'half-written thought');

    expireCookie();
    await user.click(screen.getByRole('button', { name: 'Load' }));
    await dialog();
    // The page is still there underneath, unreachable until the dialog is done.
    expect(screen.getByDisplayValue('half-written thought')).toBeInTheDocument();
    expect(notes.closest('[inert]')).not.toBeNull();

    await user.type(screen.getByLabelText('Token'), `${GOOD_TOKEN}{Enter}`);
    expect(await screen.findByText('rows: 3')).toBeInTheDocument();
    expect(screen.getByDisplayValue('half-written thought')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('signs out: the dialog comes back and says so', async () => {
    const { user } = renderTokenApp();
    await user.type(await screen.findByLabelText('Token'), `${GOOD_TOKEN}{Enter}`);
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await dialog()).toHaveTextContent('You signed out.');
  });
});
