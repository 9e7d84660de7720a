// The catalog module's public surface (other modules, the CLI and the composition root import only this file).
export { catalogModule } from './catalog-module.ts';
export { catalogRepository, type StoredCatalogEntry } from './catalog-repository.ts';
export { parseCatalogFile, parseRowsFile, type RawRow, type RawCatalogFile } from './catalog-file-parser.ts';
export { importCatalog, toErrorIssues, type RowIssue, type CatalogImportResult } from './catalog-import.ts';
export { createCatalogAdapter } from './webhooks/catalog-adapter.ts';
export { handleProductEvent } from './webhooks/product-event-handler.ts';
export { syncCatalogFromHubSpot, type CatalogSyncReport } from './hubspot-catalog-sync.ts';
