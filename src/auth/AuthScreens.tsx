import type { ReactNode } from 'react';
import { Skeleton } from '../components/ui/Skeleton';
import './auth.css';

// The full-page states of the login: each a small centred card, no app chrome.

export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="boot-status auth-card" aria-labelledby="auth-card-title">
      <h1 id="auth-card-title" className="auth-card__title">
        {title}
      </h1>
      {children}
    </main>
  );
}

export function SigningIn() {
  return (
    <main className="boot-status">
      <Skeleton label="Signing in" lines={2} />
    </main>
  );
}

/** The login popup's last page; it normally closes before anyone reads it. */
export function PopupDone({ basePath }: { basePath: string }) {
  return (
    <AuthCard title="Sign-in finished">
      <p>The dashboard has the answer from your identity provider. You can close this window.</p>
      <p>
        Opened this page yourself? <a href={`${basePath}/`}>Continue to the dashboard</a>.
      </p>
    </AuthCard>
  );
}

export function LoginFailed({ message, basePath }: { message: string; basePath: string }) {
  return (
    <AuthCard title="The login did not complete">
      <p role="alert" className="auth-card__problem">
        {message}
      </p>
      <a className="ui-button" href={`${basePath}/`}>
        Try again
      </a>
    </AuthCard>
  );
}

/** The server refused the signed-in user (403): its message, and ways out. */
export function AccessDenied({
  message,
  basePath,
  onSignOut,
}: {
  message: string;
  basePath: string;
  onSignOut: (() => void) | null;
}) {
  return (
    <AuthCard title="Access denied">
      <p>You are signed in, but this dashboard does not let you see this.</p>
      <p role="alert" className="auth-card__problem">
        {message}
      </p>
      <div className="auth-card__actions">
        <a className="ui-button" href={`${basePath}/clusters`}>
          Go to the sessions list
        </a>
        {onSignOut && (
          <button type="button" className="ui-button" onClick={onSignOut}>
            Sign in as someone else
          </button>
        )}
      </div>
    </AuthCard>
  );
}
