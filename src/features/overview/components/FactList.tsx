import type { Fact } from '../cluster-metadata-facts';

/** Label/value pairs; a value the session did not record says so instead of showing blank. */
export function FactList({ facts }: { facts: Fact[] }) {
  return (
    <dl className="facts">
      {facts.map((fact) => (
        <div key={fact.label} className="facts__row">
          <dt>{fact.label}</dt>
          <dd className={fact.value === null ? 'facts__missing' : fact.mono ? 'mono' : undefined}>
            {fact.value ?? 'not recorded'}
          </dd>
        </div>
      ))}
    </dl>
  );
}
