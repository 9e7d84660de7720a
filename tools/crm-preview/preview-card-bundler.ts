import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { build } from 'esbuild';
import { z } from 'zod';

/** The DOM stand-in that `@hubspot/ui-extensions` resolves to in the preview's browser bundles. */
/** React and zod resolve from the repository's node_modules even for a card outside the tree. */
const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));

export const DOM_COMPONENTS_FILE = fileURLToPath(new URL('./browser/ui-extensions-dom.tsx', import.meta.url));

const CardMetaSchema = z.object({
  uid: z.string(),
  type: z.literal('card'),
  config: z.object({
    name: z.string(),
    location: z.string(),
    entrypoint: z.string(),
    objectTypes: z.array(z.string()).default([]),
  }),
});

export interface PreviewCard {
  uid: string;
  name: string;
  location: string;
  objectTypes: string[];
  /** Absolute path of the card's .tsx entrypoint. */
  file: string;
}

/** The cards the project declares (`*-hsmeta.json` next to the sources, HubSpot docs "App card reference"). */
export async function listProjectCards(extensionsDir: string): Promise<PreviewCard[]> {
  const cardsDir = join(extensionsDir, 'app', 'cards');
  const files = (await readdir(cardsDir)).filter((name) => name.endsWith('-hsmeta.json')).sort();
  const cards: PreviewCard[] = [];
  for (const name of files) {
    const meta = CardMetaSchema.parse(JSON.parse(await readFile(join(cardsDir, name), 'utf8')));
    cards.push({
      uid: meta.uid,
      name: meta.config.name,
      location: meta.config.location,
      objectTypes: meta.config.objectTypes,
      file: join(extensionsDir, meta.config.entrypoint),
    });
  }
  return cards;
}

export type BundleResult = { ok: true; code: string } | { ok: false; error: string };

/**
 * Bundles one card's real source for the browser. A component the DOM stand-in does not export fails
 * the build ("No matching export ... for import X"); the preview shows that message in the card slot.
 */
export async function bundleCard(file: string): Promise<BundleResult> {
  try {
    const result = await build({
      entryPoints: [file],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      jsx: 'automatic',
      logLevel: 'silent',
      nodePaths: [NODE_MODULES],
      alias: { '@hubspot/ui-extensions': DOM_COMPONENTS_FILE },
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    const output = result.outputFiles[0];
    return output ? { ok: true, code: output.text } : { ok: false, error: 'esbuild produced no output' };
  } catch (error) {
    const errors = z.object({ errors: z.array(z.object({ text: z.string() })) }).safeParse(error);
    return {
      ok: false,
      error: errors.success ? errors.data.errors.map((e) => e.text).join('\n') : String(error),
    };
  }
}
