import { startSandbox, type Harness } from './sandbox-harness.ts';

describe('sandbox account info (GET /account-info/v3/details)', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  test('answers the portal id and its company currency, USD unless configured', async () => {
    h = await startSandbox({ portalId: 555 });
    const response = await h.http('GET', '/account-info/v3/details');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ portalId: 555, companyCurrency: 'USD', additionalCurrencies: [] });
  });

  test('the company currency comes from the sandbox options', async () => {
    h = await startSandbox({ companyCurrency: 'EUR' });
    expect((await h.http('GET', '/account-info/v3/details')).body).toMatchObject({ companyCurrency: 'EUR' });
  });

  test('needs a bearer token like every other HubSpot API route (401 without one)', async () => {
    h = await startSandbox();
    expect((await h.http('GET', '/account-info/v3/details', { token: null })).status).toBe(401);
  });
});
