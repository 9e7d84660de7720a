import { runCli } from '../../src/cli/cli-main.ts';
import { configurationRouter } from '../../src/modules/configuration/configuration-route.ts';
import { memoryIo } from '../support/memory-io.ts';
import { errorOf, startHttpHarness, type HttpHarness } from '../support/http-harness.ts';
import { laptopCatalog } from './laptop-catalog.ts';

const request = { catalog: laptopCatalog(), selection: { bundleSku: 'LAPTOP', options: [{ option: 'mem32' }] } };

describe('cpq configure and POST /api/v1/configuration/validate', () => {
  let harness: HttpHarness;
  beforeAll(async () => {
    harness = await startHttpHarness({ apiRouters: [configurationRouter()] });
  });
  afterAll(async () => harness.close());

  test('the command prints the resolved configuration and the route answers the same JSON', async () => {
    const { io, out } = memoryIo({ stdin: JSON.stringify(request) });
    expect(await runCli(['configure'], io)).toBe(0);
    const printed = JSON.parse(out.stdout) as { configuration: { valid: boolean; lines: Array<{ sku: string }> } };
    expect(printed.configuration.valid).toBe(true);
    expect(printed.configuration.lines.map((line) => line.sku)).toEqual(['LAPTOP', 'MEM-32', 'WARRANTY']);
    const response = await harness.signedFetch('POST', '/api/v1/configuration/validate?portalId=7', {
      body: JSON.stringify(request),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(printed);
  });

  test('invalid input names the field: exit 2 / 400 (unparsable custom logic, unknown field)', async () => {
    const bad = {
      ...request,
      catalog: laptopCatalog({ rules: [{ id: 'r', type: 'alert', message: 'm', conditions: [], logic: '1 AND' }] }),
      extra: 1,
    };
    const { io, out } = memoryIo({ stdin: JSON.stringify(bad) });
    expect(await runCli(['configure'], io)).toBe(2);
    expect(out.stdout).toBe('');
    const response = await harness.signedFetch('POST', '/api/v1/configuration/validate?portalId=7', {
      body: JSON.stringify(bad),
    });
    expect(response.status).toBe(400);
    const paths = (await errorOf(response)).issues.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['', 'catalog.rules.0.logic']));
  });

  test('an unknown bundle is a 400 naming selection.bundleSku', async () => {
    const response = await harness.signedFetch('POST', '/api/v1/configuration/validate?portalId=7', {
      body: JSON.stringify({ ...request, selection: { bundleSku: 'NOPE' } }),
    });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).issues.map((issue) => issue.path)).toEqual(['selection.bundleSku']);
  });
});

describe('published JSON Schema', () => {
  test('docs/configuration-request.schema.json is what the zod schema generates now (regenerate: node scripts/export-json-schema.ts)', async () => {
    const { readFile } = await import('node:fs/promises');
    const { configurationRequestJsonSchema } =
      await import('../../src/modules/configuration/domain/configuration-json-schema.ts');
    const { renderJsonSchema } = await import('../../src/modules/pricing/domain/pricing-json-schema.ts');
    const committed = await readFile(new URL('../../docs/configuration-request.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(renderJsonSchema(configurationRequestJsonSchema()));
  });
});
