import type { Column } from './types';

/** "Columns" disclosure with one checkbox per hideable column. */
export function ColumnsMenu<Row>({
  columns,
  hidden,
  onToggle,
}: {
  columns: Column<Row>[];
  hidden: Set<string>;
  onToggle: (id: string) => void;
}) {
  const hideable = columns.filter((c) => c.hideable !== false);
  if (hideable.length === 0) return null;
  return (
    <details className="data-table__columns">
      <summary>Columns</summary>
      <fieldset>
        <legend className="visually-hidden">Shown columns</legend>
        {hideable.map((c) => (
          <label key={c.id}>
            <input type="checkbox" checked={!hidden.has(c.id)} onChange={() => onToggle(c.id)} />{' '}
            {c.header}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
