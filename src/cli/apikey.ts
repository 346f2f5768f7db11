/** `cadenza apikey create|list|revoke`: manage API keys in <data dir>/api-keys.json (hashes only). */
import type { Command } from 'commander';
import { SCOPES, type Scope } from '../mcp/define-tool.js';
import { apiKeysFile, createApiKey, readApiKeys, writeApiKeys } from '../server/auth/api-keys.js';
import { loadConfig } from '../server/config.js';
import { isAcceptableTenant, MAX_TENANT_LENGTH } from '../server/store/keys.js';
import { EXIT } from './exit-codes.js';
import { reportingFailures } from './failures.js';

interface CreateOptions {
  readonly tenant: string;
  readonly scopes: string;
  readonly label?: string;
}

export function registerApiKey(program: Command): void {
  const apikey = program.command('apikey').description('Manage API keys for CADENZA_AUTH=apikey (stored hashed in the data folder)');
  apikey
    .command('create')
    .description('Create a key for a tenant; prints it once')
    .requiredOption('--tenant <tenant>', 'the tenant the key acts for')
    .option('--scopes <scopes>', `comma-separated, of ${SCOPES.join(', ')}`, 'scores:read,scores:write')
    .option('--label <label>', 'a note to recognise the key by')
    .action((options: CreateOptions) => reportingFailures(program, async () => create(program, options)));
  apikey
    .command('list')
    .description('List keys (ids, tenants, scopes; never the keys themselves)')
    .action(() => reportingFailures(program, async () => list()));
  apikey
    .command('revoke <id>')
    .description('Revoke a key by id (a running server refuses it from its next request)')
    .action((id: string) => reportingFailures(program, async () => revoke(program, id)));
}

function create(program: Command, options: CreateOptions): void {
  const scopes = options.scopes.split(',').map((scope) => scope.trim());
  const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) program.error(`Unknown scopes: ${unknown.join(', ')}; use ${SCOPES.join(', ')}.`, { exitCode: EXIT.usage });
  // the server refuses such a tenant at every request, so refuse to mint a key that could never work
  if (!isAcceptableTenant(options.tenant)) {
    program.error(`The tenant name must be 1 to ${MAX_TENANT_LENGTH} characters with no control characters.`, { exitCode: EXIT.usage });
  }
  const file = keysFile();
  const { key, record } = createApiKey(options.tenant, scopes as Scope[], options.label);
  writeApiKeys(file, [...readApiKeys(file), record]);
  process.stderr.write(`Created key ${record.id} for tenant ${record.tenant} (${record.scopes.join(' ')}) in ${file}.\nIt is shown once; send it as "Authorization: Bearer <key>".\n`);
  process.stdout.write(`${key}\n`);
}

function list(): void {
  for (const record of readApiKeys(keysFile())) {
    process.stdout.write(`${record.id}\t${record.tenant}\t${record.scopes.join(',')}\t${record.createdAt}\t${record.label ?? ''}\n`);
  }
}

function revoke(program: Command, id: string): void {
  const file = keysFile();
  const records = readApiKeys(file);
  if (!records.some((record) => record.id === id)) program.error(`No key with id ${id}.`, { exitCode: EXIT.noInput });
  writeApiKeys(file, records.filter((record) => record.id !== id));
  process.stderr.write(`Revoked ${id}.\n`);
}

function keysFile(): string {
  return apiKeysFile(loadConfig(process.env, process.cwd()).dataDir);
}
