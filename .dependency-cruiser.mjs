// Architecture rules, checked by `npm run lint` (docs/architecture.md explains each one).
// Layers, lowest first: kernel <- integrations <- modules <- main / cli. Each rule names the layer it protects.
/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'module-via-index-only',
      comment: 'A module imports another module only through that module index.ts.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index[.]ts$'] },
    },
    {
      name: 'outside-via-module-index-only',
      comment: 'Integrations, main and cli reach a module only through its index.ts.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/modules/', '^src/kernel/db/(db-schema|migrations/migration-list)[.]ts$'] },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index[.]ts$' },
    },
    {
      name: 'integration-via-index-only',
      comment: 'Modules, main and cli reach the HubSpot integration only through its index.ts.',
      severity: 'error',
      from: {
        path: '^src/',
        pathNot: ['^src/integrations/', '^src/kernel/db/(db-schema|migrations/migration-list)[.]ts$'],
      },
      to: { path: '^src/integrations/[^/]+/', pathNot: '^src/integrations/[^/]+/index[.]ts$' },
    },
    {
      name: 'kernel-imports-no-feature',
      comment: 'The kernel is generic: it imports no module, integration, composition root or command.',
      severity: 'error',
      from: { path: '^src/kernel/', pathNot: '^src/kernel/db/(db-schema|migrations/migration-list)[.]ts$' },
      to: { path: '^src/(modules|integrations|main|cli)/' },
    },
    {
      name: 'kernel-registry-imports-tables-only',
      comment:
        'The two registration points list each module tables and migrations, nothing else of a module: db-schema.ts imports only *-tables.ts files, migration-list.ts only migrations/ files.',
      severity: 'error',
      from: { path: '^src/kernel/db/db-schema[.]ts$' },
      to: { path: '^src/(modules|integrations|main|cli)/', pathNot: '^src/(modules|integrations)/.+-tables[.]ts$' },
    },
    {
      name: 'kernel-migration-list-imports-migrations-only',
      severity: 'error',
      from: { path: '^src/kernel/db/migrations/migration-list[.]ts$' },
      to: {
        path: '^src/(modules|integrations|main|cli)/',
        pathNot: '^src/(modules|integrations)/.+/migrations/[^/]+[.]ts$',
      },
    },
    {
      name: 'tables-files-import-kernel-only',
      comment:
        'A *-tables.ts file declares columns: it imports kernel column types only, so the registry stays cycle-free.',
      severity: 'error',
      from: { path: '^src/(modules|integrations)/.+-tables[.]ts$' },
      to: { path: '^src/', pathNot: '^src/kernel/db/column-types[.]ts$' },
    },
    {
      name: 'integration-imports-no-module',
      comment: 'Integrations sit below the modules: the composition root (src/main) connects them.',
      severity: 'error',
      from: { path: '^src/integrations/' },
      to: { path: '^src/(modules|main|cli)/' },
    },
    {
      name: 'module-imports-no-root',
      comment: 'Modules never import the composition root or the CLI.',
      severity: 'error',
      from: { path: '^src/modules/' },
      to: { path: '^src/(main|cli)/' },
    },
    {
      name: 'main-imports-no-cli',
      severity: 'error',
      from: { path: '^src/main/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'production-imports-no-tools-or-tests',
      comment:
        'src/ never imports tools/, test/ or bench/ (the sandbox and the CRM preview are loaded by src/main/sandbox-loader.ts and preview-loader.ts only).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/main/(sandbox|preview)-loader[.]ts$' },
      to: { path: '^(tools|test|bench)/' },
    },
    {
      name: 'sandbox-loaded-dynamically-only',
      comment: 'The one sandbox entry point uses a dynamic import (or a type), never a static one.',
      severity: 'error',
      from: { path: '^src/main/(sandbox|preview)-loader[.]ts$' },
      to: { path: '^(tools|test|bench)/', dependencyTypesNot: ['dynamic-import', 'type-only', 'type-import'] },
    },
    {
      name: 'extensions-import-no-backend',
      comment: 'The HubSpot project (cards) is bundled alone: it never imports src/, tools/ or test/.',
      severity: 'error',
      from: { path: '^extensions/' },
      to: { path: '^(src|tools|test|bench)/' },
    },
    {
      name: 'tools-import-no-feature',
      comment: 'The sandbox tool may use kernel helpers (signatures) but no module, integration or root.',
      severity: 'error',
      from: { path: '^tools/' },
      to: { path: '^src/(modules|integrations|main|cli)/' },
    },
    {
      name: 'use-cases-import-no-card-contract',
      comment:
        'Services and pure domain code return domain results; only routes map them to the card schemas in extensions/.',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/(domain/.+|[^/]+-service)[.]ts$' },
      to: { path: '^extensions/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles anywhere in src/ (so none between top-level folders or modules either).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
