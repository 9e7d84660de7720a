import type { SettingsSection } from './settings-section.ts';
import { CurrenciesSection } from './sections/CurrenciesSection.tsx';
import { QuoteExpirySection } from './sections/QuoteExpirySection.tsx';
import { RoundingSection } from './sections/RoundingSection.tsx';

/**
 * The settings page's sections, in display order. A module adds its area (approval rules,
 * document templates, billing defaults and invoice numbers, renewals, user roles) with one file in
 * sections/ and one line here.
 */
export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { id: 'rounding', title: 'Rounding', Component: RoundingSection },
  { id: 'currencies', title: 'Currencies', Component: CurrenciesSection },
  { id: 'quote-expiry', title: 'Quote expiry', Component: QuoteExpirySection },
];
