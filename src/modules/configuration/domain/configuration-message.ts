/** One outcome of a configuration: a constraint, rule or count message with a stable code. */
export interface ConfigurationMessage {
  level: 'error' | 'warning' | 'info';
  code: string;
  text: string;
  ruleId?: string;
  optionId?: string;
  featureId?: string;
}
