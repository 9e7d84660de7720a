import { loadConfig } from '../../kernel/config/app-config.ts';
import { migrateDatabase } from '../../kernel/db/migrate-database.ts';
import { openAppDatabase } from '../../kernel/db/open-app-database.ts';
import type { CliCommand } from '../cli-command.ts';

/** `npx cpq migrate`: applies pending migrations to DATABASE_URL or the PGlite in DATA_DIR. */
export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Apply pending database migrations (DATABASE_URL, or PGlite under DATA_DIR)',
  usage: 'cpq migrate',
  async run(_args, io) {
    const config = loadConfig(io.env);
    const database = await openAppDatabase(config, 'cli');
    try {
      const report = await migrateDatabase(database);
      const summary = report.applied.length === 0 ? 'Database is up to date' : `Applied ${report.applied.join(', ')}`;
      io.stdout.write(`${summary} (${database.kind})\n`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
