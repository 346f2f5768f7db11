import { z } from 'zod';
import { READ_ONLY, defineTool } from '../define-tool.js';

export const listCorpora = defineTool({
  name: 'list_corpora',
  title: 'List corpora',
  description: 'The corpora you can search with search_corpus and corpus_statistics: "bundled" (shipped with Cadenza) and those you built with create_corpus, with their sizes.',
  input: z.object({}),
  output: z.object({
    corpora: z.array(
      z.object({
        name: z.string(),
        pieces: z.number().int(),
        notes: z.number().int(),
        harmonies: z.number().int(),
        bytes: z.number().int(),
        updatedAt: z.string().optional(),
        bundled: z.boolean(),
      }),
    ),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  async handle(_input, services, call) {
    const corpora = (await services.corpora.list(call.tenantId)).map((listing) => ({ ...listing }));
    return { structured: { corpora }, summary: `${corpora.length} corpora: ${corpora.map((corpus) => corpus.name).join(', ')}.` };
  },
});
