import type { PortalId } from '../../../kernel/db/portal-id.ts';
import { isDecimalString } from '../../../kernel/money/money.ts';
import { generatedSku } from '../domain/hubspot-product-mapping.ts';
import type { HandlerResult } from '../../../integrations/hubspot/index.ts';
import type { WebhookEvent } from '../../../integrations/hubspot/index.ts';
import type { ProductFields, WebhookPorts } from '../../../integrations/hubspot/index.ts';

/** Product properties the catalog mirrors (HubSpot docs "CRM API: Quotes, Line items, Associations v4": `hs_sku`, `name`, `price`). */
const PRODUCT_FIELDS: Readonly<Record<string, 'name' | 'sku' | 'price'>> = {
  name: 'name',
  hs_sku: 'sku',
  price: 'price',
};
/** HubSpot's multi-currency price properties: `hs_price_usd`, `hs_price_eur`, ... */
const CURRENCY_PRICE = /^hs_price_([a-z]{3})$/i;

const done = (outcome: string): HandlerResult => ({ status: 'done', outcome });
const ignored = (outcome: string): HandlerResult => ({ status: 'ignored', outcome });

/** A HubSpot product without hs_sku gets this catalog SKU (stable: the HubSpot id never changes). */
export function fallbackSku(hubspotProductId: string): string {
  return generatedSku(hubspotProductId);
}

/** The mirrored fields one propertyChange carries, or undefined when the property is not mirrored. */
function fieldsOf(event: WebhookEvent): ProductFields | undefined {
  const name = event.propertyName ?? '';
  const value = event.propertyValue ?? '';
  const field = PRODUCT_FIELDS[name];
  if (field) return { [field]: value };
  const currency = CURRENCY_PRICE.exec(name)?.[1];
  return currency ? { prices: { [currency.toUpperCase()]: value } } : undefined;
}

/**
 * Creates the catalog entry of a HubSpot product the catalog does not have yet, from the product
 * as HubSpot has it now (name, hs_sku, price read through the portal's client) and the portal's
 * company currency (a bare `price` is in it). SKU = hs_sku, else `HS-<id>`; name = the product's
 * name, else the SKU. A product without a price gets an entry without prices (quoting it then
 * reports a missing price, as for any catalog entry). `requireSku`: only create when HubSpot has
 * an hs_sku (a propertyChange on an unlinked product).
 */
async function createFromHubSpot(
  portalId: PortalId,
  productId: string,
  ports: WebhookPorts,
  requireSku: boolean,
): Promise<HandlerResult> {
  const { hubspot, catalog } = ports;
  if (!hubspot || !catalog) return ignored('product-not-linked');
  const product = await hubspot.product(portalId, productId);
  if (!product) return ignored('product-gone');
  if (requireSku && product.sku === null) return ignored('product-not-linked');
  if (product.price !== null && !isDecimalString(product.price)) return ignored('price-not-decimal');
  const sku = product.sku ?? fallbackSku(productId);
  const prices = product.price === null ? {} : { [await hubspot.companyCurrency(portalId)]: product.price };
  const result = await catalog.createFromHubSpotProduct(portalId, productId, {
    sku,
    name: product.name ?? sku,
    prices,
  });
  return result === 'created' ? done('product-created') : ignored('product-sku-taken');
}

/** Product events (`0-7`): the linked catalog entry follows HubSpot; unlinked products are created. */
export async function handleProductEvent(
  event: WebhookEvent,
  kind: string,
  productId: string,
  portalId: PortalId,
  ports: WebhookPorts,
): Promise<HandlerResult> {
  if (kind === 'deletion') {
    if (!ports.catalog) return ignored('port-not-wired');
    return (await ports.catalog.removeByHubSpotId(portalId, productId))
      ? done('product-removed')
      : ignored('product-unknown');
  }
  if (kind !== 'creation' && kind !== 'restore' && kind !== 'propertyChange') return ignored('unsubscribed');
  const fields = kind === 'propertyChange' ? fieldsOf(event) : {};
  if (!fields) return ignored('property-not-mirrored');
  if (!ports.catalog) return ignored('port-not-wired');
  const price = fields.price ?? Object.values(fields.prices ?? {})[0];
  if (price !== undefined && !isDecimalString(price)) return ignored('price-not-decimal');
  const result = await ports.catalog.upsertFromHubSpotProduct(portalId, productId, fields);
  if (result === 'not-linked') return createFromHubSpot(portalId, productId, ports, kind === 'propertyChange');
  return result === 'ambiguous-price' ? ignored('product-ambiguous-price') : done(`product-${result}`);
}
