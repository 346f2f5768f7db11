import { z } from 'zod';
import { CadenzaError } from '../../core/errors.js';
import { encodeScore } from '../../core/score-codec.js';
import { scoreDelta } from '../../core/score-delta.js';
import { summarizeScore } from '../../core/summary.js';
import { defineTool } from '../define-tool.js';
import { scoreIdInput } from '../schemas.js';
import { ScoreVersions, authorOf, versionOf } from '../versions.js';

export const revertScore = defineTool({
  name: 'revert_score',
  title: 'Revert a score to an earlier version',
  description:
    'Undo: makes the content of an earlier version (list_versions) current again, as a new version, so nothing is lost and ' +
    'the revert itself can be undone. Give `baseVersion` (the current version you saw) to fail with CONFLICT instead of undoing someone else’s newer change.',
  input: z.object({
    id: scoreIdInput,
    version: z.number().int().min(1).describe('The version whose content becomes current again.'),
    baseVersion: z.number().int().min(1).optional().describe('The current version you saw; CONFLICT when the score has moved on.'),
  }),
  output: z.object({ id: z.string(), version: z.number().int().describe('The new current version.'), restored: z.number().int() }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  scope: 'scores:write',
  async handle(input, services, call) {
    const versions = await ScoreVersions.load(services, call, input.id);
    const current = versionOf(versions.current);
    if (input.baseVersion !== undefined && input.baseVersion !== current.version) {
      throw new CadenzaError('CONFLICT', `Score "${input.id}" is at version ${current.version}, not ${input.baseVersion}: someone changed it since; nothing was changed.`);
    }
    if (input.version >= current.version) throw new CadenzaError('VERSION_NOT_FOUND', `Version ${input.version} is not older than the current version ${current.version}.`);
    const restored = versions.score(input.version);
    const next = current.version + 1;
    await services.store.commit(call.tenantId, {
      entry: { ...versions.current, data: encodeScore(restored), summary: summarizeScore(restored), revision: { version: next, author: authorOf(call), at: services.now(), change: `Reverted to version ${input.version}` } },
      baseVersion: current.version,
      replaced: { info: current, delta: scoreDelta(versions.currentScore, restored) },
    });
    return {
      structured: { id: versions.current.id, version: next, restored: input.version },
      summary: `${versions.current.id} now has the content of version ${input.version}, as version ${next}.`,
    };
  },
});
