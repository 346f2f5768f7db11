import { z } from 'zod';
import { CadenzaError } from '../../core/errors.js';
import { defineTool } from '../define-tool.js';
import { scoreIdInput } from '../schemas.js';

export const deleteScore = defineTool({
  name: 'delete_score',
  title: 'Delete a score',
  description: 'Forget an imported score and everything computed from it. The id stops working.',
  input: z.object({ id: scoreIdInput }),
  output: z.object({ id: z.string(), deleted: z.boolean() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  scope: 'scores:write',
  async handle(input, services, call) {
    const deleted = await services.store.delete(call.tenantId, input.id);
    if (!deleted) throw new CadenzaError('SCORE_NOT_FOUND', `No score with id "${input.id}".`);
    return { structured: { id: input.id, deleted }, summary: `Deleted ${input.id}.` };
  },
});
