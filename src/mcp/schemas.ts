/** Schema pieces shared by several tools. */
import { z } from 'zod';

export const scoreIdInput = z
  .string()
  .min(1)
  .max(200)
  .describe('The id returned by import_score (see list_scores); "id@3" reads its version 3 (see list_versions).');

export const diagnosticOutput = z.object({
  severity: z.enum(['warning', 'info']),
  message: z.string(),
  partId: z.string().optional(),
  measure: z.string().optional(),
  line: z.number().optional(),
});
