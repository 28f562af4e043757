import { useAuth } from './auth-context';
import './auth.css';

/** The signed-in user's name and the way out, in the top bar. */
export function UserMenu() {
  const { user, signOut } = useAuth();
  if (!signOut) return null;
  return (
    <div className="user-menu">
      {user && (
        <span className="user-menu__name" title={user.name}>
          <span className="visually-hidden">Signed in as </span>
          {user.name}
        </span>
      )}
      <button type="button" className="user-menu__sign-out" onClick={signOut}>
        Sign out
      </button>
    </div>
  );
}
