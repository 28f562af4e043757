import type { LoginSession } from '../login-session';
import { TokenController } from './token-controller';
import { TokenDialog } from './TokenDialog';

export function createTokenSession(): LoginSession {
  const controller = new TokenController();
  return {
    controller,
    signInDialog: (view) => (
      <TokenDialog
        onSubmit={(token) => controller.submit(token)}
        signedOut={view.signedOut}
        problem={view.problem}
      />
    ),
  };
}
