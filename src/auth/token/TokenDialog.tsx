import { useState } from 'react';
import type { FormEvent } from 'react';
import { AuthDialog } from '../AuthDialog';

/** "Authentication token required": asks for the shared token and trades it for the cookie. */
export function TokenDialog({
  onSubmit,
  signedOut,
  problem,
}: {
  onSubmit: (token: string) => Promise<void>;
  signedOut: boolean;
  problem: string | null;
}) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(problem);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(token);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The token could not be checked.');
      setBusy(false);
    }
  }

  return (
    <AuthDialog
      title="Authentication token required"
      description={
        <p>
          {signedOut ? 'You signed out. ' : ''}This dashboard is protected by a shared token. Enter
          it once; the browser keeps the session until you sign out.
        </p>
      }
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label className="auth-dialog__field">
          Token
          <input
            type="password"
            name="token"
            autoComplete="current-password"
            required
            value={token}
            onChange={(event) => setToken(event.target.value)}
            aria-invalid={error !== null}
            aria-describedby={error ? 'token-dialog-error' : undefined}
          />
        </label>
        {error && (
          <p id="token-dialog-error" role="alert" className="auth-dialog__problem">
            {error}
          </p>
        )}
        <div className="auth-dialog__actions">
          <button type="submit" className="ui-button" disabled={busy}>
            {busy ? 'Checking…' : 'Sign in'}
          </button>
        </div>
      </form>
    </AuthDialog>
  );
}
