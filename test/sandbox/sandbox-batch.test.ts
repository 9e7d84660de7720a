import { apiError, asRecord, startSandbox, type Harness } from './sandbox-harness.ts';

const products = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => ({
    properties: { name: `${prefix} ${index}`, hs_sku: `${prefix}-${index}`, price: '10' },
    associations: [],
  }));

describe('sandbox CRM v3 batch endpoints (limit 100, 207 multi-status)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startSandbox({ seed: false });
  });
  afterEach(async () => {
    await h.close();
  });

  test('batch create of exactly 100 inputs answers 201 COMPLETE with 100 results', async () => {
    const response = await h.client.crm.products.batchApi.create({ inputs: products(100, 'B') });
    expect(response.status).toBe('COMPLETE');
    expect(response.results).toHaveLength(100);
    expect(response.startedAt).toBeInstanceOf(Date);
    expect(response.completedAt).toBeInstanceOf(Date);
    expect(h.sandbox.state.listObjects('products')).toHaveLength(100);
  });

  test.each(['create', 'read', 'update', 'upsert', 'archive'])(
    'batch %s with 101 inputs is a 400 VALIDATION_ERROR and writes nothing',
    async (operation) => {
      const inputs =
        operation === 'create'
          ? products(101, 'X')
          : Array.from({ length: 101 }, (_, index) => ({
              id: String(index + 1),
              properties: { name: 'n' },
              idProperty: 'hs_sku',
            }));
      const body =
        operation === 'read'
          ? { inputs: inputs.map((input) => ({ id: 'id' in input ? input.id : '1' })), properties: [] }
          : { inputs };
      const response = await h.http('POST', `/crm/v3/objects/products/batch/${operation}`, { body });
      expect(response.status).toBe(400);
      expect(asRecord(response.body)).toMatchObject({
        status: 'error',
        category: 'VALIDATION_ERROR',
        message:
          'The maximum number of inputs supported in a batch request is 100. Please reduce the number of items and try again',
      });
      expect(h.sandbox.state.listObjects('products')).toHaveLength(0);
    },
  );

  test('batch create is all-or-nothing: one invalid input fails the batch with 400 and creates none', async () => {
    const inputs = [...products(3, 'OK'), { properties: { name: 'bad', price: 'free' }, associations: [] }];
    const error = await apiError(h.client.crm.products.batchApi.create({ inputs }));
    expect(error.code).toBe(400);
    expect(h.sandbox.state.listObjects('products')).toHaveLength(0);
  });

  test('batch create with objectWriteTraceId on every input opts in to 207: good inputs created, bad ones reported', async () => {
    const response = await h.http('POST', '/crm/v3/objects/products/batch/create', {
      body: {
        inputs: [
          { properties: { name: 'good', price: '1' }, objectWriteTraceId: 'trace-1' },
          { properties: { name: 'bad', price: 'free' }, objectWriteTraceId: 'trace-2' },
        ],
      },
    });
    expect(response.status).toBe(207);
    const body = asRecord(response.body);
    expect(body.status).toBe('COMPLETE');
    expect(body.numErrors).toBe(1);
    expect((body.results as unknown[]).length).toBe(1);
    expect((body.errors as Array<Record<string, unknown>>)[0]).toMatchObject({
      status: 'error',
      category: 'VALIDATION_ERROR',
      id: 'trace-2',
    });
  });

  test('batch read answers 207 with OBJECT_NOT_FOUND naming the missing ids, and the found records', async () => {
    const created = await h.client.crm.products.batchApi.create({ inputs: products(2, 'R') });
    const ids = created.results.map((product) => product.id);
    const response = await h.client.crm.products.batchApi.read({
      inputs: [...ids, '424242'].map((id) => ({ id })),
      properties: ['hs_sku'],
      propertiesWithHistory: [],
    });
    expect(response.results.map((product) => product.properties.hs_sku).sort()).toEqual(['R-0', 'R-1']);
    expect('errors' in response ? response.errors : undefined).toEqual([
      expect.objectContaining({ category: 'OBJECT_NOT_FOUND', context: { ids: ['424242'] } }),
    ]);
  });

  test('batch read by idProperty hs_sku returns the records with those SKUs', async () => {
    await h.client.crm.products.batchApi.create({ inputs: products(3, 'SKU') });
    const response = await h.client.crm.products.batchApi.read({
      idProperty: 'hs_sku',
      inputs: [{ id: 'SKU-2' }, { id: 'SKU-0' }],
      properties: ['name'],
      propertiesWithHistory: [],
    });
    expect(response.results.map((product) => product.properties.name)).toEqual(['SKU 2', 'SKU 0']);
  });

  test('batch update answers 200 when all succeed and 207 when an id does not exist', async () => {
    const created = await h.client.crm.products.batchApi.create({ inputs: products(2, 'U') });
    const [first, second] = created.results.map((product) => product.id);
    const ok = await h.http('POST', '/crm/v3/objects/products/batch/update', {
      body: {
        inputs: [
          { id: first, properties: { price: '20' } },
          { id: second, properties: { price: '30' } },
        ],
      },
    });
    expect(ok.status).toBe(200);
    const partial = await h.http('POST', '/crm/v3/objects/products/batch/update', {
      body: {
        inputs: [
          { id: first, properties: { price: '25' } },
          { id: '99999', properties: { price: '1' } },
        ],
      },
    });
    expect(partial.status).toBe(207);
    const body = asRecord(partial.body);
    expect((body.results as Array<{ properties: Record<string, string> }>)[0]?.properties.price).toBe('25');
    expect(body.errors).toEqual([
      expect.objectContaining({ category: 'OBJECT_NOT_FOUND', context: { ids: ['99999'] } }),
    ]);
  });

  test('batch upsert by unique idProperty (hs_sku) updates existing records and creates the others, flagging `new`', async () => {
    await h.client.crm.products.batchApi.create({ inputs: products(1, 'UP') });
    const response = await h.client.crm.products.batchApi.upsert({
      inputs: [
        { idProperty: 'hs_sku', id: 'UP-0', properties: { price: '99' } },
        { idProperty: 'hs_sku', id: 'UP-NEW', properties: { name: 'Fresh', price: '5' } },
      ],
    });
    const bySku = Object.fromEntries(response.results.map((product) => [product.properties.hs_sku, product]));
    expect(bySku['UP-0']?._new).toBe(false);
    expect(bySku['UP-0']?.properties.price).toBe('99');
    expect(bySku['UP-NEW']?._new).toBe(true);
    expect(bySku['UP-NEW']?.properties.name).toBe('Fresh');
    expect(h.sandbox.state.listObjects('products')).toHaveLength(2);
  });

  test('upsert with an idProperty that is not unique is a 400', async () => {
    const response = await h.http('POST', '/crm/v3/objects/products/batch/upsert', {
      body: { inputs: [{ idProperty: 'name', id: 'Laptop', properties: { price: '1' } }] },
    });
    expect(response.status).toBe(400);
    expect(String(asRecord(response.body).message)).toContain('not a unique property');
  });

  test('two inputs of one batch claiming the same unique value: the batch fails with 409', async () => {
    const error = await apiError(
      h.client.crm.products.batchApi.create({
        inputs: [
          { properties: { name: 'a', hs_sku: 'SAME' }, associations: [] },
          { properties: { name: 'b', hs_sku: 'SAME' }, associations: [] },
        ],
      }),
    );
    expect(error.code).toBe(409);
    expect(h.sandbox.state.listObjects('products')).toHaveLength(0);
  });

  test('batch archive answers 204 and archives the named records, ignoring unknown ids', async () => {
    const created = await h.client.crm.products.batchApi.create({ inputs: products(3, 'A') });
    const [first, second] = created.results.map((product) => product.id);
    await h.client.crm.products.batchApi.archive({
      inputs: [{ id: first ?? '' }, { id: second ?? '' }, { id: '777777' }],
    });
    const live = (await h.client.crm.products.basicApi.getPage(100)).results.map((product) => product.id);
    expect(live).toHaveLength(1);
    expect(live).not.toContain(first);
  });
});
