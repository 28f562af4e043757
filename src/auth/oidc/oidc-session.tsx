import type { PublicConfig } from '../../../contract/api';
import { isFramed } from '../embedding/parent-channel';
import { parentOriginsOf } from '../embedding/parent-origins';
import type { LoginSession } from '../login-session';
import { OidcController } from './oidc-controller';
import { SignInDialog } from './SignInDialog';
import { createUserManager, loginStorage } from './user-manager';

export function createOidcSession(config: PublicConfig): LoginSession {
  const oidc = config.auth.oidc;
  if (!oidc) throw new Error('The server runs AUTH_MODE=oidc but sent no OIDC settings.');
  const framed = isFramed();
  const storage = loginStorage();
  const controller = new OidcController({
    manager: createUserManager(oidc, config.basePath, storage),
    storage,
    basePath: config.basePath,
    framed,
    parentOrigins: parentOriginsOf(config),
  });
  return {
    controller,
    signInDialog: (view) => (
      <SignInDialog
        onSignIn={() => controller.signIn()}
        signedOut={view.signedOut}
        problem={view.problem}
        framed={framed}
      />
    ),
  };
}
