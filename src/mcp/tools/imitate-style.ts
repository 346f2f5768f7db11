import { z } from 'zod';
import { meanProfile, profileCloseness } from '../../generate/style/closeness.js';
import { DEFAULT_SEED, MAX_MEASURES, imitateStyle as writeInStyle } from '../../generate/style/imitate.js';
import { MAX_SOURCES, learnStyle, ngramCounts } from '../../generate/style/learn.js';
import { createdScore } from '../created-score.js';
import { defineGenerateTool } from '../define-tool.js';
import { scoreIdInput } from '../schemas.js';
import { count } from '../wording.js';

export const imitateStyle = defineGenerateTool({
  generates: true,
  name: 'imitate_style',
  title: 'Write a new piece in the style of stored scores',
  description:
    'Learns a style from one or more stored scores and writes a new piece in it, stored under the new id in `scoreId`. ' +
    'It learns, separately for major- and minor-key sources, n-gram (Markov) statistics of the top line: melodic intervals ' +
    'after the scale degrees before them (relative to each source\'s key, so styles carry across keys) and note lengths by ' +
    'position in the measure; and, when the sources have more than one line, the same for the bass line plus the ' +
    'succession of chords (root degree and quality, from harmonic analysis). It writes a melody, then (with a bass) one chord ' +
    'per beat that holds the melody note where it can, and a bass below the melody, consonant with it, on chord tones on the ' +
    'beats; `measures` bars in the sources\' meter, within their range, ending on the tonic on a ' +
    'downbeat. `order` (1–3) is how many notes of context to use: higher copies the sources more closely. The same `seed` ' +
    'gives the same piece. `key` ("G major", "e minor") defaults to the first source\'s. The result reports how close the ' +
    'piece is to the sources (cosine similarity of tonic-relative pitch-class and interval profiles, 1 = identical).',
  input: z.object({
    ids: z.array(scoreIdInput).min(1).max(MAX_SOURCES).describe('One to fifty stored score ids to learn the style from.'),
    measures: z.number().int().min(1).max(MAX_MEASURES).optional().describe('Length of the new piece in measures; default 16.'),
    order: z.number().int().min(1).max(3).optional().describe('Notes of context, 1–3; default 2.'),
    seed: z.number().int().optional().describe(`Seed for the random choices; default ${DEFAULT_SEED}. Same seed, same piece.`),
    key: z.string().max(24).optional().describe('Key to write in, e.g. "G major", "e minor", "Bb major"; default the first source\'s key.'),
  }),
  output: z.object({
    scoreId: z.string(),
    title: z.string(),
    sources: z.array(z.object({ id: z.string(), title: z.string() })),
    learned: z.object({
      order: z.number().int(),
      modes: z.array(
        z.object({ mode: z.enum(['major', 'minor']), sources: z.number().int(), melodyNotes: z.number().int(), bassNotes: z.number().int(), harmony: z.boolean() }),
      ),
      ngramContexts: z.record(z.string(), z.array(z.number().int())).describe('Distinct contexts seen per context length (0 … order), per mode and line.'),
    }),
    measures: z.number().int(),
    key: z.string(),
    seed: z.number().int(),
    parts: z.array(z.string()),
    noteCount: z.number().int(),
    chordCount: z.number().int().describe('Chords planned under the melody (one per beat; 0 when the sources have no bass line).'),
    closeness: z.object({
      pitchClassSimilarity: z.number().describe('Cosine similarity of the tonic-relative pitch-class profile to the sources\' mean.'),
      intervalSimilarity: z.number().describe('Cosine similarity of the melodic-interval profile to the sources\' mean.'),
    }),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  scope: 'scores:write',
  task: true,
  scoreIds: (input) => input.ids,
  compute(input, stored) {
    const order = input.order ?? 2;
    const seed = input.seed ?? DEFAULT_SEED;
    const model = learnStyle(stored.map((loaded) => ({ score: loaded.score, name: loaded.score.metadata.title ?? loaded.id })), { order });
    const piece = writeInStyle(model, { measures: input.measures ?? 16, seed, order, ...(input.key === undefined ? {} : { key: input.key }) });
    const closeness = profileCloseness(piece.score, meanProfile(stored.map((loaded) => loaded.score)));
    const title = piece.score.metadata.title ?? 'In the style of the sources';
    const noteCount = piece.melody.length + (piece.bass?.length ?? 0);
    const modes = (['major', 'minor'] as const).flatMap((mode) => {
      const style = model.modes[mode];
      return style ? [{ mode, sources: style.sources, melodyNotes: style.melody.notes, bassNotes: style.bass?.notes ?? 0, harmony: style.harmony !== undefined }] : [];
    });
    return {
      structured: {
        title,
        sources: stored.map((loaded) => ({ id: loaded.id, title: loaded.score.metadata.title ?? loaded.id })),
        learned: { order, modes, ngramContexts: ngramCounts(model) },
        measures: piece.measures,
        key: piece.key.name,
        seed,
        parts: piece.score.parts.map((part) => part.name ?? part.id),
        noteCount,
        chordCount: piece.chords.length,
        closeness,
      },
      summary:
        `${title}: ${count(piece.measures, 'measure')} in ${piece.key.name}, ${count(noteCount, 'note')}; ` +
        `pitch-class similarity ${closeness.pitchClassSimilarity}, interval similarity ${closeness.intervalSimilarity} to the sources.`,
      created: createdScore(piece.score, title),
    };
  },
});
