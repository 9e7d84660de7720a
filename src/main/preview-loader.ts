/**
 * Production code reaches tools/crm-preview only here, through a dynamic import that runs in sandbox
 * mode alone (like src/main/sandbox-loader.ts); a start with HubSpot credentials never loads it.
 */
// Return type inferred on purpose: the only reference to the tool is this dynamic import.
export async function loadCrmPreview() {
  return import('../../tools/crm-preview/crm-preview.ts');
}

export interface PreviewStartInput {
  backendUrl: string;
  publicBaseUrl: string;
  clientSecret: string;
  sandbox: { url: string; accessToken: string; portalId: number };
  port: number;
}

/** Starts the local CRM preview next to the backend and the sandbox; resolves to its URL and a close. */
export async function startLocalPreview(input: PreviewStartInput): Promise<{ url: string; close(): Promise<void> }> {
  const { startCrmPreview } = await loadCrmPreview();
  return startCrmPreview({
    backendUrl: input.backendUrl,
    publicBaseUrl: input.publicBaseUrl,
    clientSecret: input.clientSecret,
    sandboxUrl: input.sandbox.url,
    sandboxAccessToken: input.sandbox.accessToken,
    portalId: input.sandbox.portalId,
    port: input.port,
  });
}
