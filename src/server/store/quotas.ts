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
  /** older versions kept per score (default 100); the oldest go first */
  readonly maxVersionsPerScore?: number;
  /** bytes of older versions kept per score (default 8 MB); counted in the tenant's bytes */
  readonly maxHistoryBytesPerScore?: number;
}

/** how many older versions and history bytes a score keeps, with the defaults filled in */
export function historyBounds(limits: StoreLimits): { readonly versions: number; readonly bytes: number } {
  return { versions: limits.maxVersionsPerScore ?? 100, bytes: limits.maxHistoryBytesPerScore ?? 8 * 1024 * 1024 };
}

/** how many of the oldest entries to drop so that what is left fits the bounds: droppedOldest([5, 5, 5], { versions: 2, bytes: 99 }) → 1 */
export function droppedOldest(sizes: readonly number[], bounds: { readonly versions: number; readonly bytes: number }): number {
  let bytes = sizes.reduce((sum, size) => sum + size, 0);
  let drop = 0;
  while (drop < sizes.length && (sizes.length - drop > bounds.versions || bytes > bounds.bytes)) bytes -= sizes[drop++]!;
  return drop;
}

/** The error for a commit on a base that is no longer current. */
export function versionConflict(id: string, base: number, current: number): CadenzaError {
  return new CadenzaError('CONFLICT', `Score "${id}" is at version ${current}, not ${base}: someone changed it since; nothing was changed.`);
}

/** Throws QUOTA_EXCEEDED when replacing a score of `oldBytes` by one of `newBytes` (history included) would pass the tenant's byte quota. */
export function checkRevisionQuota(limits: StoreLimits, usage: TenantUsage, oldBytes: number, newBytes: number): void {
  checkQuota(limits, { scores: usage.scores - 1, bytes: usage.bytes - oldBytes }, newBytes);
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
