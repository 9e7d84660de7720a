/**
 * Outside text: the schema is defined next to the card API schemas (the cards package is bundled by
 * HubSpot on its own and may import zod only), and this is where the backend takes it from.
 */
export {
  SAFE_TEXT_MAX_LENGTH,
  SKU_MAX_LENGTH,
  STORABLE_TEXT_MESSAGE,
  STORABLE_TEXT_PATTERN,
  SafeText,
  SkuText,
  safeText,
} from '../../../extensions/app/cards/api/safe-text.ts';
