/** `cadenza apikey create|list|revoke`: manage API keys in <data dir>/api-keys.json (hashes only). */
import type { Command } from 'commander';
import { SCOPES, type Scope } from '../mcp/define-tool.js';
import { apiKeysFile, createApiKey, readApiKeys, writeApiKeys } from '../server/auth/api-keys.js';
import { loadConfig } from '../server/config.js';
import { EXIT } from './exit-codes.js';

export function registerApiKey(program: Command): void {
  const apikey = program.command('apikey').description('Manage API keys for CADENZA_AUTH=apikey (stored hashed in the data folder)');
  apikey
    .command('create')
    .description('Create a key for a tenant; prints it once')
    .requiredOption('--tenant <tenant>', 'the tenant the key acts for')
    .option('--scopes <scopes>', `comma-separated, of ${SCOPES.join(', ')}`, 'scores:read,scores:write')
    .option('--label <label>', 'a note to recognise the key by')
    .action((options: { tenant: string; scopes: string; label?: string }) => {
      const scopes = options.scopes.split(',').map((scope) => scope.trim());
      const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
      if (unknown.length > 0) program.error(`Unknown scopes: ${unknown.join(', ')}; use ${SCOPES.join(', ')}.`, { exitCode: EXIT.usage });
      const file = keysFile();
      const { key, record } = createApiKey(options.tenant, scopes as Scope[], options.label);
      writeApiKeys(file, [...readApiKeys(file), record]);
      process.stderr.write(`Created key ${record.id} for tenant ${record.tenant} (${record.scopes.join(' ')}) in ${file}.\nIt is shown once; send it as "Authorization: Bearer <key>".\n`);
      process.stdout.write(`${key}\n`);
    });
  apikey
    .command('list')
    .description('List keys (ids, tenants, scopes; never the keys themselves)')
    .action(() => {
      for (const record of readApiKeys(keysFile())) {
        process.stdout.write(`${record.id}\t${record.tenant}\t${record.scopes.join(',')}\t${record.createdAt}\t${record.label ?? ''}\n`);
      }
    });
  apikey
    .command('revoke <id>')
    .description('Revoke a key by id (restart the server to apply)')
    .action((id: string) => {
      const file = keysFile();
      const records = readApiKeys(file);
      if (!records.some((record) => record.id === id)) program.error(`No key with id ${id}.`, { exitCode: EXIT.noInput });
      writeApiKeys(file, records.filter((record) => record.id !== id));
      process.stderr.write(`Revoked ${id}.\n`);
    });
}

function keysFile(): string {
  return apiKeysFile(loadConfig(process.env, process.cwd()).dataDir);
}
