/**
 * A table's header row (Utrecht's table classes on plain elements): one column header
 * (`<th scope="col">`) per label, in order.
 */
export function ColumnHeaders({ labels }: { labels: readonly string[] }) {
  return (
    <thead className="utrecht-table__header">
      <tr className="utrecht-table__row">
        {labels.map((label) => (
          <th className="utrecht-table__header-cell" scope="col" key={label}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
