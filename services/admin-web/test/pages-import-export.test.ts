import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi, textOf, uniqueName, uniqueSku } from './support/catalog.js';
import { type Stack, startStack } from './support/stack.js';
import { inputValue, Visitor } from './support/visitor.js';

const HEADER = 'sku,name,description,price,category,stock_quantity,image_url,is_active';

describe('admin-web import and export (against a real admin-write on SQLite)', () => {
  let stack: Stack;
  let owner: Visitor;
  let api: ReturnType<typeof adminApi>;
  beforeAll(async () => {
    stack = await startStack({ IMPORT_LIMIT_BYTES: String(64 * 1024) });
    api = adminApi(stack);
    owner = new Visitor(stack.web.app);
    await owner.follow(await owner.signIn());
  });
  afterAll(async () => stack?.stop());

  it('checks a file with a bad row and lists its errors by row, importing nothing', async () => {
    const good = uniqueName('Imported good');
    const csv = [
      HEADER,
      `${uniqueSku('IMP')},${good},,4.00,Import,3,,true`,
      `${uniqueSku('IMP')},Bad row,,4.005,Import,x,,true`,
    ].join('\n');
    expect((await owner.get('/import')).statusCode).toBe(200);
    const before = await api.snapshot();
    const response = await owner.upload('/import', 'file', { name: 'bad.csv', content: csv });
    expect(response.statusCode).toBe(400);
    const text = textOf(response.body);
    expect(text).toContain('bad.csv cannot be imported; nothing was imported');
    expect(response.body).toMatch(/<td class="num">3<\/td><td>price<\/td><td>must be a decimal string/);
    expect(response.body).toMatch(/<td class="num">3<\/td><td>stock_quantity<\/td>/);
    expect(await api.snapshot()).toEqual(before);
  });

  it('previews a good file without importing it, then applies it once', async () => {
    const existing = await api.create({
      name: uniqueName('To update'),
      price: '1.00',
      sku: uniqueSku('UPD'),
    });
    const created = uniqueName('Imported new');
    const newSku = uniqueSku('NEW');
    const csv = [
      HEADER,
      `${newSku},${created},"Quoted, with comma",7.25,Import,12,/images/new.jpg,true`,
      `${existing.sku},${existing.name},,1.50,Import,4,,true`,
    ].join('\r\n');
    const before = await api.snapshot();
    const preview = await owner.upload('/import', 'file', { name: 'good.csv', content: csv });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(textOf(preview.body)).toContain(
      'Nothing is imported yet. Applying it creates 1, updates 1 and leaves 0 unchanged.',
    );
    expect(preview.body).toContain(
      `<td class="num">2</td><td>new product</td><td>${newSku}</td><td>(new)</td>`,
    );
    expect(preview.body).toContain(`<a href="/products/${existing.id}">#${existing.id}</a>`);
    expect(await api.snapshot()).toEqual(before);

    // The checked file travels unchanged (base64) to the apply step.
    expect(Buffer.from(inputValue(preview.body, 'csv')!, 'base64').toString()).toBe(csv);
    const form = {
      idempotency_key: inputValue(preview.body, 'idempotency_key')!,
      file_name: 'good.csv',
      csv: inputValue(preview.body, 'csv')!,
    };
    const applied = await owner.post('/import/apply', form);
    expect(applied.statusCode, applied.body).toBe(303);
    expect(textOf((await owner.follow(applied)).body)).toContain(
      'Imported good.csv: 1 created, 1 updated, 0 unchanged.',
    );
    const [product] = await api.named(created);
    expect(product).toMatchObject({
      sku: newSku,
      price: '7.25',
      description: 'Quoted, with comma',
      stock_quantity: 12,
    });
    expect((await api.get(existing.id))!.price).toBe('1.50');

    // The apply form posted again (a double click): imported once.
    const again = await owner.post('/import/apply', form);
    expect(again.statusCode).toBe(303);
    expect(await api.named(created)).toHaveLength(1);
  });

  it('refuses a file above the upload limit with a page, importing nothing', async () => {
    const before = await api.snapshot();
    const big = `${HEADER}\n${'x'.repeat(70 * 1024)}`;
    const response = await owner.upload('/import', 'file', { name: 'big.csv', content: big });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(await api.snapshot()).toEqual(before);
  });

  it('exports every product as a CSV download that is never cached', async () => {
    const product = await api.create({ name: uniqueName('Exported'), price: '3.30' });
    const response = await owner.get('/export.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="products.csv"');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body.startsWith('\uFEFFid,sku,name,description,price')).toBe(true);
    expect(response.body).toContain(`${product.id},,${product.name},,3.30,`);
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines.length - 1).toBe((await api.list('limit=1')).total);
  });
});
