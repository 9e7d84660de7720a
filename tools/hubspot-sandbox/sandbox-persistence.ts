import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { SandboxStateData, SandboxStore } from './sandbox-store.ts';

/**
 * Optional state file: the whole sandbox state as JSON, written shortly after each change and on
 * close, read back on the next start so records, tokens and schemas survive a restart.
 */
const stateFileSchema = z.object({
  version: z.literal(1),
  portals: z.record(z.string(), z.object({ portalId: z.number().int() }).passthrough()),
  oauth: z.object({
    accessTokens: z.record(z.string(), z.unknown()),
    refreshTokens: z.record(z.string(), z.unknown()),
  }),
});

const WRITE_DELAY_MS = 200;

export function loadStateFile(path: string): SandboxStateData | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = stateFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success)
    throw new Error(`Sandbox state file ${path} is not a version-1 sandbox state: ${parsed.error.message}`);
  // The file is the sandbox's own output; its top level was checked above.
  return parsed.data as unknown as SandboxStateData;
}

export class StatePersister {
  private readonly path: string;
  private readonly store: SandboxStore;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(path: string, store: SandboxStore) {
    this.path = path;
    this.store = store;
  }

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, WRITE_DELAY_MS);
    this.timer.unref();
  }

  /** Writes the current state now (atomically: temp file, then rename). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const json = JSON.stringify(this.store.data);
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      const temp = `${this.path}.${process.pid}.tmp`;
      await writeFile(temp, json);
      await rename(temp, this.path);
    });
    return this.writing;
  }
}
