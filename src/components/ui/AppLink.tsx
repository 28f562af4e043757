import { Link, NavLink } from 'react-router';
import type { LinkProps, NavLinkProps } from 'react-router';
import { useAppHref } from '../../lib/embed';

// Links inside the app: same as react-router's, but they keep `?embed=1` and `?theme=`.

export function AppLink({ to, ...rest }: Omit<LinkProps, 'to'> & { to: string }) {
  const href = useAppHref();
  return <Link to={href(to)} {...rest} />;
}

export function AppNavLink({ to, ...rest }: Omit<NavLinkProps, 'to'> & { to: string }) {
  const href = useAppHref();
  return <NavLink to={href(to)} {...rest} />;
}
