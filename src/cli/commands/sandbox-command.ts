import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { AppError } from '../../kernel/errors/app-error.ts';
import { loadHubSpotSandbox, type HubSpotSandboxModule } from '../../main/sandbox-loader.ts';
import type { CliCommand, CliIo } from '../cli-command.ts';
import { resolveSandboxSecret } from '../../kernel/config/sandbox-secret.ts';

const CODE = 'SANDBOX_ARGUMENTS_INVALID';
const DEFAULT_PORT = 3900;

interface SandboxArgs {
  port: number;
  host: string;
  stateFile: string | undefined;
  webhookUrl: string | undefined;
  seed: boolean;
}

const USAGE = 'cpq sandbox [--port 3900] [--host 127.0.0.1] [--state-file <path>] [--webhook-url <url>] [--no-seed]';

function invalid(message: string): AppError {
  return new AppError('validation', CODE, message, { issues: [{ path: '', message }] });
}

function parseArgs(args: string[]): SandboxArgs {
  const parsed: SandboxArgs = {
    port: DEFAULT_PORT,
    host: '127.0.0.1',
    stateFile: undefined,
    webhookUrl: undefined,
    seed: true,
  };
  for (let index = 0; index < args.length; index += 1) {
    const flag = args[index];
    const value = (): string => {
      const next = args[index + 1];
      if (next === undefined || next.startsWith('--')) throw invalid(`${flag ?? ''} needs a value`);
      index += 1;
      return next;
    };
    switch (flag) {
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw invalid('--port must be an integer between 0 and 65535');
        parsed.port = port;
        break;
      }
      case '--host':
        parsed.host = value();
        break;
      case '--state-file':
        parsed.stateFile = value();
        break;
      case '--webhook-url': {
        const url = value();
        if (!URL.canParse(url)) throw invalid('--webhook-url must be an absolute URL');
        parsed.webhookUrl = url;
        break;
      }
      case '--no-seed':
        parsed.seed = false;
        break;
      default:
        throw invalid(`Unknown argument: ${flag ?? ''}`);
    }
  }
  return parsed;
}

function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolveWrite, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolveWrite()));
  });
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<void> {
  return new Promise((resolveStop) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/**
 * `npx cpq sandbox`: runs the local HubSpot sandbox (docs/sandbox.md)
 * until SIGINT/SIGTERM, printing its URL and the demo access token. Webhooks go to `--webhook-url`
 * signed with HUBSPOT_CLIENT_SECRET (or DATA_DIR/sandbox-client-secret, generated once). `waitForStop` lets tests
 * end the command without sending the process a signal.
 */
export function createSandboxCommand(waitForStop: () => Promise<void> = untilSignal): CliCommand {
  return {
    name: 'sandbox',
    summary: 'Run the local HubSpot sandbox (CRM, OAuth, webhooks) with demo data',
    usage: USAGE,
    async run(args: string[], io: CliIo): Promise<number> {
      const options = parseArgs(args);
      // The app's sandbox-mode secret for this DATA_DIR (never a constant anyone could sign with).
      const clientSecret =
        io.env.HUBSPOT_CLIENT_SECRET ?? (await resolveSandboxSecret(resolve(io.cwd, io.env.DATA_DIR || '.data')));
      const sandboxOptions: Parameters<HubSpotSandboxModule['createHubSpotSandbox']>[0] = {
        host: options.host,
        seed: options.seed,
        oauth: { clientId: io.env.HUBSPOT_CLIENT_ID ?? 'sandbox-client-id', clientSecret },
        ...(options.stateFile ? { stateFile: resolve(io.cwd, options.stateFile) } : {}),
        ...(options.webhookUrl ? { webhook: { url: options.webhookUrl, clientSecret } } : {}),
      };
      // The sandbox tool is loaded only when this command runs (src/main/sandbox-loader.ts).
      const { createHubSpotSandbox } = await loadHubSpotSandbox();
      const sandbox = createHubSpotSandbox(sandboxOptions);
      const server = await sandbox.listen(options.port).catch((error: unknown) => {
        throw new AppError('unavailable', 'SANDBOX_LISTEN_FAILED', `Cannot listen on ${options.host}:${options.port}`, {
          cause: error,
        });
      });
      await write(
        io.stdout,
        [
          `HubSpot sandbox listening on ${server.url}`,
          `  portal id:          ${sandbox.portalId}`,
          `  demo access token:  ${sandbox.demoAccessToken}`,
          `  OAuth client id:    ${sandbox.oauth.clientId}`,
          `  point the app at it: HUBSPOT_API_BASE_URL=${server.url}`,
          `  admin:              ${server.url}/__sandbox/state`,
          options.webhookUrl
            ? `  webhooks to:        ${options.webhookUrl}`
            : '  webhooks:           off (use --webhook-url)',
          'Press Ctrl+C to stop.',
          '',
        ].join('\n'),
      );
      await waitForStop();
      await server.close();
      await write(io.stdout, 'HubSpot sandbox stopped.\n');
      return 0;
    },
  };
}

export const sandboxCommand: CliCommand = createSandboxCommand();
