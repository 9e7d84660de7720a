import { EmptyState, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { ConfigurePriceCard } from '../../extensions/app/cards/ConfigurePriceCard.tsx';

// Importing the card also runs its top-level hubspot.extend(); outside a HubSpot worker the package
// swaps in a no-op extend, so the component can be rendered directly with the testing renderer.
describe('ConfigurePriceCard placeholder', () => {
  test('renders on a deal record tab and says the configurator is coming', () => {
    const { render, find } = createRenderer('crm.record.tab');
    render(<ConfigurePriceCard />);

    expect(find(EmptyState).props.title).toBe('Configure & Price is coming soon');
    expect(find(Text).text).toBe('Product configuration, pricing and quoting for this deal will appear here.');
  });
});
