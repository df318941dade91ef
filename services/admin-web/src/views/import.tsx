// @jsxRuntime automatic
// @jsxImportSource preact
import type { FieldError } from '@mystore/catalog-rules';
import type { ImportResult } from '../admin-api/products.js';
import { CsrfField, Layout, type PageContext } from './layout.js';

function UploadForm({ context }: { context: PageContext }) {
  return (
    <form method="post" action="/import" enctype="multipart/form-data">
      <CsrfField token={context.csrf} />
      <div class="field">
        <label for="file">CSV file</label>
        <span id="file-hint" class="hint">
          A header row, then one product per row: sku, name, description, price, category, stock_quantity,
          image_url, is_active. An export imports back as it is.
        </span>
        <input
          id="file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          aria-describedby="file-hint"
        />
      </div>
      <button type="submit">Check the file</button>
    </form>
  );
}

/** `row 3: price` → row 3, field price. */
function splitName(name: string): { row: string; field: string } {
  const match = /^row (\d+)(?:: (.+))?$/.exec(name);
  return match ? { row: match[1]!, field: match[2] ?? '' } : { row: '', field: name };
}

function RowErrors({ errors }: { errors: readonly FieldError[] }) {
  return (
    <table>
      <caption>Rows to correct</caption>
      <thead>
        <tr>
          <th scope="col" class="num">
            Row
          </th>
          <th scope="col">Column</th>
          <th scope="col">Problem</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((error) => {
          const { row, field } = splitName(error.name);
          return (
            <tr>
              <td class="num">{row}</td>
              <td>{field}</td>
              <td>{error.detail}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ImportPage(props: {
  context: PageContext;
  /** The dry run refused the file: nothing was imported. */
  rejected?: { detail: string; errors: readonly FieldError[]; fileName: string };
}) {
  return (
    <Layout title="Import products" context={props.context}>
      <h1>Import products from CSV</h1>
      <p>
        The file is checked first; nothing changes until you apply it, and then every row is imported or none.
      </p>
      {props.rejected && (
        <section class="notice error" role="alert" aria-labelledby="rejected-title">
          <h2 id="rejected-title">{`${props.rejected.fileName} cannot be imported; nothing was imported`}</h2>
          <p>{props.rejected.detail}</p>
          {props.rejected.errors.length > 0 && <RowErrors errors={props.rejected.errors} />}
        </section>
      )}
      <UploadForm context={props.context} />
    </Layout>
  );
}

const ACTION_WORDS = { create: 'new product', update: 'update', unchanged: 'unchanged' } as const;

export function ImportPreviewPage(props: {
  context: PageContext;
  fileName: string;
  result: ImportResult;
  /** The checked file, carried to the apply step unchanged (base64, so no byte is normalized). */
  csvBase64: string;
  idempotencyKey: string;
}) {
  const { result } = props;
  return (
    <Layout title="Import preview" context={props.context}>
      <h1>{`Preview of ${props.fileName}`}</h1>
      <p role="status">
        {`Nothing is imported yet. Applying it creates ${result.created}, updates ${result.updated} and leaves ${result.unchanged} unchanged.`}
      </p>
      <form method="post" action="/import/apply" class="actions">
        <CsrfField token={props.context.csrf} />
        <input type="hidden" name="idempotency_key" value={props.idempotencyKey} />
        <input type="hidden" name="file_name" value={props.fileName} />
        <input type="hidden" name="csv" value={props.csvBase64} />
        <button type="submit">Apply the import</button>
        <a href="/import">Choose another file</a>
      </form>
      <table>
        <caption>What each row does</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              Row
            </th>
            <th scope="col">Action</th>
            <th scope="col">SKU</th>
            <th scope="col">Product</th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((row) => (
            <tr>
              <td class="num">{row.row}</td>
              <td>{ACTION_WORDS[row.action]}</td>
              <td>{row.sku ?? ''}</td>
              <td>{row.id === null ? '(new)' : <a href={`/products/${row.id}`}>{`#${row.id}`}</a>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
