import { parseCatalogFile } from '../../src/modules/catalog/catalog-file-parser.ts';
import { validateCatalogRows } from '../../src/modules/catalog/catalog-import.ts';
import { SKU_MAX_LENGTH } from '../../src/kernel/text/safe-text.ts';

const HEADER = 'sku,name,price_USD';

function refusal(run: () => unknown): { message: string; issues: unknown } {
  try {
    run();
  } catch (error) {
    const { message, issues } = error as { message: string; issues: unknown };
    return { message, issues };
  }
  throw new Error('expected the file to be refused');
}

describe('catalog CSV reader (csv-parse)', () => {
  test('quoted fields keep commas, doubled quotes and newlines; a BOM is dropped; each row has its first line', () => {
    const csv = `\ufeff${HEADER}\r\nA,"Alpha, ""the first""\r\nsecond line",10\r\n\r\nB,Beta,5\r\n`;
    const file = parseCatalogFile(csv, 'csv');
    expect(file.products).toEqual([
      { line: 2, value: { sku: 'A', name: 'Alpha, "the first"\r\nsecond line', prices: { USD: '10' } } },
      { line: 5, value: { sku: 'B', name: 'Beta', prices: { USD: '5' } } },
    ]);
  });

  test('an unterminated quote refuses the file naming its line, instead of swallowing the rows after it', () => {
    const csv = `${HEADER}\nA,a,1\nB,"unterminated,10\nC,c,6\nD,d,7\n`;
    expect(refusal(() => parseCatalogFile(csv, 'csv'))).toEqual({
      message: 'CSV line 3: a quoted field is never closed',
      issues: [{ path: 'line 3', message: 'a quoted field is never closed' }],
    });
  });

  test('a quote inside an unquoted field is refused with its line (it is not silently dropped)', () => {
    expect(refusal(() => parseCatalogFile(`${HEADER}\nA,a,1\nB,x"y,5\n`, 'csv')).issues).toEqual([
      { path: 'line 3', message: expect.stringContaining('a quote inside an unquoted field') },
    ]);
  });

  test('a record with fewer fields than the header is refused with its line', () => {
    expect(refusal(() => parseCatalogFile(`${HEADER}\nA,a\n`, 'csv')).issues).toEqual([
      { path: 'line 2', message: 'the record does not have as many fields as the header' },
    ]);
  });

  test('invalid UTF-8 is refused naming the line, not decoded to U+FFFD', () => {
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}\nA,Alpha,1\nB,Be`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('ta,2\n'),
    ]);
    expect(refusal(() => parseCatalogFile(bytes, 'csv'))).toEqual({
      message: 'Line 3 is not valid UTF-8',
      issues: [{ path: 'line 3', message: 'not valid UTF-8 (save the file as UTF-8)' }],
    });
    expect(parseCatalogFile(Buffer.from(`${HEADER}\nA,Ålpha,1\n`), 'csv').products[0]?.value['name']).toBe('Ålpha');
  });

  test(`a SKU longer than the card's ${SKU_MAX_LENGTH} characters and a NUL in a name are rejected rows with their lines`, () => {
    const csv = `${HEADER}\nOK,Fine,1\n${'S'.repeat(5000)},Long,1\nN,"bad\u0000name",1\n`;
    const { issues, entries } = validateCatalogRows(parseCatalogFile(csv, 'csv'), new Set());
    expect(entries.map((entry) => entry.product.sku)).toEqual(['OK']);
    expect(issues).toEqual([
      { line: 3, path: 'products.1.sku', message: `must be at most ${SKU_MAX_LENGTH} characters` },
      {
        line: 4,
        path: 'products.2.name',
        message: 'must be text without NUL characters or unpaired UTF-16 surrogates',
      },
    ]);
  });

  test('a JSON import nested thousands of levels deep is refused before parsing', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(refusal(() => parseCatalogFile(deep, 'json')).issues).toEqual([
      { path: '', message: 'nested deeper than 64 levels' },
    ]);
  });
});
