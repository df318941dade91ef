import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi, apiCalls, textOf, uniqueName, uniqueSku } from './support/catalog.js';
import { type Stack, startStack } from './support/stack.js';
import { inputValue, Visitor } from './support/visitor.js';

/** What the edit form posts besides name and version (stock and status have their own actions). */
const EMPTY_EDIT = { sku: '', price: '', category: '', image_url: '', description: '' };
/** … and the new-product form. */
const EMPTY_FORM = { ...EMPTY_EDIT, stock_quantity: '' };

/** The message printed beside a field, if any. */
function fieldError(html: string, field: string): string | undefined {
  const raw = new RegExp(`<span id="${field}-error" class="error">([^<]*)</span>`).exec(html)?.[1];
  return raw && textOf(raw).trim();
}

describe('admin-web product pages and actions (against a real admin-write on SQLite)', () => {
  let stack: Stack;
  let owner: Visitor;
  let api: ReturnType<typeof adminApi>;
  beforeAll(async () => {
    stack = await startStack();
    api = adminApi(stack);
    owner = new Visitor(stack.web.app);
    await owner.follow(await owner.signIn());
  });
  afterAll(async () => stack?.stop());

  /** Opens the new-product form and posts it with these values. */
  async function submitNew(values: Record<string, string>) {
    const form = await owner.get('/products/new');
    expect(form.statusCode).toBe(200);
    const key = inputValue(form.body, 'idempotency_key')!;
    return {
      key,
      response: await owner.post('/products', { ...EMPTY_FORM, idempotency_key: key, ...values }),
    };
  }

  describe('create', () => {
    it('shows rule errors beside their fields before calling admin-write, keeps the input, and creates nothing', async () => {
      const name = uniqueName('Form mug');
      const before = await api.snapshot();
      const calls = await apiCalls(stack.web, 'create');
      const { key, response } = await submitNew({
        name,
        price: '12.345',
        stock_quantity: '2.5',
        image_url: '/images/my mug.jpg',
        sku: 'has space',
        description: 'Kept <b>as typed</b>',
      });
      expect(response.statusCode).toBe(400);
      expect(fieldError(response.body, 'price')).toMatch(/^Price must be a decimal string such as "19\.99"/);
      expect(fieldError(response.body, 'stock_quantity')).toBe('Stock must be integer');
      expect(fieldError(response.body, 'image_url')).toMatch(/^Image URL must be an absolute http\(s\) URL/);
      expect(fieldError(response.body, 'sku')).toMatch(/^SKU must be 1\.\.64 letters, digits/);
      expect(fieldError(response.body, 'name')).toBeUndefined();
      expect(response.body).toContain('aria-invalid="true" aria-describedby="price-error price-hint"');
      expect(textOf(response.body)).toContain('Please correct these fields:');
      // The owner's input, as typed, and the same form key.
      expect(inputValue(response.body, 'name')).toBe(name);
      expect(inputValue(response.body, 'price')).toBe('12.345');
      expect(inputValue(response.body, 'idempotency_key')).toBe(key);
      expect(response.body).toContain('Kept &lt;b>as typed&lt;/b></textarea>');
      expect(await apiCalls(stack.web, 'create')).toBe(calls);
      expect(await api.snapshot()).toEqual(before);
    });

    it('creates the product with exact values, then shows it with a message (post/redirect/get)', async () => {
      const name = uniqueName('Enamel mug');
      const sku = uniqueSku('MUG');
      const { response } = await submitNew({
        name: `  ${name}  `,
        price: '12.50',
        stock_quantity: '7',
        sku,
        category: 'Kitchen',
        image_url: '/images/enamel-mug.jpg',
        description: 'Line one\r\nLine two',
        is_active: 'true',
      });
      expect(response.statusCode, response.body).toBe(303);
      const [product] = await api.named(name);
      expect(product).toMatchObject({
        name,
        price: '12.50',
        stock_quantity: 7,
        sku,
        category: 'Kitchen',
        image_url: '/images/enamel-mug.jpg',
        description: 'Line one\nLine two',
        is_active: true,
      });
      expect(response.headers.location).toBe(`/products/${product!.id}`);
      const page = await owner.follow(response);
      expect(textOf(page.body)).toContain(`Created “${name}”.`);
      // The message is shown once.
      expect(textOf((await owner.get(`/products/${product!.id}`)).body)).not.toContain('Created “');
    });

    it('creates one product when the same form is submitted twice', async () => {
      const name = uniqueName('Twice kettle');
      const form = await owner.get('/products/new');
      const fields = {
        ...EMPTY_FORM,
        idempotency_key: inputValue(form.body, 'idempotency_key')!,
        name,
        price: '30.00',
      };
      const token = owner.csrf();
      const [first, second] = await Promise.all([
        owner.request('POST', '/products', { form: { _csrf: token, ...fields } }),
        owner.request('POST', '/products', { form: { _csrf: token, ...fields } }),
      ]);
      expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
      expect(first.headers.location).toBe(second.headers.location);
      expect(await api.named(name)).toHaveLength(1);
    });

    it('asks before reusing a form that already created a product with other values', async () => {
      const name = uniqueName('Reused form');
      const { key, response } = await submitNew({ name, price: '5.00' });
      expect(response.statusCode).toBe(303);
      const again = await owner.post('/products', {
        ...EMPTY_FORM,
        idempotency_key: key,
        name: `${name} 2`,
        price: '6.00',
      });
      expect(again.statusCode).toBe(409);
      expect(textOf(again.body)).toContain('This form had already created a product');
      expect(inputValue(again.body, 'name')).toBe(`${name} 2`);
      const fresh = inputValue(again.body, 'idempotency_key')!;
      expect(fresh).not.toBe(key);
      const created = await owner.post('/products', {
        ...EMPTY_FORM,
        idempotency_key: fresh,
        name: `${name} 2`,
        price: '6.00',
      });
      expect(created.statusCode).toBe(303);
      expect(await api.named(`${name} 2`)).toHaveLength(1);
    });

    it("shows admin-write's refusal of a used sku beside the field", async () => {
      const taken = await api.create({
        name: uniqueName('Sku holder'),
        price: '1.00',
        sku: uniqueSku('TAKEN'),
      });
      const name = uniqueName('Sku clash');
      const { response } = await submitNew({ name, price: '2.00', sku: taken.sku! });
      expect(response.statusCode).toBe(409);
      expect(fieldError(response.body, 'sku')).toBe('SKU is already used by another product');
      expect(inputValue(response.body, 'sku')).toBe(taken.sku);
      expect(await api.named(name)).toHaveLength(0);
    });
  });

  describe('edit', () => {
    it('saves changes with If-Match and leaves stock and status alone', async () => {
      const product = await api.create({
        name: uniqueName('Edit me'),
        price: '4.00',
        stock_quantity: 9,
        category: 'Old',
      });
      const page = await owner.get(`/products/${product.id}`);
      expect(inputValue(page.body, 'version')).toBe(String(product.version));
      expect(inputValue(page.body, 'price')).toBe('4.00');
      const response = await owner.post(`/products/${product.id}`, {
        version: String(product.version),
        name: product.name,
        sku: '',
        price: '4.50',
        category: '',
        image_url: 'https://cdn.example.com/a.jpg',
        description: 'New words',
      });
      expect(response.statusCode, response.body).toBe(303);
      expect(textOf((await owner.follow(response)).body)).toContain(`Saved “${product.name}”.`);
      expect(await api.get(product.id)).toMatchObject({
        price: '4.50',
        category: null,
        image_url: 'https://cdn.example.com/a.jpg',
        description: 'New words',
        stock_quantity: 9,
        is_active: true,
        version: product.version + 1,
      });
    });

    it('shows rule errors beside the fields and changes nothing', async () => {
      const product = await api.create({ name: uniqueName('Edit errors'), price: '4.00' });
      await owner.get(`/products/${product.id}`);
      const before = await api.snapshot();
      const response = await owner.post(`/products/${product.id}`, {
        ...EMPTY_EDIT,
        version: String(product.version),
        name: '   ',
        price: '-1',
      });
      expect(response.statusCode).toBe(400);
      expect(fieldError(response.body, 'name')).toMatch(
        /^Name must be text of 1\.\.255 characters, not only spaces/,
      );
      expect(fieldError(response.body, 'price')).toMatch(/^Price must be a decimal string/);
      expect(inputValue(response.body, 'price')).toBe('-1');
      expect(await api.snapshot()).toEqual(before);
    });

    it('says when someone else changed the product since it was opened, shows both, and saves only when asked again', async () => {
      const product = await api.create({ name: uniqueName('Contested'), price: '10.00' });
      const opened = await owner.get(`/products/${product.id}`);
      const openedVersion = inputValue(opened.body, 'version')!;
      const theirs = await api.patch(product.id, { price: '11.00' });

      const mine = { ...EMPTY_EDIT, name: product.name, price: '12.00', description: 'mine' };
      const conflict = await owner.post(`/products/${product.id}`, { ...mine, version: openedVersion });
      expect(conflict.statusCode).toBe(409);
      const text = textOf(conflict.body);
      expect(text).toContain('This product was changed by someone else since you opened it');
      expect(text).toContain('Your changes were not saved.');
      expect(conflict.body).toMatch(/<dt>Price<\/dt><dd>11\.00<\/dd>/);
      expect(conflict.body).toContain(`href="/products/${product.id}">Discard my changes and reload`);
      expect(inputValue(conflict.body, 'price')).toBe('12.00');
      expect(inputValue(conflict.body, 'version')).toBe(String(theirs.version));
      expect((await api.get(product.id))!.price).toBe('11.00');

      const saved = await owner.post(`/products/${product.id}`, { ...mine, version: String(theirs.version) });
      expect(saved.statusCode).toBe(303);
      expect(await api.get(product.id)).toMatchObject({ price: '12.00', description: 'mine' });
    });
  });

  describe('stock, status, deletion and history', () => {
    it('adjusts stock by a delta, once per form, and refuses to go below zero', async () => {
      const product = await api.create({ name: uniqueName('Stocked'), price: '1.00', stock_quantity: 3 });
      const page = await owner.get(`/products/${product.id}`);
      const key = inputValue(page.body, 'idempotency_key')!;
      const added = await owner.post(`/products/${product.id}/stock`, { idempotency_key: key, delta: '5' });
      expect(added.statusCode).toBe(303);
      expect(textOf((await owner.follow(added)).body)).toContain(`Stock of “${product.name}” is now 8.`);
      // The same form again (a double click, a reload of the POST): applied once.
      await owner.post(`/products/${product.id}/stock`, { idempotency_key: key, delta: '5' });
      expect((await api.get(product.id))!.stock_quantity).toBe(8);

      await owner.get(`/products/${product.id}`);
      const before = await api.snapshot();
      const tooMany = await owner.post(`/products/${product.id}/stock`, {
        idempotency_key: 'k-minus-100',
        delta: '-100',
      });
      expect(textOf((await owner.follow(tooMany)).body)).toContain(
        'Stock not changed: Stock cannot go below 0 (it is 8; the change was -100).',
      );
      const calls = await apiCalls(stack.web, 'stock');
      const notANumber = await owner.post(`/products/${product.id}/stock`, {
        idempotency_key: 'k-nan',
        delta: '2.5',
      });
      expect(textOf((await owner.follow(notANumber)).body)).toContain(
        'Stock not changed: enter a whole number',
      );
      expect(await apiCalls(stack.web, 'stock')).toBe(calls);
      expect(await api.snapshot()).toEqual(before);
    });

    it('deactivates after a confirmation, reactivates, and deletes permanently after another, keeping the history', async () => {
      const product = await api.create({ name: uniqueName('Lifecycle'), price: '1.00' });
      const confirm = await owner.get(`/products/${product.id}/deactivate`);
      expect(confirm.statusCode).toBe(200);
      expect(textOf(confirm.body)).toContain(`Deactivate “${product.name}”?`);
      expect((await api.get(product.id))!.is_active).toBe(true);

      const deactivated = await owner.post(`/products/${product.id}/deactivate`, {
        version: String(product.version),
      });
      expect(textOf((await owner.follow(deactivated)).body)).toContain(
        'is deactivated: customers no longer see it.',
      );
      const inactive = (await api.get(product.id))!;
      expect(inactive.is_active).toBe(false);
      expect(owner.lastPage).toContain(`action="/products/${product.id}/reactivate"`);

      const stale = await owner.post(`/products/${product.id}/reactivate`, {
        version: String(product.version),
      });
      expect(textOf((await owner.follow(stale)).body)).toContain(
        'changed by someone else since you opened it',
      );
      expect((await api.get(product.id))!.is_active).toBe(false);
      const reactivated = await owner.post(`/products/${product.id}/reactivate`, {
        version: String(inactive.version),
      });
      expect(textOf((await owner.follow(reactivated)).body)).toContain('is active again');
      const active = (await api.get(product.id))!;
      expect(active.is_active).toBe(true);

      const confirmDelete = await owner.get(`/products/${product.id}/delete`);
      expect(textOf(confirmDelete.body)).toContain(`Delete permanently “${product.name}”?`);
      const deleted = await owner.post(`/products/${product.id}/delete`, { version: String(active.version) });
      expect(deleted.headers.location).toBe('/products');
      expect(textOf((await owner.follow(deleted)).body)).toContain(
        `“${product.name}” was deleted permanently.`,
      );
      expect(await api.get(product.id)).toBeUndefined();
      expect((await owner.get(`/products/${product.id}`)).statusCode).toBe(404);

      const history = await owner.get(`/products/${product.id}/history`);
      expect(history.statusCode).toBe(200);
      const text = textOf(history.body);
      expect(text).toContain(`Change history of “${product.name}”`);
      for (const action of ['create', 'deactivate', 'reactivate', 'delete'])
        expect(text).toContain(` ${action} `);
      expect(text).toContain('is_active: true → false');
      expect(text).toContain('owner');
    });

    it('shows each change of a product with the fields it changed', async () => {
      const product = await api.create({ name: uniqueName('Historic'), price: '1.00' });
      await api.patch(product.id, { price: '2.00', category: 'Later' });
      const text = textOf((await owner.get(`/products/${product.id}/history`)).body);
      expect(text).toContain('price: 1.00 → 2.00');
      expect(text).toContain('category: — → Later');
      expect((await owner.get('/products/999999/history')).statusCode).toBe(404);
    });
  });
});
