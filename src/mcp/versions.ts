/**
 * Versions as tools see them: the facts of each, any kept version rebuilt from the current one and the
 * deltas before it, and "id@3" as the way any tool reads version 3 of a score.
 */
import { CadenzaError } from '../core/errors.js';
import { withIds } from '../core/ids.js';
import { decodeScore, encodeScore } from '../core/score-codec.js';
import { applyScoreDelta } from '../core/score-delta.js';
import type { Score } from '../core/score.js';
import { summarizeScore } from '../core/summary.js';
import type { ToolCall } from './define-tool.js';
import type { PastVersion, Services, StoredScore, VersionInfo } from './ports.js';
import { requireRole, workspaceOfScore } from './workspaces.js';

/** versionOf(stored) → its version facts; a score stored before versions is version 1, made when it was imported */
export function versionOf(stored: Omit<StoredScore, 'data'>): VersionInfo {
  return stored.revision ?? { version: 1, author: 'unknown', at: stored.importedAt, change: `Imported from ${stored.origin}` };
}

/** the facts of version 1 of a score being stored now */
export function firstVersion(call: ToolCall, at: string, change: string): VersionInfo {
  return { version: 1, author: authorOf(call), at, change };
}

export function authorOf(call: ToolCall): string {
  return call.subject ?? call.tenantId;
}

/** scoreRef("bach-1a2b@3") → { id: "bach-1a2b", version: 3 }; scoreRef("bach-1a2b") → { id: "bach-1a2b" } */
export function scoreRef(ref: string): { readonly id: string; readonly version?: number } {
  const at = ref.lastIndexOf('@');
  if (at < 0) return { id: ref };
  const version = Number(ref.slice(at + 1));
  if (!Number.isSafeInteger(version) || version < 1) throw new CadenzaError('INVALID_SCORE_ID', `"${ref}" names no version: after "@" comes a version number (list_versions).`);
  return { id: ref.slice(0, at), version };
}

/** The current score with its older versions, rebuilt on request. */
export class ScoreVersions {
  private constructor(
    readonly current: StoredScore,
    readonly currentScore: Score,
    readonly past: readonly PastVersion[],
  ) {}

  static async load(services: Services, call: ToolCall, id: string): Promise<ScoreVersions> {
    requireRole(call.roles, workspaceOfScore(id), 'viewer', `Reading ${id}`);
    const current = await services.store.get(call.tenantId, id);
    if (!current) throw new CadenzaError('SCORE_NOT_FOUND', `No score with id "${id}".`);
    const past = await services.store.history(call.tenantId, id);
    return new ScoreVersions(current, withIds(decodeScore(current.data)), past);
  }

  /** newest first: the current version, then the kept older ones */
  list(): VersionInfo[] {
    return [versionOf(this.current), ...this.past.map((entry) => entry.info).reverse()];
  }

  /** version `version` of the score, rebuilt from the current one back through the deltas */
  score(version: number): Score {
    const newest = versionOf(this.current).version;
    if (version === newest) return this.currentScore;
    let score = this.currentScore;
    for (let wanted = newest - 1; wanted >= version; wanted--) {
      const entry = this.past.find((candidate) => candidate.info.version === wanted);
      if (!entry) throw new CadenzaError('VERSION_NOT_FOUND', `Score "${this.current.id}" keeps no version ${version} (it keeps ${this.list().map((info) => info.version).join(', ')}).`);
      score = applyScoreDelta(score, entry.delta);
    }
    return score;
  }

  /** a kept version as a stored score, for tools that read stored scores */
  stored(version: number): StoredScore {
    const info = this.list().find((candidate) => candidate.version === version);
    if (!info) throw new CadenzaError('VERSION_NOT_FOUND', `Score "${this.current.id}" keeps no version ${version} (it keeps ${this.list().map((entry) => entry.version).join(', ')}).`);
    if (version === versionOf(this.current).version) return this.current;
    const score = this.score(version);
    return { ...this.current, data: encodeScore(score), summary: summarizeScore(score), revision: info };
  }
}
