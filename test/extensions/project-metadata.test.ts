import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { translate } from '@hubspot/project-parsing-lib/translate';
import type { IntermediateRepresentationNode } from '@hubspot/project-parsing-lib/translate';
import { isKnownPlatformVersion, parseProjectConfig } from '@hubspot/project-parsing-lib/projects';
import { ALLOWED_TOP_LEVEL_FIELDS } from '@hubspot/project-parsing-lib/constants';
import { validateUid } from '@hubspot/project-parsing-lib/uid';

// Parses extensions/ the way the HubSpot CLI does, offline (HubSpot docs "Projects reference"). Full schema validation
// (`hs project validate`) needs an account and network, so the settings that matter are pinned here.
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SRC_DIR = join(REPO_ROOT, 'extensions');
const BACKEND_ORIGIN = 'https://cpq.example.com';

const appConfig = z.object({
  distribution: z.string(),
  auth: z.object({
    type: z.string(),
    redirectUrls: z.array(z.string()),
    requiredScopes: z.array(z.string()),
    optionalScopes: z.array(z.string()),
    conditionallyRequiredScopes: z.array(z.string()),
  }),
  permittedUrls: z.object({ fetch: z.array(z.string()), iframe: z.array(z.string()), img: z.array(z.string()) }),
  support: z.object({
    supportEmail: z.string(),
    documentationUrl: z.string(),
    supportUrl: z.string(),
    supportPhone: z.string(),
  }),
});
const cardConfig = z.object({ location: z.string(), entrypoint: z.string(), objectTypes: z.array(z.string()) });
const webhooksConfig = z.object({
  settings: z.object({ targetUrl: z.string(), maxConcurrentRequests: z.number() }),
  subscriptions: z.object({
    crmObjects: z.array(
      z.object({
        subscriptionType: z.string(),
        objectType: z.string(),
        propertyName: z.string().optional(),
        active: z.boolean(),
      }),
    ),
  }),
});
const packageJson = z.object({
  type: z.string().optional(),
  dependencies: z.record(z.string(), z.string()).optional(),
  devDependencies: z.record(z.string(), z.string()).optional(),
  version: z.string().optional(),
});

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

async function projectNodes(): Promise<IntermediateRepresentationNode[]> {
  const result = await translate(
    { projectSourceDir: SRC_DIR, platformVersion: '2026.03', accountId: 123 },
    { skipValidation: true },
  );
  expect(result.skippedHsMetaFiles).toEqual([]);
  return Object.values(result.intermediateRepresentation.intermediateNodesIndexedByUid);
}

async function nodeOfType(componentType: string): Promise<IntermediateRepresentationNode> {
  const matches = (await projectNodes()).filter((node) => node.componentType === componentType);
  expect(matches).toHaveLength(1);
  const [node] = matches;
  if (node === undefined) throw new Error(`no ${componentType} component`);
  return node;
}

