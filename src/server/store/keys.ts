/**
 * Keys in shared stores, one function per key family, each component percent-encoded. An encoded
 * component never contains ":" (Redis) or "/" (in-process maps), so no tenant name or id can reach
 * into another's key: tenant "acme" with id "eu:x" and tenant "acme:eu" with id "x" were once the same
 * Redis key. Build every key here; never concatenate a tenant name or an id anywhere else.
 */
import { CadenzaError } from '../../core/errors.js';
import { CORPUS_NAME } from '../../corpus/corpus-index.js';
import { checkScoreId } from '../../mcp/score-ids.js';

export const MAX_TENANT_LENGTH = 200;

/** isAcceptableTenant("acme:eu") → true; false for an empty or overlong name or one with control characters */
export function isAcceptableTenant(tenantId: string): boolean {
  // \p{Cs} matches a lone surrogate, which encodeURIComponent cannot encode
  return tenantId.length > 0 && tenantId.length <= MAX_TENANT_LENGTH && !/[\p{Cc}\p{Cs}]/u.test(tenantId);
}

/** checkTenantId("acme:eu") → "acme:eu"; an empty, overlong or control-character name throws FORBIDDEN */
export function checkTenantId(tenantId: string): string {
  if (isAcceptableTenant(tenantId)) return tenantId;
  throw new CadenzaError('FORBIDDEN', `The credential names a tenant Cadenza cannot accept (empty, over ${MAX_TENANT_LENGTH} characters, or with control characters).`, {
    hint: 'Ask the operator to fix the tenant name in the API key or token.',
  });
}

/** encodeComponent("acme:eu") → "acme%3Aeu" */
function encodeComponent(component: string): string {
  return encodeURIComponent(component);
}

/** The key of one score of one tenant in an in-process map (caches, holds); checks both parts. */
export function tenantScoreKey(tenantId: string, id: string): string {
  return `${encodeComponent(checkTenantId(tenantId))}/${encodeComponent(checkScoreId(id))}`;
}

/** The prefix every tenantScoreKey of the tenant starts with. */
export function tenantKeyPrefix(tenantId: string): string {
  return `${encodeComponent(checkTenantId(tenantId))}/`;
}

/**
 * tenantCorpusFile("acme:eu", "folk") → "t-acme%3Aeu/folk.cdzc": where a tenant's corpus index lives under
 * the corpora folder. The "t-" prefix keeps a tenant named "." or ".." a plain folder name.
 */
export function tenantCorpusFile(tenantId: string, name: string): string {
  return `${tenantCorpusFolder(tenantId)}/${encodeComponent(checkCorpusName(name))}.cdzc`;
}

/** tenantCorpusFolder("acme") → "t-acme": the folder of all the tenant's corpus indexes */
export function tenantCorpusFolder(tenantId: string): string {
  return `t-${encodeComponent(checkTenantId(tenantId))}`;
}

/** checkCorpusName("folk-1") → "folk-1"; names are letters, digits, ".", "_" and "-", up to 64, starting with a letter or digit */
export function checkCorpusName(name: string): string {
  if (CORPUS_NAME.test(name)) return name;
  throw new CadenzaError('INVALID_ARGUMENT', `"${name.slice(0, 80)}" is not a corpus name.`, { hint: 'Corpus names are letters, digits, ".", "_" and "-" (up to 64), starting with a letter or digit.' });
}

/** the counted key of a rate limit (an IP address or a tenant), which rate-limiter-flexible appends to rate() */
export function rateSubject(subject: string): string {
  return encodeComponent(subject);
}

export interface RedisKeys {
  /** hash of one score: meta, data, sum, version, hsizes (its older versions' sizes, oldest first) */
  score(tenantId: string, id: string): string;
  /** list of one score's older versions, oldest first (packed by history-entry.ts) */
  history(tenantId: string, id: string): string;
  /** sorted set of the tenant's ids by expiry time */
  expiry(tenantId: string): string;
  /** hash of the tenant's ids to sizes in bytes */
  sizes(tenantId: string): string;
  /** set of every tenant with scores (encoded names) */
  readonly tenants: string;
  /** rate-limiter-flexible's key prefix for one limiter; it appends ":" and the (encoded) counted key */
  rate(limiter: string): string;
  /** hash of one task: state (JSON) and, once completed, result (JSON) */
  task(tenantId: string, taskId: string): string;
  /** sorted set of the tenant's task ids by creation time */
  tasks(tenantId: string): string;
  /** set of the tenant's working task ids (its quota) */
  workingTasks(tenantId: string): string;
  /** sorted set of working tasks of every tenant by last heartbeat; members are taskMember() */
  readonly taskHeartbeats: string;
  /** hash of API key ids to their records (JSON, the secret's hash only), read by every replica */
  readonly apiKeys: string;
  /** the ids of keys ever imported from a data folder's api-keys.json (a set), so none comes back once revoked */
  readonly apiKeysImported: string;
}

/** A task named as a member of a set (not a key): tenant and id, each encoded, so the pair parses back. */
export function taskMember(tenantId: string, taskId: string): string {
  return `${encodeComponent(checkTenantId(tenantId))}/${encodeComponent(taskId)}`;
}

/** taskMember's inverse */
export function parseTaskMember(member: string): { tenantId: string; taskId: string } {
  const [tenant = '', id = ''] = member.split('/');
  return { tenantId: decodeURIComponent(tenant), taskId: decodeURIComponent(id) };
}

/** Key names under a prefix, so several deployments (or test runs) can share one Redis. */
export function redisKeys(prefix: string): RedisKeys {
  const tenant = (tenantId: string) => encodeComponent(checkTenantId(tenantId));
  return {
    score: (tenantId, id) => `${prefix}score:${tenant(tenantId)}:${encodeComponent(checkScoreId(id))}`,
    history: (tenantId, id) => `${prefix}history:${tenant(tenantId)}:${encodeComponent(checkScoreId(id))}`,
    expiry: (tenantId) => `${prefix}expiry:${tenant(tenantId)}`,
    sizes: (tenantId) => `${prefix}sizes:${tenant(tenantId)}`,
    tenants: `${prefix}tenants`,
    rate: (limiter) => `${prefix}rate:${encodeComponent(limiter)}`,
    task: (tenantId, taskId) => `${prefix}task:${tenant(tenantId)}:${encodeComponent(taskId)}`,
    tasks: (tenantId) => `${prefix}tasks:${tenant(tenantId)}`,
    workingTasks: (tenantId) => `${prefix}tasks-working:${tenant(tenantId)}`,
    taskHeartbeats: `${prefix}task-heartbeats`,
    apiKeys: `${prefix}api-keys`,
    apiKeysImported: `${prefix}api-keys-imported-ids`,
  };
}
