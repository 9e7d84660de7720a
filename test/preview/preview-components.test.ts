import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PREVIEW_COMPONENTS } from '../../tools/crm-preview/browser/ui-extensions-dom.tsx';
import { bundleCard, listProjectCards } from '../../tools/crm-preview/preview-card-bundler.ts';

const EXTENSIONS = fileURLToPath(new URL('../../extensions', import.meta.url));
const RUNTIME_EXPORTS = ['hubspot', 'useExtensionContext', 'useExtensionActions'];
const IMPORT_PATTERN = /import\s*(type\s*)?\{([^}]*)\}\s*from\s*'@hubspot\/ui-extensions'/g;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
      return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
    }),
  );
  return nested.flat();
}

/** Value imports from `@hubspot/ui-extensions` across the project's extension sources. */
async function importedNames(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const file of await sourceFiles(EXTENSIONS)) {
    for (const match of (await readFile(file, 'utf8')).matchAll(IMPORT_PATTERN)) {
      if (match[1]) continue;
      for (const part of (match[2] ?? '').split(',')) {
        const name = part.trim();
        if (name !== '' && !name.startsWith('type ')) names.add(name);
      }
    }
  }
  return names;
}

describe('the CRM preview renders every component the cards use', () => {
  test('every @hubspot/ui-extensions component imported by extensions/ exists in the preview', async () => {
    const known = new Set<string>([...PREVIEW_COMPONENTS, ...RUNTIME_EXPORTS]);
    const missing = [...(await importedNames())].filter((name) => !known.has(name)).sort();
    expect(missing).toEqual([]);
  });

  test('every declared card bundles for the browser against the preview components', async () => {
    const cards = await listProjectCards(EXTENSIONS);
    expect(cards.map((card) => card.uid).sort()).toEqual([
      'attribution_card',
      'configure_price_card',
      'contract_billing_card',
      'customer_contracts_card',
      'quote_summary_card',
    ]);
    for (const card of cards) {
      const result = await bundleCard(card.file);
      expect({ uid: card.uid, ok: result.ok }).toEqual({ uid: card.uid, ok: true });
    }
  });

  test('a card using a component the preview lacks fails the bundle with the component named', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cpq-preview-card-'));
    try {
      const file = join(dir, 'UsesAccordion.tsx');
      await writeFile(
        file,
        'import { Accordion, hubspot } from \'@hubspot/ui-extensions\';\nhubspot.extend(() => <Accordion title="x" />);\n',
      );
      const result = await bundleCard(file);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.error).toMatch(/No matching export .* for import "Accordion"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
