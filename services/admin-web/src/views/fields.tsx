// @jsxRuntime automatic
// @jsxImportSource preact
import type { FieldMessages, FormValues } from '../product-form.js';

export interface FieldSpec {
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly required?: boolean;
  readonly maxLength?: number;
  readonly inputMode?: 'decimal' | 'numeric' | 'url';
  readonly multiline?: boolean;
}

/** The product form's fields, in page order. Limits mirror the shared rules, which decide. */
export const PRODUCT_FIELDS: readonly FieldSpec[] = [
  { name: 'name', label: 'Name', required: true, maxLength: 255 },
  { name: 'sku', label: 'SKU', hint: 'Optional. Letters, digits, ".", "_" or "-"; unique.', maxLength: 64 },
  {
    name: 'price',
    label: 'Price',
    hint: 'For example 19.99 (at most two decimals).',
    required: true,
    inputMode: 'decimal',
  },
  { name: 'stock_quantity', label: 'Stock', hint: 'Units in stock (default 0).', inputMode: 'numeric' },
  { name: 'category', label: 'Category', hint: 'Optional.', maxLength: 100 },
  {
    name: 'image_url',
    label: 'Image URL',
    hint: 'Optional. https://… or a path such as /images/mug.jpg.',
    maxLength: 500,
    inputMode: 'url',
  },
  { name: 'description', label: 'Description', hint: 'Optional.', maxLength: 10_000, multiline: true },
];

/** One labelled input with its hint and, when the value broke a rule, the error right beside it. */
export function Field(props: { spec: FieldSpec; values: FormValues; errors: FieldMessages }) {
  const { spec, values, errors } = props;
  const error = errors[spec.name];
  const hintId = spec.hint ? `${spec.name}-hint` : undefined;
  const errorId = error ? `${spec.name}-error` : undefined;
  const input = {
    id: spec.name,
    name: spec.name,
    required: spec.required,
    maxLength: spec.maxLength,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': [errorId, hintId].filter(Boolean).join(' ') || undefined,
  };
  return (
    <div class="field">
      <label for={spec.name}>{spec.label}</label>
      {spec.hint && (
        <span id={hintId} class="hint">
          {spec.hint}
        </span>
      )}
      {error && (
        <span id={errorId} class="error">
          {`${spec.label} ${error}`}
        </span>
      )}
      {spec.multiline ? (
        <textarea {...input}>{values[spec.name] ?? ''}</textarea>
      ) : (
        <input
          {...input}
          type="text"
          inputMode={spec.inputMode}
          value={values[spec.name] ?? ''}
          autocomplete="off"
        />
      )}
    </div>
  );
}

/** The errors of a form listed at its top, each a link to its field. */
export function ErrorSummary(props: { errors: FieldMessages; fields: readonly FieldSpec[] }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  const labelOf = (name: string) => props.fields.find((field) => field.name === name)?.label;
  return (
    <div class="notice error" role="alert">
      <p>
        <strong>
          {entries.length === 1 ? 'Please correct this field:' : 'Please correct these fields:'}
        </strong>
      </p>
      <ul class="errors">
        {entries.map(([name, detail]) => {
          const label = labelOf(name);
          return <li>{label ? <a href={`#${name}`}>{`${label} ${detail}`}</a> : detail}</li>;
        })}
      </ul>
    </div>
  );
}
