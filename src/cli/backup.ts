/** `cadenza backup <file>` and `cadenza restore <file>`: copies of the SQLite score store, taken and put back safely. */
import type { Command } from 'commander';
import { ConfigError, loadConfig, type Config } from '../server/config.js';

export function registerBackup(program: Command): void {
  program
    .command('backup <file>')
    .description('Copy the SQLite score store to a new file while servers keep running (SQLite online backup)')
    .action(async (file: string) => {
      await run(program, async (databaseFile, config) => {
        const [{ backupDatabase }, { sealerOf }] = await Promise.all([import('../server/store/sqlite-backup.js'), import('../server/store/sealing.js')]);
        const report = await backupDatabase(databaseFile, file, sealerOf(config).sealer);
        process.stderr.write(`Backed up ${databaseFile} to ${file}: ${report.scores} scores, ${report.bytes} bytes, every checksum verified.\n`);
      });
    });
  program
    .command('restore <file>')
    .description('Replace the SQLite score store by a backup, after checking the backup (stop the servers first)')
    .action(async (file: string) => {
      await run(program, async (databaseFile, config) => {
        const [{ restoreDatabase }, { sealerOf }] = await Promise.all([import('../server/store/sqlite-backup.js'), import('../server/store/sealing.js')]);
        const report = await restoreDatabase(file, databaseFile, sealerOf(config).sealer);
        process.stderr.write(`Restored ${databaseFile} from ${file}: ${report.scores} scores, ${report.bytes} bytes, every checksum verified.\n`);
      });
    });
}

async function run(program: Command, action: (databaseFile: string, config: Config) => Promise<void>): Promise<void> {
  try {
    const config = loadConfig(process.env, process.cwd());
    if (config.store.backend !== 'sqlite') {
      throw new ConfigError(`CADENZA_STORE is "${config.store.backend}": back up Redis with its own snapshots (BGSAVE, append-only file); the memory store keeps nothing.`);
    }
    await action(config.store.file, config);
  } catch (error) {
    if (error instanceof ConfigError) program.error(error.message, { exitCode: 1 });
    throw error;
  }
}
