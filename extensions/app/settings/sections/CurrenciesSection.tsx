import { Input, Text } from '@hubspot/ui-extensions';
import type { SettingsSectionProps } from '../settings-section.ts';

/** "USD, EUR" <-> ["USD", "EUR"]: the API validates each code and names the bad one. */
function toList(text: string): string[] {
  return text
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');
}

/** The currencies a rep may quote in; the first is the default for new quotes. */
export function CurrenciesSection({ form }: SettingsSectionProps) {
  const error = form.errorFor('allowedCurrencies');
  return (
    <>
      <Text>ISO 4217 codes, separated by commas. The first one is the default for new quotes.</Text>
      <Input
        name="allowedCurrencies"
        testId="settings-currencies"
        label="Quote currencies"
        value={form.value.allowedCurrencies.join(', ')}
        readOnly={!form.editable}
        error={error !== undefined}
        {...(error ? { validationMessage: error } : {})}
        onChange={(text) => form.set({ allowedCurrencies: toList(text) })}
      />
    </>
  );
}
