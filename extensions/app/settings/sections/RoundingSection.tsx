import { Select, Text } from '@hubspot/ui-extensions';
import type { SettingsSectionProps } from '../settings-section.ts';

const OPTIONS = [
  { label: 'Half up (0.125 -> 0.13)', value: 'half-up' },
  { label: "Half even, banker's rounding (0.125 -> 0.12)", value: 'half-even' },
];

/** How money is rounded at the documented rounding points (line totals, taxes, allocations). */
export function RoundingSection({ form }: SettingsSectionProps) {
  const error = form.errorFor('roundingMode');
  return (
    <>
      <Text>Applies where quotes round money: unit prices, line totals and allocations.</Text>
      <Select
        name="roundingMode"
        testId="settings-rounding-mode"
        label="Rounding mode"
        options={OPTIONS}
        value={form.value.roundingMode}
        readOnly={!form.editable}
        error={error !== undefined}
        {...(error ? { validationMessage: error } : {})}
        onChange={(value) => {
          if (value === 'half-up' || value === 'half-even') form.set({ roundingMode: value });
        }}
      />
    </>
  );
}
