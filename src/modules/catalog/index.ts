// The catalog module's public surface (other modules import only this file).
export { catalogRepository, type StoredCatalogEntry } from './catalog-repository.ts';
