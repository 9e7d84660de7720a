import {
  Alert,
  Button,
  Divider,
  ErrorState,
  Flex,
  Heading,
  LoadingSpinner,
  Text,
  Tile,
  hubspot,
} from '@hubspot/ui-extensions';
import { useEffect, useState } from 'react';
import { CpqApiError, createCpqClient } from '../cards/api/cpq-client.ts';
import type { PortalSettingsInput } from '../cards/api/settings-api-schemas.ts';
import { issuesFor, type FieldIssue, type PortalSettingsForm } from './settings-section.ts';
import { SETTINGS_SECTIONS } from './settings-sections.ts';

type Phase = { kind: 'loading' } | { kind: 'error' } | { kind: 'ready'; value: PortalSettingsInput };
type Notice = { kind: 'saved' } | { kind: 'forbidden' } | { kind: 'failed'; message: string } | undefined;

const withoutUpdatedAt = ({ roundingMode, quoteExpiryDays, allowedCurrencies }: PortalSettingsInput) => ({
  roundingMode,
  quoteExpiryDays,
  allowedCurrencies,
});

/**
 * The app's settings page (HubSpot "settings" extension, under the app in Connected apps). Each
 * area is a section from settings-sections.ts; the portal settings (`/api/v1/settings`) are saved
 * together, admins only (the API answers 403 otherwise), with the API's field errors on the fields.
 */
export function SettingsPage() {
  const [client] = useState(() => createCpqClient());
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<Notice>(undefined);

  useEffect(() => {
    let live = true;
    client.getSettings().then(
      (settings) => live && setPhase({ kind: 'ready', value: withoutUpdatedAt(settings) }),
      () => live && setPhase({ kind: 'error' }),
    );
    return () => {
      live = false;
    };
  }, [client]);

  if (phase.kind === 'loading') return <LoadingSpinner label="Loading settings" />;
  if (phase.kind === 'error')
    return (
      <ErrorState title="Settings could not be loaded">
        <Text>The CPQ service did not answer. Reload the page to try again.</Text>
      </ErrorState>
    );

  const form: PortalSettingsForm = {
    value: phase.value,
    editable: !saving,
    set: (patch) => {
      setPhase({ kind: 'ready', value: { ...phase.value, ...patch } });
      setNotice(undefined);
    },
    errorFor: (field) => issuesFor(issues, field),
  };

  const save = async () => {
    setSaving(true);
    setNotice(undefined);
    try {
      const saved = await client.putSettings(phase.value);
      setPhase({ kind: 'ready', value: withoutUpdatedAt(saved) });
      setIssues([]);
      setNotice({ kind: 'saved' });
    } catch (error) {
      const apiError = error instanceof CpqApiError ? error : undefined;
      setIssues(apiError?.status === 400 ? apiError.issues : []);
      if (apiError?.status === 403) setNotice({ kind: 'forbidden' });
      else if (apiError?.status !== 400)
        setNotice({ kind: 'failed', message: apiError?.message ?? 'The settings could not be saved' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex direction="column" gap="medium">
      {notice?.kind === 'saved' && <Alert title="Settings saved" variant="success" />}
      {notice?.kind === 'forbidden' && (
        <Alert title="Only app admins can change settings" variant="warning">
          Ask an admin of the CPQ app in this account to make the change.
        </Alert>
      )}
      {notice?.kind === 'failed' && (
        <Alert title="Not saved" variant="danger">
          {notice.message}
        </Alert>
      )}
      {issues.length > 0 && (
        <Alert title="Some settings need a fix" variant="danger">
          The fields below say what to change.
        </Alert>
      )}
      {SETTINGS_SECTIONS.map(({ id, title, Component }) => (
        <Tile key={id}>
          <Heading>{title}</Heading>
          <Component form={form} client={client} />
        </Tile>
      ))}
      <Divider />
      <Button testId="settings-save" variant="primary" disabled={saving} onClick={() => void save()}>
        {saving ? 'Saving...' : 'Save settings'}
      </Button>
    </Flex>
  );
}

hubspot.extend<'settings'>(() => <SettingsPage />);
