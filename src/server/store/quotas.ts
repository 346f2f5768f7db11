/** Quotas and expiry every store enforces the same way. */
import { CadenzaError } from '../../core/errors.js';
import type { TenantUsage } from '../../mcp/ports.js';

export interface StoreLimits {
  readonly maxScoresPerTenant: number;
  readonly maxBytesPerTenant: number;
  /** all tenants together; durable stores evict least recently used scores beyond it */
  readonly maxTotalBytes: number;
  /** a score unused this long expires; 0 keeps scores until deleted */
  readonly ttlSeconds: number;
}

/** Throws QUOTA_EXCEEDED when adding a score of `bytes` would pass a quota. */
export function checkQuota(limits: StoreLimits, usage: TenantUsage, bytes: number): void {
  if (usage.scores + 1 > limits.maxScoresPerTenant) {
    throw new CadenzaError('QUOTA_EXCEEDED', `You keep ${usage.scores} scores, your quota.`);
  }
  const total = usage.bytes + bytes;
  if (total > limits.maxBytesPerTenant || bytes > limits.maxTotalBytes) {
    throw new CadenzaError('QUOTA_EXCEEDED', `This score (${bytes} bytes stored) would take you past your quota of ${Math.min(limits.maxBytesPerTenant, limits.maxTotalBytes)} bytes.`);
  }
}

/** The error for a put under an id another score already has: a put never overwrites. */
export function scoreExists(id: string): CadenzaError {
  return new CadenzaError('SCORE_EXISTS', `Another score is already stored as "${id}"; nothing was overwritten.`);
}
