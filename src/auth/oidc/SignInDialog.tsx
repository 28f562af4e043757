import { AuthDialog } from '../AuthDialog';

/** Sign-in that needs a click: inside a frame (popup login) or after signing out. */
export function SignInDialog({
  onSignIn,
  signedOut,
  problem,
  framed,
}: {
  onSignIn: () => void;
  signedOut: boolean;
  problem: string | null;
  framed: boolean;
}) {
  return (
    <AuthDialog
      title={signedOut ? 'You are signed out' : 'Sign in to the Ray History Dashboard'}
      description={
        <p>
          {framed
            ? 'Sign-in opens in a small window; allow pop-ups for this page if nothing appears.'
            : 'Sign in with your organisation account to see the history of your Ray clusters.'}
        </p>
      }
    >
      {problem && (
        <p role="alert" className="auth-dialog__problem">
          {problem}
        </p>
      )}
      <div className="auth-dialog__actions">
        <button type="button" className="ui-button" onClick={onSignIn}>
          Sign in
        </button>
      </div>
    </AuthDialog>
  );
}
