import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createSandboxCommand, sandboxCommand } from '../../src/cli/commands/sandbox-command.ts';
import type { CliIo } from '../../src/cli/cli-command.ts';
import { AppError } from '../../src/kernel/errors/app-error.ts';
import { waitFor } from '../support/wait-for.ts';

function memoryIo(cwd = process.cwd()): { io: CliIo; stdout: () => string } {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { io: { stdin: new PassThrough(), stdout: out, stderr: new PassThrough(), env: {}, cwd }, stdout: () => text };
}

/** A stop switch the test flips instead of sending SIGINT to the Jest worker. */
function stopSwitch(): { wait: () => Promise<void>; stop: () => void } {
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  return { wait: () => stopped, stop: () => stop() };
}

describe('cpq sandbox', () => {
  test('is the CliCommand named "sandbox" with a --port option', () => {
    expect(sandboxCommand.name).toBe('sandbox');
    expect(sandboxCommand.usage).toContain('--port 3900');
  });

  test('starts on --port, prints its URL and the demo access token, serves CRM calls, exits 0 when stopped', async () => {
    const { io, stdout } = memoryIo();
    const control = stopSwitch();
    const running = createSandboxCommand(control.wait).run(['--port', '0'], io);
    await waitFor(() => stdout().includes('Press Ctrl+C'));
    const url = /listening on (http:\/\/\S+)/.exec(stdout())?.[1] ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stdout()).toContain('demo access token:  sandbox-demo-access-token');
    const response = await fetch(`${url}/crm/v3/objects/deals?limit=1`, {
      headers: { Authorization: 'Bearer sandbox-demo-access-token' },
    });
    expect(response.status).toBe(200);
    control.stop();
    await expect(running).resolves.toBe(0);
    await expect(fetch(`${url}/crm/v3/objects/deals`)).rejects.toThrow();
  });

  test('--state-file keeps records across runs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cpq-sandbox-'));
    const runOnce = async (work: (url: string) => Promise<void>) => {
      const { io, stdout } = memoryIo(dir);
      const control = stopSwitch();
      const running = createSandboxCommand(control.wait).run(
        ['--port', '0', '--state-file', 'state.json', '--no-seed'],
        io,
      );
      await waitFor(() => stdout().includes('Press Ctrl+C'));
      await work(/listening on (http:\/\/\S+)/.exec(stdout())?.[1] ?? '');
      control.stop();
      return running;
    };
    const headers = { Authorization: 'Bearer sandbox-demo-access-token', 'Content-Type': 'application/json' };
    await runOnce(async (url) => {
      const created = await fetch(`${url}/crm/v3/objects/deals`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ properties: { dealname: 'Kept' } }),
      });
      expect(created.status).toBe(201);
    });
    await runOnce(async (url) => {
      const list = (await (await fetch(`${url}/crm/v3/objects/deals?properties=dealname`, { headers })).json()) as {
        results: Array<{ properties: { dealname: string } }>;
      };
      expect(list.results.map((deal) => deal.properties.dealname)).toEqual(['Kept']);
    });
  });

  test.each([[['--port', 'abc']], [['--port']], [['--bogus']], [['--webhook-url', 'not a url']]])(
    'rejects %j as invalid input (exit code 2 kind)',
    async (args) => {
      const { io } = memoryIo();
      const error = await createSandboxCommand(() => Promise.resolve())
        .run(args, io)
        .then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).kind).toBe('validation');
    },
  );
});
