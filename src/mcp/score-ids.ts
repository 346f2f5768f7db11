/** Score ids: readable, URI-safe, unguessable ("bwv66-6-3f9a1c2e"). */
import { CadenzaError } from '../core/errors.js';
import type { ToolCall } from './define-tool.js';
import type { Services, StoredScore } from './ports.js';

/** scoreIdFor("Bach: BWV 66.6", "3f9a1c2e") → "bach-bwv-66-6-3f9a1c2e" */
export function scoreIdFor(label: string, suffix: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug ? `${slug}-${suffix}` : `score-${suffix}`;
}

/** Loads a stored score of the calling tenant, or fails with SCORE_NOT_FOUND. */
export async function loadScore(services: Services, call: ToolCall, id: string): Promise<StoredScore> {
  const stored = await services.store.get(call.tenantId, id);
  if (!stored) throw new CadenzaError('SCORE_NOT_FOUND', `No score with id "${id}".`);
  return stored;
}
