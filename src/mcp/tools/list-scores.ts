import { z } from 'zod';
import { SCORE_FORMATS } from '../../formats/read-score.js';
import { STORED_FORMATS } from '../ports.js';
import { READ_ONLY, defineTool } from '../define-tool.js';
import { workspaceInput } from '../schemas.js';
import { readableBy, workspaceOfScore } from '../workspaces.js';

export const listScores = defineTool({
  name: 'list_scores',
  title: 'List scores',
  description:
    'List the scores you have imported (with their ids) and the bundled public-domain corpus scores you can ' +
    'import by corpus id. `source` narrows the answer to "imported" or "corpus".',
  input: z.object({
    source: z.enum(['all', 'imported', 'corpus']).optional().describe('Which list to return; default all.'),
    workspace: workspaceInput.optional().describe('Only the imported scores of this workspace; default those of every workspace you can read.'),
  }),
  output: z.object({
    scores: z.array(
      z.object({
        id: z.string(),
        title: z.string().optional(),
        composer: z.string().optional(),
        format: z.enum(STORED_FORMATS),
        origin: z.string(),
        importedAt: z.string(),
      }),
    ),
    corpus: z.array(
      z.object({ id: z.string(), title: z.string(), composer: z.string().optional(), format: z.enum(SCORE_FORMATS) }),
    ),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  async handle(input, services, call) {
    const source = input.source ?? 'all';
    const scores = source === 'corpus' ? [] : (await services.store.list(call.tenantId)).filter((entry) => inWorkspace(entry.id, input.workspace) && readableBy(call.roles)(entry.id));
    const corpus = source === 'imported' ? [] : [...services.corpus.list()];
    const parts = [];
    if (source !== 'corpus') parts.push(`${scores.length} imported score${scores.length === 1 ? '' : 's'}`);
    if (source !== 'imported') parts.push(`${corpus.length} corpus score${corpus.length === 1 ? '' : 's'}`);
    return { structured: { scores, corpus }, summary: `${parts.join(', ')}.` };
  },
});

function inWorkspace(id: string, workspace: string | undefined): boolean {
  return workspace === undefined || workspaceOfScore(id) === workspace;
}
