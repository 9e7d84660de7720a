import { EmptyState, Text, hubspot } from '@hubspot/ui-extensions';

/**
 * Placeholder for the deal-record "Configure & Price" tab. It only proves the card builds, uploads
 * and renders; the real configurator (hubspot.fetch to the backend's signed /api routes) replaces it.
 * Only @hubspot/ui-extensions components render inside HubSpot: no HTML, no CSS (reference §2).
 */
export function ConfigurePriceCard() {
  return (
    <EmptyState title="Configure & Price is coming soon" layout="vertical">
      <Text>Product configuration, pricing and quoting for this deal will appear here.</Text>
    </EmptyState>
  );
}

hubspot.extend<'crm.record.tab'>(() => <ConfigurePriceCard />);
