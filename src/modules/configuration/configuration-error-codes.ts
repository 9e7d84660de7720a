/** Error and message codes of the configuration module (one table, no free strings). */
export const CONFIGURATION_ERROR_CODES = {
  requestInvalid: 'CONFIGURATION_REQUEST_INVALID',
  unknownBundle: 'CONFIGURATION_UNKNOWN_BUNDLE',
  catalogInvalid: 'CONFIGURATION_CATALOG_INVALID',
  rulesDidNotConverge: 'CONFIGURATION_RULES_DID_NOT_CONVERGE',
} as const;

/** Codes of the messages a configuration result carries (stable: cards and integrators match on them). */
export const CONFIGURATION_MESSAGE_CODES = {
  featureMinOptions: 'FEATURE_MIN_OPTIONS',
  featureMaxOptions: 'FEATURE_MAX_OPTIONS',
  optionRequires: 'OPTION_REQUIRES',
  optionExcludes: 'OPTION_EXCLUDES',
  optionUnknown: 'OPTION_UNKNOWN',
  optionHidden: 'OPTION_HIDDEN',
  optionQuantityFixed: 'OPTION_QUANTITY_FIXED',
  ruleValidation: 'RULE_VALIDATION',
  ruleAlert: 'RULE_ALERT',
  defaultApplied: 'OPTION_DEFAULT_APPLIED',
  ruleSelection: 'RULE_SELECTION',
} as const;
