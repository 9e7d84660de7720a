import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `npm run bench`: runs every bench/*-bench.ts in turn; each prints its own JSON to stdout. */
const here = dirname(fileURLToPath(import.meta.url));
const benches = readdirSync(here)
  .filter((name) => name.endsWith('-bench.ts'))
  .sort();
let failed = 0;
for (const name of benches) {
  process.stderr.write(`bench: ${name}\n`);
  const result = spawnSync(
    process.execPath,
    [
      '--experimental-strip-types',
      '--disable-warning=ExperimentalWarning',
      '--expose-gc',
      join(here, name),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) failed += 1;
}
process.exitCode = failed === 0 ? 0 : 1;
