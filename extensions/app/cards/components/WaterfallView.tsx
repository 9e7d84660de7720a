import { Button, DescriptionList, DescriptionListItem, Flex, Heading, Text } from '@hubspot/ui-extensions';
import type { QuoteLineView } from '../api/card-api-schemas.ts';

/** A line's price waterfall (docs/pricing.md "How a quote is priced": a rep must see why the price is what it is). */
export function WaterfallView({
  line,
  currency,
  onClose,
}: {
  line: QuoteLineView;
  currency: string;
  onClose: () => void;
}) {
  return (
    <Flex direction="column" gap="small">
      <Heading>{`Why ${line.sku} costs ${line.netUnitPrice ?? '—'} ${currency}`}</Heading>
      <DescriptionList direction="column">
        {line.waterfall.map((step, i) => (
          <DescriptionListItem key={`${step.step}-${i}`} label={step.step}>
            <Text
              testId={`step-${step.step}`}
            >{`${step.unitPrice} ${currency}${step.detail ? ` — ${step.detail}` : ''}`}</Text>
          </DescriptionListItem>
        ))}
      </DescriptionList>
      <Button size="xs" variant="secondary" onClick={onClose}>
        Close
      </Button>
    </Flex>
  );
}
