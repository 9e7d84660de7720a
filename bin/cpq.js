#!/usr/bin/env -S node --experimental-strip-types --disable-warning=ExperimentalWarning
// The `cpq` command. Node >= 22.18 strips TypeScript types by default; the flag keeps 22.12+ working.
import { runCli } from '../src/cli/cli-main.ts';

const code = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
