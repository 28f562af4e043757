import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import { setApiAuth } from '../lib/api-client';
import type { PublicConfig } from '../../contract/api';
import { AuthContext } from './auth-context';
import type { AuthInfo } from './auth-context';
import { AccessDenied, LoginFailed, PopupDone, SigningIn } from './AuthScreens';
import { apiAuthOf, createLoginSession } from './login-session';
import type { LoginSession } from './login-session';
import './auth.css';

// Boots the login mode named by /config.json before the app renders; mode none is a no-op.

const NO_AUTH: AuthInfo = { mode: 'none', user: null, signOut: null };

export function AuthProvider({ config, children }: { config: PublicConfig; children: ReactNode }) {
  if (config.auth.mode === 'none') return <AuthContext value={NO_AUTH}>{children}</AuthContext>;
  return <LoginGate config={config}>{children}</LoginGate>;
}

function LoginGate({ config, children }: { config: PublicConfig; children: ReactNode }) {
  const [session, setSession] = useState<LoginSession | null>(null);
  const [bootError, setBootError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let uninstall: (() => void) | null = null;
    createLoginSession(config).then(
      (created) => {
        if (cancelled) return;
        uninstall = setApiAuth(apiAuthOf(created.controller));
        setSession(created);
        void created.controller.start();
      },
      (error: unknown) => {
        if (!cancelled) setBootError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      cancelled = true;
      uninstall?.();
    };
  }, [config]);

  if (bootError) return <LoginFailed message={bootError} basePath={config.basePath} />;
  if (!session) return <SigningIn />;
  return (
    <LoginView session={session} config={config}>
      {children}
    </LoginView>
  );
}

function LoginView({
  session,
  config,
  children,
}: {
  session: LoginSession;
  config: PublicConfig;
  children: ReactNode;
}) {
  const { controller } = session;
  const view = useSyncExternalStore(controller.subscribe, controller.view);
  const signOut = useMemo(() => () => void controller.signOut(), [controller]);
  const user = view.status === 'ready' ? view.user : null;
  const info = useMemo<AuthInfo>(
    () => ({ mode: config.auth.mode, user, signOut }),
    [config.auth.mode, user, signOut],
  );

  switch (view.status) {
    case 'checking':
    case 'redirecting':
      return <SigningIn />;
    case 'popup-done':
      return <PopupDone basePath={config.basePath} />;
    case 'failed':
      return <LoginFailed message={view.message} basePath={config.basePath} />;
    case 'forbidden':
      return <AccessDenied message={view.message} basePath={config.basePath} onSignOut={signOut} />;
    case 'ready':
    case 'sign-in': {
      const showApp = view.status === 'ready' || view.resume;
      return (
        <>
          {showApp && (
            // The same element in both states, so the page below a mid-session dialog survives.
            <AuthContext value={info}>
              <div className="auth-app" inert={view.status !== 'ready'}>
                {children}
              </div>
            </AuthContext>
          )}
          {view.status === 'sign-in' &&
            (showApp ? (
              session.signInDialog(view)
            ) : (
              <main className="auth-page">{session.signInDialog(view)}</main>
            ))}
        </>
      );
    }
  }
}
