import { z } from 'zod';

const ObjectSchema = z.object({ id: z.string(), properties: z.record(z.string(), z.string().nullable()) });
const ListSchema = z.object({ results: z.array(ObjectSchema) });
const AssociationsSchema = z.object({ results: z.array(z.object({ toObjectId: z.union([z.string(), z.number()]) })) });

export type SandboxObject = z.infer<typeof ObjectSchema>;

export const DEAL_PROPERTIES = ['dealname', 'amount', 'dealstage', 'pipeline', 'closedate', 'deal_currency_code'];
export const LINE_ITEM_PROPERTIES = ['name', 'hs_sku', 'quantity', 'price', 'discount', 'amount', 'hs_product_id'];
export const QUOTE_PROPERTIES = ['hs_title', 'hs_status', 'hs_expiration_date', 'hs_quote_amount'];

/** Reads the sandbox through its public CRM API with the demo token, like any HubSpot client. */
export function createSandboxReader(sandboxUrl: string, accessToken: string) {
  async function get<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
    const response = await fetch(`${sandboxUrl}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (!response.ok) throw new Error(`sandbox ${path}: HTTP ${response.status}`);
    return schema.parse(await response.json());
  }
  const props = (names: string[]) => `properties=${names.join(',')}`;

  async function associated(dealId: string, toType: string, properties: string[]): Promise<SandboxObject[]> {
    const links = await get(`/crm/v4/objects/deals/${dealId}/associations/${toType}`, AssociationsSchema);
    return Promise.all(
      links.results.map((link) =>
        get(`/crm/v3/objects/${toType}/${link.toObjectId}?${props(properties)}`, ObjectSchema),
      ),
    );
  }

  return {
    listDeals: async () => (await get(`/crm/v3/objects/deals?limit=100&${props(DEAL_PROPERTIES)}`, ListSchema)).results,
    getDeal: (dealId: string) => get(`/crm/v3/objects/deals/${dealId}?${props(DEAL_PROPERTIES)}`, ObjectSchema),
    lineItems: (dealId: string) => associated(dealId, 'line_items', LINE_ITEM_PROPERTIES),
    quotes: (dealId: string) => associated(dealId, 'quotes', QUOTE_PROPERTIES),
  };
}

export type SandboxReader = ReturnType<typeof createSandboxReader>;
