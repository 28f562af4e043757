import { useState } from 'react';
import { useLocation } from 'react-router';
import { UserMenu } from '../../auth/UserMenu';
import { paths } from '../../../contract/paths';
import { AppLink, AppNavLink } from '../../components/ui/AppLink';
import type { SessionScope } from '../../../contract/api';
import { ThemeToggle } from './ThemeToggle';
import { TimezoneSelect } from './TimezoneSelect';

/** Product name, the current session's sections, and the display settings. */
export function TopNav({ scope }: { scope: SessionScope | null }) {
  // On a phone the sections and settings fold behind one "Menu" button (CSS shows the button
  // only on narrow screens); following a link folds them again.
  const { pathname } = useLocation();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  return (
    <header className={open ? 'top-nav top-nav--open' : 'top-nav'}>
      <AppLink to={paths.clusters()} className="top-nav__product">
        Ray History Dashboard
      </AppLink>
      <button
        type="button"
        className="top-nav__menu-button"
        aria-expanded={open}
        aria-controls="top-nav-menu"
        onClick={() => setOpenOn(open ? null : pathname)}
      >
        Menu
      </button>
      <div id="top-nav-menu" className="top-nav__menu">
        {scope && (
          <nav aria-label="Session" className="top-nav__sections">
            <ul>
              <li>
                <AppNavLink to={paths.session(scope)} end>
                  Overview
                </AppNavLink>
              </li>
              <li>
                <AppNavLink to={paths.jobs(scope)}>Jobs</AppNavLink>
              </li>
              <li>
                <AppNavLink to={paths.tasks(scope)}>Tasks</AppNavLink>
              </li>
              <li>
                <AppNavLink to={paths.actors(scope)}>Actors</AppNavLink>
              </li>
              <li>
                <AppNavLink to={paths.nodes(scope)}>Nodes</AppNavLink>
              </li>
              <li>
                <AppNavLink to={paths.timeline(scope)}>Timeline</AppNavLink>
              </li>
              <li>
                <AppNavLink to={paths.events(scope)}>Events</AppNavLink>
              </li>
              <li>
                <AppNavLink to={paths.metrics(scope)}>Metrics</AppNavLink>
              </li>
              <li>
                <AppNavLink to={paths.logs(scope)}>Logs</AppNavLink>
              </li>
              <li>
                <AppNavLink to={paths.search(scope)}>Search</AppNavLink>
              </li>
            </ul>
          </nav>
        )}
        <div className="top-nav__settings">
          <TimezoneSelect insideSession={scope !== null} />
          <ThemeToggle />
          <UserMenu />
        </div>
      </div>
    </header>
  );
}
