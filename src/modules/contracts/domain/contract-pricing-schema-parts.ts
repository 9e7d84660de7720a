import { z } from 'zod';
import { PricingRequestSchema } from '../../pricing/index.ts';

/**
 * The parts `cpq amend` and `cpq renew` share with `cpq price` (public-interfaces: "catalog",
 * "account" and "options" are "as in cpq price"): taken from the pricing request schema itself so
 * the three commands accept exactly the same catalog.
 */
export const PricingShape = PricingRequestSchema.shape;

/**
 * The checks of the pricing request that span its fields (duplicate skus, unknown discount
 * schedule ids, term schedules that are not ranges), run on the shared parts of an amend or renew
 * request and reported at the same paths.
 */
export function checkPricingParts(
  parts: Pick<z.input<typeof PricingRequestSchema>, 'currency' | 'catalog' | 'account' | 'options'>,
  ctx: z.RefinementCtx,
): void {
  const { currency, catalog, account, options } = parts;
  const result = PricingRequestSchema.safeParse({ currency, catalog, account, options, lines: [] });
  if (result.success) return;
  for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
}

/** Reports a duplicate id at `path.<index>.<field>`. */
export function flagDuplicateIds(
  ids: readonly string[],
  path: (string | number)[],
  field: string,
  ctx: z.RefinementCtx,
  taken: ReadonlySet<string> = new Set(),
): void {
  const seen = new Set<string>(taken);
  ids.forEach((id, index) => {
    if (seen.has(id))
      ctx.addIssue({ code: 'custom', path: [...path, index, field], message: `duplicate ${field} "${id}"` });
    seen.add(id);
  });
}
