import { z } from 'zod';
import { CadenzaError } from '../../core/errors.js';
import { defineTool } from '../define-tool.js';
import { scoreIdInput, workspaceInput } from '../schemas.js';
import { loadScore, scoreIdFor } from '../score-ids.js';
import { authorOf, firstVersion } from '../versions.js';
import { scoreIdInWorkspace, workspaceOfScore } from '../workspaces.js';

export const shareScore = defineTool({
  name: 'share_score',
  title: 'Share a score with a workspace',
  description:
    'Share a score with another workspace of your tenant: its members get a copy of its current version (or of "id@3") ' +
    'under a new id there, which they work on with their own roles; the original and its versions stay where they are. ' +
    'Needs the owner role where the score is and the editor role in the workspace it goes to.',
  input: z.object({
    id: scoreIdInput,
    workspace: workspaceInput.describe('The workspace of your tenant that gets the copy.'),
  }),
  output: z.object({
    id: z.string().describe('The copy, in the workspace it was shared with.'),
    sharedFrom: z.string(),
    workspace: z.string(),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  scope: 'scores:write',
  async handle(input, services, call) {
    const source = await loadScore(services, call, input.id);
    if (workspaceOfScore(source.id) === input.workspace) {
      throw new CadenzaError('INVALID_ARGUMENT', `${source.id} is already in workspace "${input.workspace}".`, { hint: 'Name another workspace.' });
    }
    const id = scoreIdInWorkspace(input.workspace, scoreIdFor(source.summary.metadata.title ?? 'score', services.newId()));
    const now = services.now();
    await services.store.put(call.tenantId, {
      ...source,
      id,
      origin: `shared:${input.id}`,
      importedAt: now,
      revision: firstVersion(call, now, `Shared from ${input.id} by ${authorOf(call)}`),
    });
    return {
      structured: { id, sharedFrom: input.id, workspace: input.workspace },
      summary: `Shared ${input.id} with workspace "${input.workspace}" as ${id}.`,
    };
  },
});
