import { type FieldError, fieldErrorsOf, type ValidationIssue } from '@mystore/catalog-rules';
import { Type } from 'typebox';
import type { AdminProduct, ProductBody } from './admin-api/products.js';

/** What the owner typed, field by field, exactly as the form posted it (kept when a page is shown again). */
export type FormValues = Readonly<Record<string, string | undefined>>;

/** One message per field name; `form` holds what belongs to no single field. */
export type FieldMessages = Readonly<Record<string, string>>;

/** A compiled validator of the service (the kernel's JSON-body rules: no coercion, every error at once). */
export type Validate = ((data: unknown) => boolean) & { errors?: readonly ValidationIssue[] | null };

const TEXT = Type.String({ maxLength: 20_000 });
const DIGITS = Type.String({ pattern: '^\\d{1,10}$' });

const productFormFields = {
  _csrf: Type.String({ maxLength: 200 }),
  name: Type.Optional(TEXT),
  sku: Type.Optional(TEXT),
  price: Type.Optional(TEXT),
  category: Type.Optional(TEXT),
  image_url: Type.Optional(TEXT),
  description: Type.Optional(TEXT),
};

/** The random key a form carries from page to action (Idempotency-Key). */
export const FormKey = Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' });

/**
 * The new-product form as posted (every value a string). Its only job is to bound the input; the
 * product rules are checked on the converted values with the shared ProductWriteSchema.
 */
export const NewProductFormSchema = Type.Object(
  {
    ...productFormFields,
    idempotency_key: FormKey,
    stock_quantity: Type.Optional(TEXT),
    is_active: Type.Optional(Type.Literal('true')),
  },
  { additionalProperties: false },
);

/** The edit form: the fields, and the version the owner opened (sent as If-Match). */
export const EditProductFormSchema = Type.Object(
  { ...productFormFields, version: DIGITS },
  { additionalProperties: false },
);

const orNull = (text: string | undefined) => {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? null : trimmed;
};

/** A count as the owner typed it: digits become a number; anything else stays text, for the rules to refuse. */
export function integerOf(text: string | undefined): number | string {
  const trimmed = (text ?? '').trim();
  return /^-?\d{1,15}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * The API body a product form stands for. Text is trimmed (the description keeps its own spacing, with
 * line ends as LF); an empty optional field is null; the price stays a decimal string; stock becomes an
 * integer. A create also sends stock and whether the product starts active; an edit leaves those to
 * the stock and status actions.
 */
export function productBodyOf(values: FormValues, mode: 'create' | 'edit'): ProductBody {
  const description = values.description?.replace(/\r\n?/g, '\n') ?? '';
  const body: Record<string, unknown> = {
    name: (values.name ?? '').trim(),
    price: (values.price ?? '').trim(),
    sku: orNull(values.sku),
    category: orNull(values.category),
    image_url: orNull(values.image_url),
    description: description.trim() === '' ? null : description,
  };
  if (mode === 'create') {
    if ((values.stock_quantity ?? '').trim() !== '') body.stock_quantity = integerOf(values.stock_quantity);
    body.is_active = values.is_active === 'true';
  }
  return body;
}

/** The form of a stored product. */
export function formValuesOf(product: AdminProduct): FormValues {
  return {
    name: product.name,
    sku: product.sku ?? '',
    price: product.price,
    stock_quantity: String(product.stock_quantity),
    category: product.category ?? '',
    image_url: product.image_url ?? '',
    description: product.description ?? '',
    is_active: product.is_active ? 'true' : undefined,
  };
}

/** Field errors as a map for the form (several errors of one field are joined). */
export function messagesOf(errors: readonly FieldError[]): FieldMessages {
  const messages: Record<string, string> = {};
  for (const { name, detail } of errors) {
    messages[name] = messages[name] ? `${messages[name]}; ${detail}` : detail;
  }
  return messages;
}

/** The shared rules applied to a body before it is sent: the same messages admin-write would answer. */
export function checkWith(validate: Validate, body: unknown): FieldMessages {
  if (validate(body)) return {};
  return messagesOf(fieldErrorsOf(validate.errors ?? [], 'form'));
}
