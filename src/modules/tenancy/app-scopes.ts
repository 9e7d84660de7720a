/**
 * The app's OAuth scopes, identical to extensions/app/app-hsmeta.json (a test keeps them equal),
 * and the optional features each group of optional scopes switches on (docs/hubspot-app.md "Scopes").
 */
export const REQUIRED_SCOPES: readonly string[] = [
  'oauth',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.line_items.read',
  'crm.objects.line_items.write',
  'crm.objects.products.read',
  'crm.objects.products.write',
  'crm.objects.quotes.read',
  'crm.objects.quotes.write',
  'crm.objects.companies.read',
  'crm.objects.contacts.read',
  'crm.schemas.deals.write',
  'crm.schemas.quotes.write',
];

export type OptionalFeature =
  'native-invoices' | 'contract-custom-object' | 'commerce-subscriptions' | 'campaign-attribution';

/** A feature is on only when every scope it needs was granted (the installer may decline optional scopes). */
export const OPTIONAL_FEATURES: Readonly<Record<OptionalFeature, readonly string[]>> = {
  'native-invoices': ['crm.objects.invoices.read', 'crm.objects.invoices.write'],
  'contract-custom-object': [
    'crm.schemas.custom.read',
    'crm.schemas.custom.write',
    'crm.objects.custom.read',
    'crm.objects.custom.write',
  ],
  'commerce-subscriptions': ['crm.objects.subscriptions.read'],
  'campaign-attribution': ['marketing.campaigns.read'],
};

export const OPTIONAL_SCOPES: readonly string[] = [...new Set(Object.values(OPTIONAL_FEATURES).flat())];

/** Features whose scopes are all in `granted`, in a stable order. */
export function featuresFor(granted: readonly string[]): OptionalFeature[] {
  const set = new Set(granted);
  return (Object.keys(OPTIONAL_FEATURES) as OptionalFeature[]).filter((feature) =>
    OPTIONAL_FEATURES[feature].every((scope) => set.has(scope)),
  );
}

/** Required scopes HubSpot did not grant (an install missing one is refused). */
export function missingRequiredScopes(granted: readonly string[]): string[] {
  const set = new Set(granted);
  return REQUIRED_SCOPES.filter((scope) => !set.has(scope));
}
