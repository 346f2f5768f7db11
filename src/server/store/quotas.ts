/** Per-tenant quotas every store enforces the same way. */
import { CadenzaError } from '../../core/errors.js';
import type { TenantUsage } from '../../mcp/ports.js';

export interface StoreQuotas {
  readonly maxScoresPerTenant: number;
  readonly maxBytesPerTenant: number;
}

/** Throws QUOTA_EXCEEDED when adding `bytes` (replacing `replacedBytes`, if any) would pass a quota. */
export function checkQuota(quotas: StoreQuotas, usage: TenantUsage, bytes: number, replacedBytes?: number): void {
  const scores = usage.scores + (replacedBytes === undefined ? 1 : 0);
  if (scores > quotas.maxScoresPerTenant) {
    throw new CadenzaError('QUOTA_EXCEEDED', `You keep ${usage.scores} scores, your quota.`);
  }
  const total = usage.bytes - (replacedBytes ?? 0) + bytes;
  if (total > quotas.maxBytesPerTenant) {
    throw new CadenzaError('QUOTA_EXCEEDED', `This score (${bytes} bytes stored) would take you past your quota of ${quotas.maxBytesPerTenant} bytes.`);
  }
}
