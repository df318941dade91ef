// @jsxRuntime automatic
// @jsxImportSource preact
import type { HistoryEntry } from '../admin-api/products.js';
import { Layout, type PageContext } from './layout.js';

const text = (value: unknown) =>
  value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

/** Fields that differ between before and after (bookkeeping columns left out). */
function changesOf(entry: HistoryEntry): { field: string; before: unknown; after: unknown }[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const bookkeeping of ['id', 'version', 'created_at', 'updated_at', 'currency', 'in_stock']) {
    fields.delete(bookkeeping);
  }
  return [...fields]
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

export function HistoryPage(props: {
  context: PageContext;
  id: number;
  name: string;
  entries: readonly HistoryEntry[];
}) {
  return (
    <Layout title={`History: ${props.name}`} context={props.context}>
      <h1>{`Change history of “${props.name}”`}</h1>
      <p>
        <a href={`/products/${props.id}`}>Back to the product</a>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Change</th>
            <th scope="col">By</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {[...props.entries].reverse().map((entry) => (
            <tr>
              <td>{entry.at.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')}</td>
              <td>{entry.action}</td>
              <td>{entry.actor}</td>
              <td>
                <ul>
                  {changesOf(entry).map((change) => (
                    <li>{`${change.field}: ${text(change.before)} → ${text(change.after)}`}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
