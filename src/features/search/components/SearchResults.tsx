import { AppLink } from '../../../components/ui/AppLink';
import { paths } from '../../../../contract/paths';
import type { SessionScope } from '../../../../contract/api';
import type { FileHits } from '../search-results';
import { SearchHitText } from './SearchHitText';

/** Hits grouped by file; each hit links to its line in the log viewer. */
export function SearchResults({ scope, files }: { scope: SessionScope; files: FileHits[] }) {
  return (
    <div className="search-results">
      {files.map((group) => (
        <section
          key={`${group.nodeId}/${group.file}`}
          className="search-results__file"
          aria-label={`${group.file} on ${group.nodeId}`}
        >
          <h2 className="search-results__name">
            <AppLink to={paths.logFile(scope, group.nodeId, group.file)} className="mono">
              {group.file}
            </AppLink>{' '}
            <span className="search-results__node mono">{group.nodeId.slice(0, 12)}</span>{' '}
            <span className="search-results__count">
              {group.matches.length} {group.matches.length === 1 ? 'match' : 'matches'}
            </span>
          </h2>
          <ol className="search-results__hits">
            {group.matches.map((hit) => (
              <li key={hit.offset}>
                {hit.before.map((line, i) => (
                  <pre key={`b${i}`} className="search-results__context">
                    {line}
                  </pre>
                ))}
                <AppLink
                  to={paths.logFile(scope, hit.nodeId, hit.file, [hit.line])}
                  className="search-results__hit"
                  aria-label={`${hit.file} line ${hit.line}`}
                >
                  <span className="search-results__line">{hit.line}</span>
                  <pre>
                    <SearchHitText text={hit.text} ranges={hit.ranges} />
                  </pre>
                </AppLink>
                {hit.after.map((line, i) => (
                  <pre key={`a${i}`} className="search-results__context">
                    {line}
                  </pre>
                ))}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
