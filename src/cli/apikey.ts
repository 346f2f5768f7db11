/**
 * `cadenza apikey create|list|revoke|roles`: manage API keys (hashes only) where the servers read them: Redis
 * when CADENZA_STORE=redis (every replica sees a change at its next request), else <data dir>/api-keys.json.
 * A key's roles by workspace (mcp/workspaces.ts) are set when it is made or changed later; each grant or
 * change is an audit line on stderr.
 */
import type { Command } from 'commander';
import { SCOPES, type Scope } from '../mcp/define-tool.js';
import { EVERY_WORKSPACE, ROLES, parseWorkspaceRoles, type WorkspaceRoles } from '../mcp/workspaces.js';
import { apiKeysFile, createApiKey, type ApiKeyRecord, type ApiKeyRegistry } from '../server/auth/api-keys.js';
import { loadConfig } from '../server/config.js';
import { isAcceptableTenant, MAX_TENANT_LENGTH } from '../server/store/keys.js';
import { EXIT } from './exit-codes.js';
import { reportingFailures } from './failures.js';

interface CreateOptions {
  readonly tenant: string;
  readonly scopes: string;
  readonly label?: string;
  readonly role: readonly string[];
}

interface RolesOptions {
  readonly role: readonly string[];
  readonly every?: boolean;
}

const ROLE_OPTION = '--role <workspace=role>';
const ROLE_HELP = `a role in a workspace of the tenant ("*" for every other one), of ${ROLES.join(', ')}; repeat for more. Without any, the key has every role`;
const collect = (value: string, previous: readonly string[]): string[] => [...previous, value];

export function registerApiKey(program: Command): void {
  const apikey = program.command('apikey').description('Manage API keys for CADENZA_AUTH=apikey (stored hashed in Redis with CADENZA_STORE=redis, else in the data folder)');
  apikey
    .command('create')
    .description('Create a key for a tenant; prints it once')
    .requiredOption('--tenant <tenant>', 'the tenant the key acts for')
    .option('--scopes <scopes>', `comma-separated, of ${SCOPES.join(', ')}`, 'scores:read,scores:write')
    .option('--label <label>', 'a note to recognise the key by')
    .option(ROLE_OPTION, ROLE_HELP, collect, [])
    .action((options: CreateOptions) => reportingFailures(program, async () => withRegistry((registry) => create(program, registry, options))));
  apikey
    .command('roles <id>')
    .description("Change a key's roles by workspace (a running server applies them from its next request)")
    .option(ROLE_OPTION, ROLE_HELP, collect, [])
    .option('--every', 'give the key every role in its tenant again (no role information)')
    .action((id: string, options: RolesOptions) => reportingFailures(program, async () => withRegistry((registry) => changeRoles(program, registry, id, options))));
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
  const roles = options.role.length > 0 ? parseRoles(program, options.role) : undefined;
  const { key, record } = createApiKey(options.tenant, scopes as Scope[], options.label, roles);
  await registry.add(record);
  if (roles) await auditRoles(record, roles, registry.where);
  process.stderr.write(`Created key ${record.id} for tenant ${record.tenant} (${record.scopes.join(' ')}${roles ? `; ${describeRoles(roles)}` : ''}) in ${registry.where}.\nIt is shown once; send it as "Authorization: Bearer <key>".\n`);
  process.stdout.write(`${key}\n`);
}

async function changeRoles(program: Command, registry: ApiKeyRegistry, id: string, options: RolesOptions): Promise<void> {
  if (options.every === (options.role.length > 0)) program.error('Give the new roles (--role, repeated) or --every.', { exitCode: EXIT.usage });
  const roles = options.every ? undefined : parseRoles(program, options.role);
  const record = (await registry.list()).find((candidate) => candidate.id === id);
  const { roles: previous, ...rest } = record ?? { roles: undefined };
  if (!record || !(await registry.replace({ ...(rest as ApiKeyRecord), ...(roles ? { roles } : {}) }))) {
    program.error(`No key with id ${id} in ${registry.where}.`, { exitCode: EXIT.noInput });
  }
  await auditRoles(record, roles, registry.where, previous);
  process.stderr.write(`Key ${id} of tenant ${record.tenant} now has ${roles ? describeRoles(roles) : 'every role'} (was ${previous ? describeRoles(previous) : 'every role'}).\n`);
}

/** ["team-a=editor", "*=viewer"] → the roles; a usage error names what is wrong */
function parseRoles(program: Command, given: readonly string[]): WorkspaceRoles {
  const roles = parseWorkspaceRoles(given);
  if (!roles) program.error(`Roles are workspace=role, the workspace a name of lowercase letters, digits and hyphens or "*", the role one of ${ROLES.join(', ')}: ${given.join(' ')}.`, { exitCode: EXIT.usage });
  return roles;
}

function describeRoles(roles: WorkspaceRoles): string {
  return Object.entries(roles).map(([workspace, role]) => `${role} in ${workspace === EVERY_WORKSPACE ? 'every other workspace' : workspace}`).join(', ') || 'no role';
}

/** the audit log's line for a grant or a change of roles, as the server's audit lines are written (JSON on stderr) */
async function auditRoles(record: ApiKeyRecord, roles: WorkspaceRoles | undefined, where: string, previous?: WorkspaceRoles): Promise<void> {
  // the logger is loaded only here, so the commands that change no roles start as quickly as before
  const { createLogger } = await import('../server/log.js');
  createLogger('info').child({ audit: true }).info(
    { event: 'role_change', key: record.id, tenantId: record.tenant, roles: roles ?? 'every', previous: previous ?? 'every', where },
    'API key roles changed',
  );
}

async function list(registry: ApiKeyRegistry): Promise<void> {
  for (const record of await registry.list()) {
    const roles = record.roles ? Object.entries(record.roles).map(([workspace, role]) => `${workspace}=${role}`).join(',') : 'every';
    process.stdout.write(`${record.id}\t${record.tenant}\t${record.scopes.join(',')}\t${roles}\t${record.createdAt}\t${record.label ?? ''}\n`);
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
