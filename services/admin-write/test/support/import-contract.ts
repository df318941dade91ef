import { countProducts, getProduct, listAudit, type ProductRecord, streamProducts } from '@mystore/db';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  csvText,
  type ImportApp,
  importCsv,
  importJson,
  importRowMetrics,
  productBySku,
  send,
  snapshot,
  startImportApp,
  TOKEN,
} from './import-app.js';

export interface ImportSuiteSetup {
  /** admin-write's environment (DATABASE_URL, DATA_DIR …) on a fresh database. */
  readonly env: Record<string, string>;
}

const HEADER = [
  'sku',
  'name',
  'description',
  'price',
  'category',
  'stock_quantity',
  'image_url',
  'is_active',
];
const BOM = '\uFEFF';

/** The import/export contract, the same on every database. */
export function importExportContract(setup: () => Promise<ImportSuiteSetup>) {
  let started: ImportApp;
  let env: Record<string, string>;
  const handle = () => started.handle;

  beforeAll(async () => {
    env = (await setup()).env;
    started = await startImportApp(env);
  });
  afterAll(async () => {
    await started?.app.close();
  });

  it('imports CSV exactly: BOM, CRLF, quoted commas, "" quotes and line breaks inside fields', async () => {
    const csv =
      BOM +
      csvText([
        HEADER,
        [
          'IMP-Q1',
          '"Mug, large"',
          '"She said ""hi""\r\nsecond line\nthird, with a comma"',
          '12.5',
          'Kitchen',
          '7',
          '/images/x.svg',
          'true',
        ],
        ['IMP-Q2', 'Plain', '', '3', '', '', '', 'FALSE'],
        [
          'IMP-Q3',
          '"Quote "" inside"',
          '""',
          '0.99',
          '"Coffee & Tea"',
          '0',
          'https://cdn.example.com/a.png',
          '1',
        ],
      ]);
    const response = await importCsv(started, csv);
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result).toMatchObject({ dry_run: false, created: 3, updated: 0, unchanged: 0 });
    // Spreadsheet rows: the header is row 1; a field with line breaks stays one row.
    expect(result.rows.map((row: { row: number; sku: string }) => [row.row, row.sku])).toEqual([
      [2, 'IMP-Q1'],
      [3, 'IMP-Q2'],
      [4, 'IMP-Q3'],
    ]);

    const q1 = await getProduct(handle().db, result.rows[0].id);
    expect(q1).toMatchObject({
      sku: 'IMP-Q1',
      name: 'Mug, large',
      description: 'She said "hi"\r\nsecond line\nthird, with a comma',
      price: '12.50',
      category: 'Kitchen',
      stock_quantity: 7,
      image_url: '/images/x.svg',
      is_active: true,
    });
    expect(await getProduct(handle().db, result.rows[1].id)).toMatchObject({
      sku: 'IMP-Q2',
      name: 'Plain',
      description: null,
      price: '3.00',
      category: null,
      stock_quantity: 0,
      image_url: null,
      is_active: false,
    });
    expect(await getProduct(handle().db, result.rows[2].id)).toMatchObject({
      name: 'Quote " inside',
      description: '',
      price: '0.99',
      category: 'Coffee & Tea',
      image_url: 'https://cdn.example.com/a.png',
      is_active: true,
    });

    // LF line ends, no BOM, columns in another order, a short row and a blank line.
    const lf = csvText([['name', 'price', 'sku'], ['"Lf, one"', '1', 'IMP-L1'], [''], ['Lf two', '2']], '\n');
    const lfResponse = await importCsv(started, lf);
    expect(lfResponse.statusCode, lfResponse.body).toBe(200);
    expect(lfResponse.json().rows.map((row: { row: number }) => row.row)).toEqual([2, 4]);
    expect(await productBySku(handle(), 'IMP-L1')).toMatchObject({ name: 'Lf, one', price: '1.00' });
  });

  it('keeps characters beyond the BMP intact where the parser takes the text in slices', async () => {
    let head = 'sku,name,price,description\r\n';
    for (let i = 0; head.length < 65_536 - 9_000; i++)
      head += `IMP-F${i},Filler ${i},1,${'x'.repeat(9_000)}\r\n`;
    const prefix = 'IMP-EMOJI,Emoji,1,';
    // The first emoji's high surrogate is the last character of the parser's first 64 KiB slice.
    const description = `${'a'.repeat(65_535 - head.length - prefix.length)}😀🎉 Crème brûlée`;
    const response = await importCsv(started, `${head}${prefix}${description}\r\n`);
    expect(response.statusCode, response.body).toBe(200);
    expect((await productBySku(handle(), 'IMP-EMOJI'))?.description).toBe(description);
  });

  it('refuses text that is not valid in its charset instead of storing U+FFFD; honours a named charset', async () => {
    const latin1 = Buffer.from('sku,name,price\r\nIMP-W1,Cr\u00e8me br\u00fbl\u00e9e,1\r\n', 'latin1');
    const before = await snapshot(handle());
    const refused = await started.app.inject({
      method: 'POST',
      url: '/api/admin/products/import',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
      payload: latin1,
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().errors).toEqual([{ name: 'body', detail: 'is not valid utf-8' }]);
    expect(await snapshot(handle())).toEqual(before);
    const named = await started.app.inject({
      method: 'POST',
      url: '/api/admin/products/import',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv; charset=windows-1252' },
      payload: latin1,
    });
    expect(named.statusCode, named.body).toBe(200);
    expect((await productBySku(handle(), 'IMP-W1'))?.name).toBe('Crème brûlée');
  });

  it('imports JSON with the rules of the JSON API', async () => {
    const response = await importJson(started, [
      { name: 'Json A', price: '5.5', sku: 'IMP-J1', category: 'Garden', is_active: false },
      { name: 'Json B', price: 7.25, stock_quantity: 3 },
    ]);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ created: 2, rows: [{ row: 1 }, { row: 2, sku: null }] });
    expect(await productBySku(handle(), 'IMP-J1')).toMatchObject({
      price: '5.50',
      category: 'Garden',
      is_active: false,
      stock_quantity: 0,
    });
    expect(await getProduct(handle().db, response.json().rows[1].id)).toMatchObject({
      name: 'Json B',
      price: '7.25',
      stock_quantity: 3,
    });

    const before = await snapshot(handle());
    // An empty name (one entry, though two rules fail), an exponent, an unknown field, a third decimal.
    const bad = await send(started, 'POST', '/api/admin/products/import', {
      jsonText:
        '[{"name":"","price":"1"},{"name":"e","price":1e3},{"name":"x","price":"1","colour":"red"},' +
        '{"name":"y","price":1.005}]',
    });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors).toEqual([
      { name: 'row 1: name', detail: expect.stringMatching(/^must be text of 1..255 characters/) },
      { name: 'row 2: price', detail: expect.stringMatching(/^must be a decimal string/) },
      { name: 'row 3: colour', detail: expect.any(String) },
      { name: 'row 4: price', detail: expect.stringMatching(/^must be a decimal string/) },
    ]);
    const notArray = await importJson(started, { name: 'x', price: '1' });
    expect(notArray.statusCode).toBe(400);
    expect(notArray.json().errors).toEqual([{ name: 'body', detail: 'must be array' }]);
    expect(await snapshot(handle())).toEqual(before);
  });

  it('rejects a file with bad rows as a whole, naming every bad row, and changes nothing', async () => {
    const before = await snapshot(handle());
    const rows = [HEADER];
    for (let i = 1; i <= 12; i++)
      rows.push([`IMP-B${i}`, `Bulk ${i}`, '"two\nlines"', '1.50', '', '1', '', '']);
    rows[7]![3] = '12.345'; // spreadsheet row 8
    rows[10]![5] = 'lots'; // row 11
    rows[11]![1] = ''; // row 12: no name
    const response = await importCsv(started, csvText(rows));
    expect(response.statusCode, response.body).toBe(400);
    const problem = response.json();
    expect(problem.detail).toBe('3 rows are invalid; nothing was imported.');
    expect(problem.errors).toEqual([
      { name: 'row 8: price', detail: expect.stringMatching(/^must be a decimal string/) },
      { name: 'row 11: stock_quantity', detail: 'must be a whole number 0..2147483647' },
      { name: 'row 12: name', detail: "must have required property 'name'" },
    ]);
    expect(await snapshot(handle())).toEqual(before);

    const one = await importCsv(
      started,
      csvText([
        HEADER,
        ['IMP-O1', 'Fine', '', '1', '', '', '', ''],
        ['IMP-O2', 'Bad', '', '1', '', '', '', 'maybe'],
      ]),
    );
    expect(one.statusCode).toBe(400);
    expect(one.json().errors).toEqual([
      { name: 'row 3: is_active', detail: 'must be true or false (or 1 or 0)' },
    ]);
    expect(await snapshot(handle())).toEqual(before);
  });

  it('dry run reports creates and updates and changes nothing', async () => {
    const kitchen = (await productBySku(handle(), 'KIT-0001'))!;
    const before = await snapshot(handle());
    const csv = csvText([
      ['sku', 'name', 'price'],
      ['KIT-0001', kitchen.name, '1.23'],
      ['IMP-D1', 'Dry one', '4'],
      [
        'KIT-0002',
        (await productBySku(handle(), 'KIT-0002'))!.name,
        (await productBySku(handle(), 'KIT-0002'))!.price,
      ],
    ]);
    const response = await importCsv(started, csv, '?dry_run=true', { 'idempotency-key': 'dry-1' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      dry_run: true,
      created: 1,
      updated: 1,
      unchanged: 1,
      rows: [
        { row: 2, action: 'update', id: kitchen.id, sku: 'KIT-0001' },
        { row: 3, action: 'create', id: null, sku: 'IMP-D1' },
        { row: 4, action: 'unchanged', id: expect.any(Number), sku: 'KIT-0002' },
      ],
    });
    // Sku matching follows the column's collation: case-insensitive on MySQL, exact on SQLite.
    const kit7 = (await productBySku(handle(), 'KIT-0007'))!;
    const lower = await importCsv(
      started,
      csvText([
        ['sku', 'name', 'price'],
        ['kit-0007', 'x', '1'],
      ]),
      '?dry_run=true',
    );
    expect(lower.json().rows).toEqual([
      handle().dialect.name === 'mysql'
        ? { row: 2, action: 'update', id: kit7.id, sku: 'kit-0007' }
        : { row: 2, action: 'create', id: null, sku: 'kit-0007' },
    ]);
    expect(await snapshot(handle())).toEqual(before);
    // Dry runs can be repeated (no idempotency record is left running).
    const again = await importCsv(started, csv, '?dry_run=true', { 'idempotency-key': 'dry-1' });
    expect(again.json()).toEqual(response.json());
  });

  it('updates by sku (given fields only), leaves equal rows unchanged, and audits as import', async () => {
    const same = (await productBySku(handle(), 'KIT-0003'))!;
    const changed = (await productBySku(handle(), 'KIT-0004'))!;
    const versionBefore = (await snapshot(handle())).catalogVersion;
    const response = await importCsv(
      started,
      csvText([
        ['sku', 'name', 'price', 'stock_quantity'],
        [same.sku!, same.name, same.price, String(same.stock_quantity)],
        [changed.sku!, changed.name, '99.99', String(changed.stock_quantity)],
      ]),
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 1,
      rows: [
        { row: 2, action: 'unchanged', id: same.id },
        { row: 3, action: 'update', id: changed.id },
      ],
    });
    expect(await getProduct(handle().db, same.id)).toEqual(same);
    expect(await getProduct(handle().db, changed.id)).toMatchObject({
      ...changed,
      price: '99.99',
      version: changed.version + 1,
      updated_at: expect.any(String),
    });
    expect((await snapshot(handle())).catalogVersion).toBe(versionBefore + 1);

    const history = await send(started, 'GET', `/api/admin/products/${changed.id}/history`);
    expect(history.json().at(-1)).toMatchObject({
      action: 'import',
      actor: 'owner',
      before: { price: changed.price },
      after: { price: '99.99' },
    });
    expect((await listAudit(handle().db, same.id)).some((entry) => entry.action === 'import')).toBe(false);
    const created = (await productBySku(handle(), 'IMP-Q1'))!;
    expect((await listAudit(handle().db, created.id)).map((entry) => entry.action)).toEqual(['import']);

    // An export's id column identifies the product, even one without a sku; its sku can be set.
    const nameless = await importJson(started, [{ name: 'No sku yet', price: '2' }]);
    const id = nameless.json().rows[0].id;
    const byId = await importCsv(
      started,
      csvText([
        ['id', 'sku', 'name', 'price', 'created_at'],
        [String(id), 'IMP-ID1', 'Has a sku now', '2', '2020-01-01T00:00:00.000Z'],
      ]),
    );
    expect(byId.json()).toMatchObject({ updated: 1, rows: [{ action: 'update', id, sku: 'IMP-ID1' }] });
    expect(await getProduct(handle().db, id)).toMatchObject({ sku: 'IMP-ID1', name: 'Has a sku now' });
    const unknownId = await importCsv(
      started,
      csvText([
        ['id', 'name', 'price'],
        ['999999', 'x', '1'],
      ]),
    );
    expect(unknownId.json().errors).toEqual([{ name: 'row 2: id', detail: 'no product has the id 999999' }]);
    const stolenSku = await importCsv(
      started,
      csvText([
        ['id', 'sku', 'name', 'price'],
        [String(id), 'KIT-0001', 'x', '1'],
      ]),
    );
    expect(stolenSku.json().errors).toEqual([
      { name: 'row 2: sku', detail: expect.stringMatching(/^is the sku of another product/) },
    ]);
  });

  it('rejects a sku repeated in the file on its later row', async () => {
    const before = await snapshot(handle());
    const response = await importCsv(
      started,
      csvText([
        ['sku', 'name', 'price'],
        ['IMP-X1', 'First', '1'],
        ['IMP-X2', 'Other', '1'],
        ['IMP-X1', 'Again', '2'],
      ]),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ name: 'row 4: sku', detail: 'repeats the sku of row 2' }]);
    expect(await snapshot(handle())).toEqual(before);
  });

  it('rejects unknown, repeated or missing columns, naming them', async () => {
    const unknown = await importCsv(
      started,
      csvText([
        ['sku', 'name', 'price', 'colour'],
        ['IMP-U1', 'x', '1', 'red'],
      ]),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toContain('colour');
    expect(unknown.json().errors).toEqual([
      { name: 'header: colour', detail: expect.stringContaining('unknown') },
    ]);
    const missing = await importCsv(
      started,
      csvText([
        ['sku', 'name', 'name'],
        ['IMP-U2', 'x', 'y'],
      ]),
    );
    expect(missing.json().errors).toEqual([
      { name: 'header: name', detail: 'appears more than once' },
      { name: 'header: price', detail: 'is a required column' },
    ]);
    const empty = await importCsv(started, '');
    expect(empty.statusCode).toBe(400);
    const broken = await importCsv(started, 'name,price\n"unclosed,1\n');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().detail).toMatch(/not valid CSV/);
    const plain = await send(started, 'POST', '/api/admin/products/import', {
      headers: { 'content-type': 'text/plain' },
      csv: 'name,price\nx,1\n',
    });
    expect(plain.statusCode).toBe(415);
  });

  it('takes files beyond the ordinary body limit, but not beyond the import limit or 5000 rows', async () => {
    const row = (i: number) => [
      `IMP-S${i}`,
      `Size test product number ${i}`,
      '"A description, long enough"',
      '1',
    ];
    const big = csvText([
      ['sku', 'name', 'description', 'price'],
      ...Array.from({ length: 2000 }, (_, i) => row(i)),
    ]);
    expect(big.length).toBeGreaterThan(64 * 1024); // BODY_LIMIT_BYTES default
    const dry = await importCsv(started, big, '?dry_run=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().created).toBe(2000);

    const before = await snapshot(handle());
    const tooMany = csvText([['name', 'price'], ...Array.from({ length: 5001 }, (_, i) => [`n${i}`, '1'])]);
    const rows = await importCsv(started, tooMany);
    expect(rows.statusCode).toBe(413);
    expect(rows.json().detail).toMatch(/at most 5000 rows/);

    const small = await startImportApp({ ...env, IMPORT_LIMIT_BYTES: '2048' });
    try {
      const response = await importCsv(
        small,
        csvText([['name', 'price'], ...Array.from({ length: 300 }, (_, i) => [`Product ${i}`, '1'])]),
      );
      expect(response.statusCode).toBe(413);
      expect(response.headers['content-type']).toContain('application/problem+json');
    } finally {
      await small.app.close();
    }
    expect(await snapshot(handle())).toEqual(before);
  });

  it('replays an import with the same Idempotency-Key instead of importing twice', async () => {
    const csv = csvText([
      ['name', 'price'],
      ['Idem one', '1'],
      ['Idem two', '2'],
    ]);
    const headers = { 'idempotency-key': 'import-once-1' };
    const first = await importCsv(started, csv, '', headers);
    expect(first.statusCode, first.body).toBe(200);
    const afterFirst = await snapshot(handle());
    const second = await importCsv(started, csv, '', headers);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(await snapshot(handle())).toEqual(afterFirst);
    const other = await importCsv(
      started,
      csvText([
        ['name', 'price'],
        ['Idem three', '3'],
      ]),
      '',
      headers,
    );
    expect(other.statusCode).toBe(422);
  });

  it('counts imported rows by result in mystore_import_rows_total (real imports only)', async () => {
    const before = await importRowMetrics(started);
    const stored = (await productBySku(handle(), 'KIT-0005'))!;
    const csv = csvText([
      ['sku', 'name', 'price'],
      ['IMP-C1', 'Counted', '1'],
      [stored.sku!, stored.name, stored.price],
      ['KIT-0006', 'Renamed by import', '3'],
    ]);
    await importCsv(started, csv, '?dry_run=true');
    expect(await importRowMetrics(started)).toEqual(before);
    expect((await importCsv(started, csv)).statusCode).toBe(200);
    await importCsv(
      started,
      csvText([
        ['name', 'price'],
        ['', '1'],
        ['x', 'y'],
      ]),
    );
    const after = await importRowMetrics(started);
    const delta = (result: string) => (after[result] ?? 0) - (before[result] ?? 0);
    expect([delta('created'), delta('updated'), delta('unchanged'), delta('invalid')]).toEqual([1, 1, 1, 2]);
  });

  it('exports every product as streamed CSV that re-imports as all unchanged', async () => {
    const made = await importJson(started, [
      { sku: 'IMP-E1', name: 'Tricky, "quoted"', description: 'line1\r\nline2\nline3, comma', price: '10' },
      { sku: 'IMP-E2', name: 'Empty description', description: '', price: '1', stock_quantity: 5 },
    ]);
    expect(made.statusCode, made.body).toBe(200);
    const response = await send(started, 'GET', '/api/admin/products/export.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="products.csv"');
    expect(response.headers['transfer-encoding']).toBe('chunked');
    const text = response.body;
    expect(
      text.startsWith(`${BOM}id,sku,name,description,price,category,stock_quantity,image_url,is_active,`),
    ).toBe(true);

    const tricky = (await productBySku(handle(), 'IMP-E1'))!;
    const empty = (await productBySku(handle(), 'IMP-E2'))!;
    expect(text).toContain(
      `\r\n${tricky.id},IMP-E1,"Tricky, ""quoted""","line1\r\nline2\nline3, comma",10.00,,0,,true,` +
        `${tricky.created_at},${tricky.updated_at}\r\n`,
    );
    expect(text).toContain(
      `\r\n${empty.id},IMP-E2,Empty description,"",1.00,,5,,true,${empty.created_at},${empty.updated_at}\r\n`,
    );

    const records: Record<string, string>[] = parse(text, { bom: true, columns: true });
    const all = (await snapshot(handle())).products;
    expect(records.map((record) => Number(record.id))).toEqual(all.map((row) => row.product_id));
    const stored: ProductRecord[] = [];
    for await (const product of streamProducts(handle().db, { batchSize: 7 })) stored.push(product);
    records.forEach((record, index) => {
      const product = stored[index]!;
      expect(record).toEqual({
        id: String(product.id),
        sku: product.sku ?? '',
        name: product.name,
        description: product.description ?? '',
        price: product.price,
        category: product.category ?? '',
        stock_quantity: String(product.stock_quantity),
        image_url: product.image_url ?? '',
        is_active: String(product.is_active),
        created_at: product.created_at,
        updated_at: product.updated_at,
      });
    });

    // The literal route wins over /products/:id, which still answers for ids.
    expect((await send(started, 'GET', `/api/admin/products/${tricky.id}`)).json().sku).toBe('IMP-E1');
    expect((await send(started, 'GET', '/api/admin/products/export.json')).statusCode).toBe(400);

    const before = await snapshot(handle());
    const again = await importCsv(started, text);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: records.length });
    expect((await snapshot(handle())).products).toEqual(before.products);
  });

  it('documents both routes in the OpenAPI document', async () => {
    const doc = (await send(started, 'GET', '/api/admin/openapi.json')).json();
    const importOp = doc.paths['/api/admin/products/import'].post;
    expect(Object.keys(importOp.requestBody.content).sort()).toEqual(['application/json', 'text/csv']);
    expect(importOp.parameters.map((p: { name: string }) => p.name)).toEqual(['dry_run', 'idempotency-key']);
    expect(
      doc.paths['/api/admin/products/export.csv'].get.responses['200'].content['text/csv'],
    ).toBeDefined();
  });

  // Last: it makes the catalog larger than one import may hold.
  it('imports 5000 rows in one transaction', async () => {
    const versionBefore = (await snapshot(handle())).catalogVersion;
    const count = await countProducts(handle().db, {});
    const csv = csvText([
      ['sku', 'name', 'price', 'stock_quantity'],
      ...Array.from({ length: 5000 }, (_, i) => [`IMP-M${i}`, `Many ${i}`, `${i}.99`, String(i)]),
    ]);
    const started5000 = Date.now();
    const response = await importCsv(started, csv);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().created).toBe(5000);
    expect(await countProducts(handle().db, {})).toBe(count + 5000);
    expect((await snapshot(handle())).catalogVersion).toBe(versionBefore + 1);
    console.warn(`5000-row import: ${Date.now() - started5000} ms`);
    // The event loop was never blocked long enough for load shedding to refuse the next request
    // (sent without the retry of `send`).
    const next = await started.app.inject({
      url: `/api/admin/products/${response.json().rows[4999].id}`,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(next.statusCode, next.body).toBe(200);
  });
}
