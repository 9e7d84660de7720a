import { NumberInput, Text } from '@hubspot/ui-extensions';
import type { SettingsSectionProps } from '../settings-section.ts';

/** Days from creation until a new quote expires. */
export function QuoteExpirySection({ form }: SettingsSectionProps) {
  const error = form.errorFor('quoteExpiryDays');
  return (
    <>
      <Text>A new quote expires this many days after it is created (1 to 365).</Text>
      <NumberInput
        name="quoteExpiryDays"
        testId="settings-quote-expiry"
        label="Quote expiry (days)"
        value={form.value.quoteExpiryDays}
        precision={0}
        readOnly={!form.editable}
        error={error !== undefined}
        {...(error ? { validationMessage: error } : {})}
        onChange={(days) => form.set({ quoteExpiryDays: days })}
      />
    </>
  );
}
