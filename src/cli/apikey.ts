/**
 * `cadenza apikey create|list|revoke`: manage API keys (hashes only) where the servers read them: Redis
 * when CADENZA_STORE=redis (every replica sees a change at its next request), else <data dir>/api-keys.json.
 */
import type { Command } from 'commander';
import { SCOPES, type Scope } from '../mcp/define-tool.js';
import { apiKeysFile, createApiKey, type ApiKeyRegistry } from '../server/auth/api-keys.js';
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
  const apikey = program.command('apikey').description('Manage API keys for CADENZA_AUTH=apikey (stored hashed in Redis with CADENZA_STORE=redis, else in the data folder)');
  apikey
    .command('create')
    .description('Create a key for a tenant; prints it once')
    .requiredOption('--tenant <tenant>', 'the tenant the key acts for')
    .option('--scopes <scopes>', `comma-separated, of ${SCOPES.join(', ')}`, 'scores:read,scores:write')
    .option('--label <label>', 'a note to recognise the key by')
    .action((options: CreateOptions) => reportingFailures(program, async () => withRegistry((registry) => create(program, registry, options))));
  apikey
    .command('list')
    .description('List keys (ids, tenants, scopes; never the keys themselves)')
    .action(() => reportingFailures(program, async () => withRegistry(list)));
  apikey
    .command('revoke <id>')
    .description('Revoke a key by id (a running server refuses it from its next request)')
    .action((id: string) => reportingFailures(program, async () => withRegistry((registry) => revoke(program, registry, id))));
}

async function create(program: Command, registry: ApiKeyRegistry, options: CreateOptions): Promise<void> {
  const scopes = options.scopes.split(',').map((scope) => scope.trim());
  const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) program.error(`Unknown scopes: ${unknown.join(', ')}; use ${SCOPES.join(', ')}.`, { exitCode: EXIT.usage });
  // the server refuses such a tenant at every request, so refuse to mint a key that could never work
  if (!isAcceptableTenant(options.tenant)) {
    program.error(`The tenant name must be 1 to ${MAX_TENANT_LENGTH} characters with no control characters.`, { exitCode: EXIT.usage });
  }
  const { key, record } = createApiKey(options.tenant, scopes as Scope[], options.label);
  await registry.add(record);
  process.stderr.write(`Created key ${record.id} for tenant ${record.tenant} (${record.scopes.join(' ')}) in ${registry.where}.\nIt is shown once; send it as "Authorization: Bearer <key>".\n`);
  process.stdout.write(`${key}\n`);
}

async function list(registry: ApiKeyRegistry): Promise<void> {
  for (const record of await registry.list()) {
    process.stdout.write(`${record.id}\t${record.tenant}\t${record.scopes.join(',')}\t${record.createdAt}\t${record.label ?? ''}\n`);
  }
}

async function revoke(program: Command, registry: ApiKeyRegistry, id: string): Promise<void> {
  if (!(await registry.remove(id))) program.error(`No key with id ${id} in ${registry.where}.`, { exitCode: EXIT.noInput });
  process.stderr.write(`Revoked ${id} in ${registry.where}.\n`);
}

/** the keys where the servers of this configuration read them; a keys file from before Redis is imported first */
async function withRegistry(action: (registry: ApiKeyRegistry) => Promise<void>): Promise<void> {
  const config = loadConfig(process.env, process.cwd());
  const file = apiKeysFile(config.dataDir);
  let registry: ApiKeyRegistry;
  if (config.store.backend === 'redis') {
    const [{ RedisApiKeys }, { connectRedis }, { redisKeys }] = await Promise.all([import('../server/auth/api-key-redis.js'), import('../server/store/redis-connection.js'), import('../server/store/keys.js')]);
    const redisRegistry = new RedisApiKeys(connectRedis(config.store.redisUrl), redisKeys(config.store.redisPrefix));
    const imported = await redisRegistry.importFile(file);
    if (imported > 0) process.stderr.write(`Imported ${imported} keys from ${file} into Redis, where the servers now read them.\n`);
    registry = redisRegistry;
  } else {
    const { ApiKeyFile } = await import('../server/auth/api-key-file.js');
    registry = new ApiKeyFile(file);
  }
  try {
    await action(registry);
  } finally {
    await registry.close();
  }
}
