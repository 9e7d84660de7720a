import type { ComponentType } from 'react';
import type { CpqClient } from '../cards/api/cpq-client.ts';
import type { PortalSettingsInput } from '../cards/api/settings-api-schemas.ts';

/** One field-level problem from the API's error JSON (`path` like `allowedCurrencies.1`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The portal settings form (`/api/v1/settings`) as a section sees it. */
export interface PortalSettingsForm {
  value: PortalSettingsInput;
  set(patch: Partial<PortalSettingsInput>): void;
  /** The messages of the last save's issues for one field (its path or anything under it). */
  errorFor(field: keyof PortalSettingsInput): string | undefined;
  /** False while saving. */
  editable: boolean;
}

export interface SettingsSectionProps {
  form: PortalSettingsForm;
  /** For sections with their own API (approval rules, templates, billing...): load and save there. */
  client: CpqClient;
}

/** A section of the settings page: one area, one file, registered with one line in settings-sections.ts. */
export interface SettingsSection {
  id: string;
  title: string;
  Component: ComponentType<SettingsSectionProps>;
}

export function issuesFor(issues: readonly FieldIssue[], field: string): string | undefined {
  const messages = issues
    .filter((issue) => issue.path === field || issue.path.startsWith(`${field}.`))
    .map((issue) => issue.message);
  return messages.length > 0 ? messages.join('; ') : undefined;
}
