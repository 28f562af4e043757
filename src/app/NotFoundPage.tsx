import { useLocation } from 'react-router';
import { paths } from '../../contract/paths';
import { AppLink } from '../components/ui/AppLink';
import { useDocumentTitle } from '../lib/use-document-title';

/** Any URL the app does not know, including /c/... URLs whose parts are not valid names. */
export function NotFoundPage() {
  const { pathname } = useLocation();
  useDocumentTitle('Page not found');
  return (
    <section aria-labelledby="not-found-title">
      <h1 id="not-found-title" className="page-title">
        No page at <code>{pathname}</code>
      </h1>
      <p>
        The address may be mistyped, or name a kind or session that does not exist (kinds are
        raycluster, rayjob and rayservice; sessions look like{' '}
        <code>session_2026-01-11_19-38-40_146706_1</code> or <code>latest</code>).
      </p>
      <p>
        <AppLink to={paths.clusters()}>Browse all sessions</AppLink>
      </p>
    </section>
  );
}