describe('HubSpot project metadata', () => {
  test('hsproject.json names the project, points at extensions/ and uses platform 2026.03 (app pages)', () => {
    expect(parseProjectConfig(REPO_ROOT)).toEqual({
      name: 'hubspot-cpq',
      srcDir: 'extensions',
      platformVersion: '2026.03',
    });
    expect(isKnownPlatformVersion('2026.03')).toBe(true);
  });

  test('the project has one app, its cards, the settings page, the app pages and one webhooks component, with valid uids', async () => {
    const nodes = await projectNodes();
    expect(nodes.map((node) => node.componentType).sort()).toEqual([
      'APPLICATION',
      'CARD',
      'CARD',
      'CARD',
      'CARD',
      'CARD',
      'PAGE',
      'SETTINGS',
      'WEBHOOKS',
    ]);
    for (const node of nodes) expect(validateUid(node.uid)).toBeUndefined();
    const app = await nodeOfType('APPLICATION');
    for (const node of nodes.filter((n) => n.uid !== app.uid)) expect(node.componentDeps['app']).toBe(app.uid);
  });

  test('every *-hsmeta.json uses only top-level fields the CLI accepts', async () => {
    const allowed: ReadonlySet<string> = ALLOWED_TOP_LEVEL_FIELDS;
    for (const node of await projectNodes()) {
      const meta = z.record(z.string(), z.unknown()).parse(readJson(join(SRC_DIR, node.metaFilePath)));
      for (const key of Object.keys(meta)) expect(allowed.has(key)).toBe(true);
    }
  });

  test('the app is a marketplace OAuth app whose cards may fetch only the backend origin', async () => {
    const config = appConfig.parse((await nodeOfType('APPLICATION')).config);
    expect(config.distribution).toBe('marketplace');
    expect(config.auth.type).toBe('oauth');
    expect(config.auth.redirectUrls).toEqual([`${BACKEND_ORIGIN}/oauth/callback`]);
    expect(config.permittedUrls.fetch).toEqual([BACKEND_ORIGIN]);
    expect(config.support.supportEmail).toMatch(/@/);
  });

  test('required scopes cover the quote-to-cash objects; optional ones the tier-dependent features', async () => {
    const { auth } = appConfig.parse((await nodeOfType('APPLICATION')).config);
    expect([...auth.requiredScopes].sort()).toEqual([
      'crm.objects.companies.read',
      'crm.objects.contacts.read',
      'crm.objects.deals.read',
      'crm.objects.deals.write',
      'crm.objects.line_items.read',
      'crm.objects.line_items.write',
      'crm.objects.products.read',
      'crm.objects.products.write',
      'crm.objects.quotes.read',
      'crm.objects.quotes.write',
      'crm.schemas.deals.write',
      'crm.schemas.quotes.write',
      'oauth',
    ]);
    expect(auth.optionalScopes).toEqual(
      expect.arrayContaining([
        'crm.objects.invoices.write',
        'crm.schemas.custom.write',
        'crm.objects.subscriptions.read',
        'marketing.campaigns.read',
      ]),
    );
  });

  test('no scope is listed twice, within or across required/optional/conditional', async () => {
    const { auth } = appConfig.parse((await nodeOfType('APPLICATION')).config);
    const all = [...auth.requiredScopes, ...auth.optionalScopes, ...auth.conditionallyRequiredScopes];
    expect(new Set(all).size).toBe(all.length);
  });

  test('the cards are the deal tabs and sidebars the app declares, whose entrypoints exist', async () => {
    const cards = (await projectNodes())
      .filter((node) => node.componentType === 'CARD')
      .map((node) => cardConfig.parse(node.config));
    expect(cards.map((c) => [c.location, c.entrypoint, c.objectTypes]).sort()).toEqual([
      ['crm.record.sidebar', '/app/cards/AttributionCard.tsx', ['deals']],
      ['crm.record.sidebar', '/app/cards/CustomerContractsCard.tsx', ['companies']],
      ['crm.record.sidebar', '/app/cards/QuoteSummaryCard.tsx', ['deals']],
      ['crm.record.tab', '/app/cards/ConfigurePriceCard.tsx', ['deals']],
      ['crm.record.tab', '/app/cards/ContractBillingCard.tsx', ['deals']],
    ]);
    for (const card of cards) expect(existsSync(join(SRC_DIR, card.entrypoint))).toBe(true);
  });

  test('the settings page and the app pages point at entrypoints that exist', async () => {
    const entry = z.object({ entrypoint: z.string() });
    const settings = entry.parse((await nodeOfType('SETTINGS')).config);
    const pages = entry.parse((await nodeOfType('PAGE')).config);
    expect([settings.entrypoint, pages.entrypoint]).toEqual([
      '/app/settings/SettingsPage.tsx',
      '/app/pages/AppPages.tsx',
    ]);
    for (const path of [settings.entrypoint, pages.entrypoint]) expect(existsSync(join(SRC_DIR, path))).toBe(true);
  });

  test("the cards' backend origin constant is the app's only permitted fetch origin", async () => {
    const source = readFileSync(join(SRC_DIR, 'app/cards/api/cpq-client.ts'), 'utf8');
    expect(source).toContain(`export const BACKEND_ORIGIN = '${BACKEND_ORIGIN}';`);
    expect(appConfig.parse((await nodeOfType('APPLICATION')).config).permittedUrls.fetch).toEqual([BACKEND_ORIGIN]);
  });

  test('webhooks go to the backend with every subscription the sync relies on', async () => {
    const config = webhooksConfig.parse((await nodeOfType('WEBHOOKS')).config);
    expect(config.settings).toEqual({ targetUrl: `${BACKEND_ORIGIN}/webhooks/hubspot`, maxConcurrentRequests: 10 });
    const subscriptions = config.subscriptions.crmObjects.map(
      (s) =>
        `${s.objectType} ${s.subscriptionType}${s.propertyName ? ` ${s.propertyName}` : ''}${s.active ? '' : ' (inactive)'}`,
    );
    expect(subscriptions.sort()).toEqual([
      'deal object.creation',
      'deal object.deletion',
      'deal object.merge',
      'deal object.propertyChange amount',
      'deal object.propertyChange dealstage',
      'line_item object.creation',
      'line_item object.deletion',
      'line_item object.propertyChange amount',
      'line_item object.propertyChange price',
      'line_item object.propertyChange quantity',
      'product object.creation',
      'product object.deletion',
      'product object.propertyChange hs_sku',
      'product object.propertyChange name',
      'product object.propertyChange price',
    ]);
  });

  test('the cards package pins react 18.3.1, ui-extensions 0.17.0 and zod 4.6.7, matching the root and what is installed', () => {
    const cards = packageJson.parse(readJson(join(SRC_DIR, 'app/cards/package.json')));
    const root = packageJson.parse(readJson(join(REPO_ROOT, 'package.json')));
    expect(cards.type).toBe('module');
    // zod: the card API schemas (app/cards/api) are shared with the backend and parse responses in the card.
    expect(cards.dependencies).toEqual({ '@hubspot/ui-extensions': '0.17.0', react: '18.3.1', zod: '4.6.7' });
    for (const [name, version] of Object.entries(cards.dependencies ?? {})) {
      // The root may use a caret/tilde range; its base version must be the exact pin the cards use.
      const rootRange = root.devDependencies?.[name] ?? root.dependencies?.[name];
      expect(rootRange?.replace(/^[\^~]/, '')).toBe(version);
      const installed = packageJson.parse(readJson(join(REPO_ROOT, 'node_modules', name, 'package.json')));
      expect(installed.version).toBe(version);
    }
  });

  test('hubspot.config.yml holds no personal access key and points to --use-env', () => {
    const text = readFileSync(join(REPO_ROOT, 'hubspot.config.yml'), 'utf8');
    const settings = text
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'))
      .join('\n');
    expect(settings).not.toMatch(/personalAccessKey\s*:\s*['"]?[^'"\s]/i);
    expect(settings).not.toMatch(/accessToken|refreshToken|apiKey/i);
    expect(text).not.toMatch(/\bpat-[a-z0-9]+-/i);
    expect(text).toContain('hs project upload --use-env');
    expect(text).toContain('HUBSPOT_ACCOUNT_ID');
    expect(text).toContain('HUBSPOT_PERSONAL_ACCESS_KEY');
  });
});
