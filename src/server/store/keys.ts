/**
 * Keys in shared stores, one function per key family, each component percent-encoded. An encoded
 * component never contains ":" (Redis) or "/" (in-process maps), so no tenant name or id can reach
 * into another's key: tenant "acme" with id "eu:x" and tenant "acme:eu" with id "x" were once the same
 * Redis key. Build every key here; never concatenate a tenant name or an id anywhere else.
 */
import { CadenzaError } from '../../core/errors.js';
import { checkScoreId } from '../../mcp/score-ids.js';

export const MAX_TENANT_LENGTH = 200;

/** checkTenantId("acme:eu") → "acme:eu"; an empty, overlong or control-character name throws FORBIDDEN */
export function checkTenantId(tenantId: string): string {
  // \p{Cs} matches a lone surrogate, which encodeURIComponent cannot encode
  if (tenantId.length > 0 && tenantId.length <= MAX_TENANT_LENGTH && !/[\p{Cc}\p{Cs}]/u.test(tenantId)) return tenantId;
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
  };
}
