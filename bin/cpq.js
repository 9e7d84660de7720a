#!/usr/bin/env -S node --experimental-strip-types --disable-warning=ExperimentalWarning
// The `cpq` command. Node >= 22.18 strips TypeScript types by default; the flag keeps 22.12+ working.
// Pure commands (`price`) load alone: a cold start skips the database and HubSpot modules.
import { PURE_COMMAND_LOADERS } from '../src/cli/pure-command-loaders.ts';

const io = {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
};
const [name, ...args] = process.argv.slice(2);
const pure = name === undefined ? undefined : PURE_COMMAND_LOADERS[name];
if (pure) {
  const { runGuarded } = await import('../src/cli/cli-runner.ts');
  const command = await pure();
  process.exitCode = await runGuarded(io, () => command.run(args, io));
} else {
  const { runCli } = await import('../src/cli/cli-main.ts');
  process.exitCode = await runCli(process.argv.slice(2), io);
}
