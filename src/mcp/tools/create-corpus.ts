import { z } from 'zod';
import { CadenzaError } from '../../core/errors.js';
import { BUNDLED_CORPUS_NAME, CORPUS_NAME, appendPieces, buildCorpusIndex } from '../../corpus/corpus-index.js';
import { extractPieces } from '../corpus-pieces.js';
import { defineTool } from '../define-tool.js';
import { scoreIdInput } from '../schemas.js';
import { loadScore } from '../score-ids.js';
import { readableBy } from '../workspaces.js';

/** one call indexes at most this many scores; a larger corpus is built from files (cadenza corpus add) */
const MAX_SCORES = 2000;

export const createCorpus = defineTool({
  name: 'create_corpus',
  title: 'Create a corpus',
  description:
    'Build (or extend) a named corpus from your imported scores, so search_corpus and corpus_statistics can search them by melody and harmony. ' +
    'Without ids, all your scores. add: true adds the scores to an existing corpus (a score already there is replaced). Pieces are named by score id. Reports progress per score.',
  input: z.object({
    name: z.string().regex(CORPUS_NAME).describe('Letters, digits, ".", "_" and "-" (up to 64); not "bundled".'),
    ids: z.array(scoreIdInput).max(MAX_SCORES).optional().describe('The scores to include; default all you can read.'),
    add: z.boolean().default(false).describe('Add to the corpus of that name instead of replacing it.'),
  }),
  output: z.object({ name: z.string(), pieces: z.number().int(), notes: z.number().int(), harmonies: z.number().int(), bytes: z.number().int(), added: z.number().int() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  scope: 'scores:write',
  async handle(input, services, call) {
    if (input.name === BUNDLED_CORPUS_NAME) throw new CadenzaError('FORBIDDEN', 'The bundled corpus cannot be changed.', { hint: 'Give your corpus another name.' });
    const ids = input.ids ?? (await services.store.list(call.tenantId)).map((listing) => listing.id).filter(readableBy(call.roles));
    if (ids.length === 0) throw new CadenzaError('INVALID_ARGUMENT', 'No scores to build a corpus from.', { hint: 'Import scores first (import_score), or give their ids.' });
    if (ids.length > MAX_SCORES) throw new CadenzaError('LIMIT_EXCEEDED', `${ids.length} scores; one call indexes at most ${MAX_SCORES}.`, { hint: 'Build in steps with add: true.' });
    const existing = input.add ? await services.corpora.open(call.tenantId, input.name).catch(() => undefined) : undefined;
    const stored = await Promise.all(ids.map((id) => loadScore(services, call, id)));
    const pieces = await extractPieces(services.work, stored, stored.length, call);
    const index = existing ? appendPieces(existing, pieces) : buildCorpusIndex(pieces);
    const listing = await services.corpora.save(call.tenantId, input.name, index);
    return {
      structured: { name: listing.name, pieces: listing.pieces, notes: listing.notes, harmonies: listing.harmonies, bytes: listing.bytes, added: pieces.length },
      summary: `Corpus ${listing.name}: ${listing.pieces} pieces (${pieces.length} indexed now), ${listing.notes} notes, ${listing.harmonies} harmonies.`,
    };
  },
});
