/**
 * The query search_corpus and corpus_statistics share: a melody (notes, an ABC snippet or a passage of a
 * stored score) or a roman-numeral progression, with how strictly to match.
 */
import { z } from 'zod';
import { CadenzaError } from '../core/errors.js';
import { BUNDLED_CORPUS_NAME, CADENCE_TYPES, CORPUS_NAME, type CorpusIndex } from '../corpus/corpus-index.js';
import { parseProgression, searchHarmony, type HarmonicMatch } from '../corpus/harmonic-search.js';
import { MAX_TOLERANCE, searchMelody, type MelodicMatch } from '../corpus/melodic-search.js';
import { notesFromAbc, notesOfScore, parseQueryNotes, type QueryNote } from '../corpus/query-notes.js';
import type { ToolCall } from './define-tool.js';
import { measureRangeInput, resolveMeasureRange } from './measure-range.js';
import type { Services } from './ports.js';
import { scoreIdInput } from './schemas.js';
import { loadScore } from './score-ids.js';
import { loadStored } from './work.js';

export const corpusNameInput = z
  .string()
  .regex(CORPUS_NAME)
  .default(BUNDLED_CORPUS_NAME)
  .describe('The corpus: "bundled" (the scores shipped with Cadenza) or one of yours (list_corpora).');

export const corpusQueryInput = {
  notes: z.string().max(2000).optional().describe('A melody as pitch names, optionally with quarter-note durations: "E4 D4 C4 D4 E4 E4 E4" or "C4:1 D4:0.5 E4:0.5".'),
  abc: z.string().max(20_000).optional().describe('A melody as an ABC snippet, e.g. "K:G\\nGABc d2". The first voice is searched.'),
  passage: z
    .object({ scoreId: scoreIdInput, measures: measureRangeInput, part: z.number().int().min(0).max(200).default(0).describe('0-based part index.') })
    .optional()
    .describe('A melody taken from a stored score: its highest line in those measures of that part.'),
  progression: z.string().max(1000).optional().describe('A roman-numeral progression in any key, e.g. "ii65 V7 I" or "V/V V"; "*" is any chord.'),
  compare: z.enum(['pitch', 'rhythm', 'pitch-and-rhythm']).optional().describe('Melodies: what must agree. Default: pitch-and-rhythm when the query has durations (ABC, passage, "C4:1"), else pitch.'),
  transposed: z.boolean().default(true).describe('Melodies: true finds the melody at any pitch; false only at the query’s pitch.'),
  tolerance: z.number().int().min(0).max(MAX_TOLERANCE).default(0).describe('Melodies: edits allowed (a changed, added or missing interval); 0 is exact. Comparing pitch, 1 edit needs 9 notes or more, 2 edits 13, 3 edits 17.'),
  anyInversion: z.boolean().default(false).describe('Progressions: true lets "V7" match "V65", "V43", "V42" too.'),
  mode: z.enum(['major', 'minor']).optional().describe('Progressions: only in major (or minor) keys.'),
  beforeCadence: z.enum([...CADENCE_TYPES, 'any']).optional().describe('Progressions: only where a cadence (of this type) ends on the last chord or within two chords after it.'),
};

export type CorpusQueryInput = z.infer<z.ZodObject<typeof corpusQueryInput>>;

export type CorpusQueryOutcome =
  | { readonly kind: 'melodic'; readonly query: string; readonly matches: MelodicMatch[] }
  | { readonly kind: 'harmonic'; readonly query: string; readonly matches: HarmonicMatch[] };

/** runCorpusQuery(index, { notes: "C4 D4 E4" }, services, call) → every match, best first */
export async function runCorpusQuery(corpus: CorpusIndex, input: CorpusQueryInput, services: Services, call: ToolCall): Promise<CorpusQueryOutcome> {
  const given = (['notes', 'abc', 'passage', 'progression'] as const).filter((field) => input[field] !== undefined);
  if (given.length !== 1) {
    throw new CadenzaError('INVALID_ARGUMENT', given.length === 0 ? 'Nothing to search for.' : `Give one query, not ${given.join(' and ')}.`, {
      hint: 'Give exactly one of notes, abc, passage (scoreId and measures) or progression.',
    });
  }
  if (input.progression !== undefined) {
    const progression = parseProgression(input.progression);
    const matches = searchHarmony(corpus, { progression, anyInversion: input.anyInversion, ...(input.mode ? { mode: input.mode } : {}), ...(input.beforeCadence ? { beforeCadence: input.beforeCadence } : {}) });
    return { kind: 'harmonic', query: progression.join(' '), matches };
  }
  const notes = await queryNotes(input, services, call);
  const timed = notes.every((note) => note.duration !== undefined);
  const compare = input.compare ?? (timed ? 'pitch-and-rhythm' : 'pitch');
  const matches = searchMelody(corpus, { notes, compare, transposed: input.transposed, tolerance: input.tolerance });
  return { kind: 'melodic', query: `${notes.length} notes, ${compare}${input.tolerance ? `, up to ${input.tolerance} edits` : ''}${input.transposed ? '' : ', at pitch'}`, matches };
}

async function queryNotes(input: CorpusQueryInput, services: Services, call: ToolCall): Promise<QueryNote[]> {
  if (input.notes !== undefined) return parseQueryNotes(input.notes);
  if (input.abc !== undefined) return notesFromAbc(input.abc);
  const { scoreId, measures, part } = input.passage!;
  const stored = await loadScore(services, call, scoreId);
  const { score } = loadStored(stored, stored.data).loaded;
  if (part >= score.parts.length) throw new CadenzaError('INVALID_ARGUMENT', `The score has ${score.parts.length} parts; there is no part ${part}.`, { hint: 'Parts are numbered from 0.' });
  const range = resolveMeasureRange(score, measures);
  return notesOfScore(score, part, range);
}
