import { z } from 'zod';
import { READ_ONLY, defineTool } from '../define-tool.js';
import { scoreIdInput } from '../schemas.js';
import { ScoreVersions } from '../versions.js';
import { count } from '../wording.js';

export const listVersions = defineTool({
  name: 'list_versions',
  title: 'List the versions of a score',
  description:
    'The versions a stored score keeps, newest (current) first: number, author, time and a one-line summary of the change. ' +
    'Any tool reads an older version as "id@N" (e.g. export_score with id "bach-1a2b@2"); revert_score makes an older one current again.',
  input: z.object({ id: scoreIdInput }),
  output: z.object({
    id: z.string(),
    current: z.number().int().describe('The current version, which edit_score takes as baseVersion.'),
    versions: z.array(z.object({ version: z.number().int(), author: z.string(), at: z.string(), change: z.string() })),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  async handle(input, services, call) {
    const versions = await ScoreVersions.load(services, call, input.id);
    const list = versions.list();
    const current = list[0]!.version;
    return {
      structured: { id: versions.current.id, current, versions: list.map((info) => ({ ...info })) },
      summary: `${versions.current.id} is at version ${current}; ${count(list.length, 'version')} kept (${list.map((info) => info.version).join(', ')}).`,
    };
  },
});
