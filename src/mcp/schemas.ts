/** Schema pieces shared by several tools. */
import { z } from 'zod';
import { DEFAULT_WORKSPACE, MAX_WORKSPACE_LENGTH, WORKSPACE_PATTERN } from './workspaces.js';

export const scoreIdInput = z
  .string()
  .min(1)
  .max(200)
  .describe('The id returned by import_score (see list_scores); "id@3" reads its version 3 (see list_versions).');

/** a workspace of the caller's tenant (mcp/workspaces.ts); the pattern keeps ":" and "/" out of every key */
export const workspaceInput = z
  .string()
  .max(MAX_WORKSPACE_LENGTH)
  .regex(WORKSPACE_PATTERN, 'a workspace name is lowercase letters, digits and hyphens')
  .describe(`A workspace of your tenant: lowercase letters, digits and hyphens; default "${DEFAULT_WORKSPACE}".`);

export const diagnosticOutput = z.object({
  severity: z.enum(['warning', 'info']),
  message: z.string(),
  partId: z.string().optional(),
  measure: z.string().optional(),
  line: z.number().optional(),
});

/** the one name every finding gives the notes it is about, beside its measure and beat */
export const noteIdsOutput = z.array(z.string()).describe('Ids of the notes it is about, as edit_score and read_score (ids: true) name them.');

/** asked for where naming every note would crowd a page (a chord list, the motifs' occurrences) */
export const noteIdsInput = z.boolean().optional().describe('Also name the notes of each entry by id (`noteIds`); default false, which leaves room for more entries in a page.');
