import { Alert, Button, ErrorState, Input, LoadingSpinner, NumberInput, Select, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { SettingsPage } from '../../extensions/app/settings/SettingsPage.tsx';
import { SETTINGS_SECTIONS } from '../../extensions/app/settings/settings-sections.ts';
import { AppPageRouter } from '../../extensions/app/pages/AppPages.tsx';
import { APP_PAGES } from '../../extensions/app/pages/page-registry.ts';
import { fire, installFetchFake } from './card-fetch-fake.ts';

const STORED = {
  roundingMode: 'half-up',
  quoteExpiryDays: 30,
  allowedCurrencies: ['USD', 'EUR'],
  updatedAt: null,
};

describe('Settings page (HubSpot settings extension)', () => {
  test('shows a spinner while the settings load, then one section per registered area', async () => {
    installFetchFake([['GET', '/api/v1/settings', () => ({ status: 200, body: STORED })]]);
    const { render, find, findByTestId, waitFor } = createRenderer('settings');
    render(<SettingsPage />);
    expect(find(LoadingSpinner).props.label).toBe('Loading settings');
    await waitFor(() => expect(findByTestId(Select, 'settings-rounding-mode').props.value).toBe('half-up'));
    expect(findByTestId(Input, 'settings-currencies').props.value).toBe('USD, EUR');
    expect(findByTestId(NumberInput, 'settings-quote-expiry').props.value).toBe(30);
    expect(SETTINGS_SECTIONS.map((s) => s.title)).toEqual(['Rounding', 'Currencies', 'Quote expiry']);
  });

  test('Save sends the whole edited settings with PUT and confirms', async () => {
    const { calls } = installFetchFake([
      ['GET', '/api/v1/settings', () => ({ status: 200, body: STORED })],
      [
        'PUT',
        '/api/v1/settings',
        (call) => ({ status: 200, body: { ...(call.body as object), updatedAt: '2026-12-02T10:00:00.000Z' } }),
      ],
    ]);
    const { render, find, findByTestId, waitFor } = createRenderer('settings');
    render(<SettingsPage />);
    await waitFor(() => expect(findByTestId(Select, 'settings-rounding-mode').props.value).toBe('half-up'));
    fire(findByTestId(Select, 'settings-rounding-mode'), 'onChange', 'half-even');
    fire(findByTestId(Input, 'settings-currencies'), 'onChange', 'EUR, USD, SEK');
    fire(findByTestId(NumberInput, 'settings-quote-expiry'), 'onChange', 45);
    findByTestId(Button, 'settings-save').trigger('onClick');
    await waitFor(() => expect(find(Alert).props.title).toBe('Settings saved'));
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.body).toEqual({
      roundingMode: 'half-even',
      quoteExpiryDays: 45,
      allowedCurrencies: ['EUR', 'USD', 'SEK'],
    });
  });

  test("the API's field-level errors show on the fields they name", async () => {
    installFetchFake([
      ['GET', '/api/v1/settings', () => ({ status: 200, body: STORED })],
      [
        'PUT',
        '/api/v1/settings',
        () => ({
          status: 400,
          body: {
            error: {
              code: 'SETTINGS_INVALID',
              message: 'Invalid settings',
              issues: [
                { path: 'allowedCurrencies.1', message: 'must be an ISO 4217 code such as "USD"' },
                { path: 'quoteExpiryDays', message: 'Too big: expected number to be <=365' },
              ],
            },
          },
        }),
      ],
    ]);
    const { render, find, findByTestId, waitFor } = createRenderer('settings');
    render(<SettingsPage />);
    await waitFor(() => expect(findByTestId(Input, 'settings-currencies').props.value).toBe('USD, EUR'));
    fire(findByTestId(Input, 'settings-currencies'), 'onChange', 'USD, euro');
    fire(findByTestId(NumberInput, 'settings-quote-expiry'), 'onChange', 400);
    findByTestId(Button, 'settings-save').trigger('onClick');
    await waitFor(() => expect(findByTestId(Input, 'settings-currencies').props.error).toBe(true));
    expect(findByTestId(Input, 'settings-currencies').props.validationMessage).toBe(
      'must be an ISO 4217 code such as "USD"',
    );
    expect(findByTestId(NumberInput, 'settings-quote-expiry').props.validationMessage).toBe(
      'Too big: expected number to be <=365',
    );
    expect(findByTestId(Select, 'settings-rounding-mode').props.error).toBe(false);
    expect(find(Alert).props.title).toBe('Some settings need a fix');
  });

  test('a non-admin gets the 403 as "Only app admins can change settings" and the form keeps the edit', async () => {
    installFetchFake([
      ['GET', '/api/v1/settings', () => ({ status: 200, body: STORED })],
      [
        'PUT',
        '/api/v1/settings',
        () => ({ status: 403, body: { error: { code: 'ROLE_REQUIRED', message: 'admin role required', issues: [] } } }),
      ],
    ]);
    const { render, find, findByTestId, waitFor } = createRenderer('settings');
    render(<SettingsPage />);
    await waitFor(() => expect(findByTestId(NumberInput, 'settings-quote-expiry').props.value).toBe(30));
    fire(findByTestId(NumberInput, 'settings-quote-expiry'), 'onChange', 60);
    findByTestId(Button, 'settings-save').trigger('onClick');
    await waitFor(() => expect(find(Alert).props.title).toBe('Only app admins can change settings'));
    expect(findByTestId(NumberInput, 'settings-quote-expiry').props.value).toBe(60);
  });

  test('a failed load shows the error state', async () => {
    installFetchFake([['GET', '/api/v1/settings', () => ({ status: 500, body: {} })]]);
    const { render, find, waitFor } = createRenderer('settings');
    render(<SettingsPage />);
    await waitFor(() => expect(find(ErrorState).props.title).toBe('Settings could not be loaded'));
  });
});

describe('App pages', () => {
  test('the router renders the registered Overview page at the index route', async () => {
    expect(APP_PAGES.map((page) => [page.id, page.path])).toEqual([['overview', '/']]);
    const { render, findByTestId, waitFor } = createRenderer('pages');
    render(<AppPageRouter />);
    await waitFor(() => expect(findByTestId(Text, 'overview-intro').text).toContain('Configure & Price'));
  });
});
