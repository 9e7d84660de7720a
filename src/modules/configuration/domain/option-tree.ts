import { AppError } from '../../../kernel/errors/app-error.ts';
import { Decimal, ONE } from '../../../kernel/money/money.ts';
import { CONFIGURATION_ERROR_CODES } from '../configuration-error-codes.ts';
import type { ConfigurationCatalog } from './configuration-schema.ts';

/** Options may be bundles themselves, nested at most this deep (Salesforce CPQ nested bundles). */
export const MAX_BUNDLE_DEPTH = 3;

export interface ProductInfo {
  sku: string;
  name: string;
  category: string | null;
  attributes: Readonly<Record<string, string>>;
}

/** One option of the configured bundle; nested options have path ids (`dock/cable`). */
export interface OptionNode {
  id: string;
  featureId: string;
  parentOptionId: string | null;
  depth: number;
  product: ProductInfo;
  required: boolean;
  isDefault: boolean;
  quantity: Decimal;
  quantityEditable: boolean;
  quantityPerBundleUnit: boolean;
  bundled: boolean;
  discountPercent: string | null;
}

export interface FeatureNode {
  id: string;
  name: string;
  minOptions: number;
  maxOptions: number | null;
  parentOptionId: string | null;
  optionIds: string[];
}

export interface OptionTree {
  bundle: ProductInfo;
  features: FeatureNode[];
  options: Map<string, OptionNode>;
}

function invalid(message: string, path: string): AppError {
  return new AppError('validation', CONFIGURATION_ERROR_CODES.catalogInvalid, message, { issues: [{ path, message }] });
}

/** Flattens a bundle's features and options (and nested bundles' ones) into one tree. */
export function buildOptionTree(catalog: ConfigurationCatalog, bundleSku: string): OptionTree {
  const products = new Map<string, ProductInfo>();
  for (const product of catalog.products) {
    products.set(product.sku, {
      sku: product.sku,
      name: product.name ?? product.sku,
      category: product.category ?? null,
      attributes: product.attributes ?? {},
    });
  }
  const bundles = new Map((catalog.bundles ?? []).map((bundle) => [bundle.sku, bundle]));
  const root = bundles.get(bundleSku);
  const rootProduct = products.get(bundleSku);
  if (!root || !rootProduct) {
    throw new AppError('validation', CONFIGURATION_ERROR_CODES.unknownBundle, `No bundle with sku ${bundleSku}`, {
      issues: [{ path: 'selection.bundleSku', message: 'is not a bundle of the catalog (bundles and products)' }],
    });
  }
  const features: FeatureNode[] = [];
  const options = new Map<string, OptionNode>();

  function walk(sku: string, parentOptionId: string | null, depth: number): void {
    const bundle = bundles.get(sku);
    if (!bundle) return;
    if (depth > MAX_BUNDLE_DEPTH)
      throw invalid(`Bundle ${bundleSku} nests bundles deeper than ${MAX_BUNDLE_DEPTH}`, 'catalog.bundles');
    const prefix = parentOptionId === null ? '' : `${parentOptionId}/`;
    for (const feature of bundle.features) {
      const node: FeatureNode = {
        id: `${prefix}${feature.id}`,
        name: feature.name,
        minOptions: feature.minOptions ?? 0,
        maxOptions: feature.maxOptions ?? null,
        parentOptionId,
        optionIds: [],
      };
      features.push(node);
      for (const option of feature.options) {
        const id = `${prefix}${option.id}`;
        const product = products.get(option.sku);
        if (!product)
          throw invalid(`Option ${id} names sku ${option.sku}, which is not a catalog product`, 'catalog.bundles');
        if (options.has(id)) throw invalid(`Option id ${id} is used twice in bundle ${bundleSku}`, 'catalog.bundles');
        options.set(id, {
          id,
          featureId: node.id,
          parentOptionId,
          depth,
          product,
          required: option.required ?? false,
          isDefault: option.default ?? false,
          quantity: option.quantity === undefined ? ONE : new Decimal(option.quantity),
          quantityEditable: option.quantityEditable ?? false,
          quantityPerBundleUnit: option.quantityPerBundleUnit ?? false,
          bundled: option.bundled ?? false,
          discountPercent: option.discountPercent ?? null,
        });
        node.optionIds.push(id);
        walk(option.sku, id, depth + 1);
      }
    }
  }
  walk(bundleSku, null, 1);
  return { bundle: rootProduct, features, options };
}
