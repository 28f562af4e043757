import { paths } from '../../config/paths';
import { AppLink, AppNavLink } from '../../components/ui/AppLink';
import type { SessionScope } from '../../types/api';
import { ThemeToggle } from './ThemeToggle';
import { TimezoneSelect } from './TimezoneSelect';

/** Product name, the current session's sections, and the display settings. */
export function TopNav({ scope }: { scope: SessionScope | null }) {
  return (
    <header className="top-nav">
      <AppLink to={paths.clusters()} className="top-nav__product">
        Ray History Dashboard
      </AppLink>
      {scope && (
        <nav aria-label="Session" className="top-nav__sections">
          <ul>
            <li>
              <AppNavLink to={paths.session(scope)} end>
                Overview
              </AppNavLink>
            </li>
          </ul>
        </nav>
      )}
      <div className="top-nav__settings">
        <TimezoneSelect insideSession={scope !== null} />
        <ThemeToggle />
      </div>
    </header>
  );
}
