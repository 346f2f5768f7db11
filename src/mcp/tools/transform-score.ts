import { z } from 'zod';
import { CadenzaError } from '../../core/errors.js';
import { describeInterval, intervalName, parseInterval, parsePitchName, type Interval } from '../../core/interval.js';
import { compare, formatRational, rational, toNumber, type Rational } from '../../core/rational.js';
import type { Score } from '../../core/score.js';
import { harmonizerKeyName, parseHarmonizerKey } from '../../generate/harmonize/melody.js';
import { reharmonizeRange, type Reharmonization } from '../../generate/harmonize/reharmonize.js';
import { augmentScore } from '../../generate/transform/augment.js';
import { extractMeasures, extractParts } from '../../generate/transform/extract.js';
import { invertScore } from '../../generate/transform/invert.js';
import { mergeScores } from '../../generate/transform/merge.js';
import { retrogradeScore } from '../../generate/transform/retrograde.js';
import { retitled, scoreTitle } from '../../generate/transform/title.js';
import { transposeBySemitones, transposeScore, transposeToKey } from '../../generate/transform/transpose.js';
import { createdScore } from '../created-score.js';
import { defineGenerateTool } from '../define-tool.js';
import { scoreIdInput } from '../schemas.js';
import { count } from '../wording.js';

const OPERATIONS = ['transpose', 'invert', 'retrograde', 'augment', 'extract', 'merge', 'reharmonize'] as const;
/** at most this many scores in one merge, the stored one included */
const MAX_MERGED = 20;
/** no part of the result may run longer than this many measures */
const MAX_MEASURES = 20_000;
const MIN_FACTOR = rational(1, 8);
const MAX_FACTOR = rational(8);

const measureNumber = z.union([z.number().int(), z.string().min(1).max(20)]);

const transformInput = z.object({
  id: scoreIdInput,
  operation: z.enum(OPERATIONS),
  interval: z.string().max(12).optional().describe('transpose: a spelled interval, e.g. "M2", "-P4", "m-3", "A4", "M9".'),
  semitones: z.number().int().min(-48).max(48).optional().describe('transpose: semitones, signed.'),
  toKey: z.string().max(24).optional().describe('transpose: target key, e.g. "Eb major", "F# minor".'),
  axis: z.string().max(8).optional().describe('invert: the pitch that stays put, e.g. "C4"; default the first note.'),
  diatonic: z.boolean().optional().describe('invert: mirror letter steps within the key (default false: exact semitones).'),
  factor: z.string().max(16).optional().describe('augment: "2" doubles every length, "1/2" halves, "3/2"; between 1/8 and 8.'),
  parts: z.array(z.union([z.number().int().min(0), z.string().min(1).max(100)])).max(100).optional().describe('extract: part indices (0 = first) or names.'),
  measures: z.object({ from: measureNumber, to: measureNumber }).optional().describe('extract, reharmonize: measure numbers as printed, inclusive.'),
  with: z.array(scoreIdInput).max(50).optional().describe('merge: ids of the scores to combine with this one, in order.'),
  mode: z.enum(['parts', 'append']).optional().describe('merge: "parts" stacks the scores as more parts; "append" plays them one after another.'),
  style: z.enum(['chorale', 'pop', 'jazz']).optional().describe('reharmonize: chorale (default; the only style for four-part scores), pop or jazz.'),
  key: z.string().min(3).max(20).optional().describe('reharmonize: the key of the new chords, e.g. "Bb major"; default the melody\'s key.'),
  seed: z.number().int().optional().describe('reharmonize: breaks near-ties; the same seed gives the same chords (default 1).'),
});

type TransformInput = z.infer<typeof transformInput>;

export const transformScore = defineGenerateTool({
  generates: true,
  name: 'transform_score',
  title: 'Transform a score into a new one',
  description:
    'Makes a new stored score from a stored one (the original is untouched); the new id is in `scoreId`. ' +
    'operation "transpose": by `interval` ("M2" up a major second, "-P4" down a perfect fourth, "A4", "m10"; spelling and key ' +
    'signature follow), by `semitones` (spelled in the key with fewest accidentals), or to `toKey` ("Eb major"; same mode as the ' +
    'score, nearer direction). "invert": mirror pitches around `axis` (e.g. "C4"; default the first note), `diatonic` true to ' +
    'mirror within the key. "retrograde": every part backwards. "augment": lengths times `factor` ("2", "1/2", "3/2"; 1/8–8), ' +
    'meter kept. "extract": `parts` (indices or names) and/or `measures` { from, to } by measure number. "merge": `with` other ' +
    'score ids, `mode` "parts" (side by side) or "append" (one after another). "reharmonize": new chords under the melody in ' +
    '`measures` { from, to }, the rest untouched: a score of four voices (four parts, or two voices on each of two staves) gets new alto, tenor and bass there (chorale style, led in and out ' +
    'of the chords around the passage), a melody or lead sheet new chord symbols (`style` chorale, pop or jazz); `key`, `seed` optional.',
  input: transformInput,
  output: z.object({
    scoreId: z.string(),
    sourceId: z.string(),
    operation: z.enum(OPERATIONS),
    description: z.string().describe('What was done, as the new title says it.'),
    title: z.string(),
    partCount: z.number().int(),
    measureCount: z.number().int(),
    harmony: z
      .object({
        key: z.string(),
        texture: z.enum(['four-part', 'lead-sheet']).describe('"four-part": new alto, tenor and bass; "lead-sheet": new chord symbols.'),
        chords: z.array(z.object({ offsetQuarters: z.number(), figure: z.string(), symbol: z.string() })),
      })
      .optional()
      .describe('reharmonize: the new chords, in the passage only.'),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  scope: 'scores:write',
  scoreIds: (input) => [input.id, ...(input.with ?? [])],
  compute(input, stored) {
    const scores = stored.map((loaded) => loaded.score);
    const { score, description, harmony } = apply(input, scores);
    const measureCount = Math.max(0, ...score.parts.map((part) => part.measures.length));
    if (measureCount > MAX_MEASURES) throw new CadenzaError('LIMIT_EXCEEDED', `The result would have ${measureCount} measures; the limit is ${MAX_MEASURES}.`);
    const title = score.metadata.title ?? description;
    return {
      structured: { sourceId: input.id, operation: input.operation, description, title, partCount: score.parts.length, measureCount, ...(harmony ? { harmony } : {}) },
      summary: `${title}: ${score.parts.length} part${score.parts.length === 1 ? '' : 's'}, ${count(measureCount, 'measure')}.`,
      created: createdScore(score, title),
    };
  },
});

interface Transformed {
  readonly score: Score;
  readonly description: string;
  readonly harmony?: { key: string; texture: Reharmonization['texture']; chords: { offsetQuarters: number; figure: string; symbol: string }[] };
}

function apply(input: TransformInput, scores: readonly Score[]): Transformed {
  const score = scores[0]!;
  switch (input.operation) {
    case 'transpose':
      return transpose(input, score);
    case 'invert': {
      const axis = input.axis === undefined ? undefined : parsePitchName(input.axis);
      if (input.axis !== undefined && !axis) throw invalid(`axis "${input.axis}" is not a pitch name.`, 'Write a letter, accidentals and octave, e.g. "C4", "F#3", "Bb4".');
      const inverted = checkRange(invertScore(score, { ...(axis ? { axis } : {}), diatonic: input.diatonic ?? false }));
      return { score: inverted, description: whatWasDone(inverted, score) };
    }
    case 'retrograde': {
      const reversed = retrogradeScore(score);
      return { score: reversed, description: whatWasDone(reversed, score) };
    }
    case 'augment':
      return augment(input, score);
    case 'extract': {
      if (!input.parts && !input.measures) throw invalid('extract needs `parts`, `measures` or both.', 'E.g. parts: [0, "Bass"] or measures: { from: 3, to: 5 }.');
      let excerpt = input.parts ? extractParts(score, input.parts) : score;
      if (input.measures) excerpt = { ...extractMeasures(excerpt, String(input.measures.from), String(input.measures.to)), metadata: excerpt.metadata };
      const what = [input.parts ? `parts ${input.parts.join(', ')}` : '', input.measures ? `measures ${input.measures.from}–${input.measures.to}` : ''].filter(Boolean).join(', ');
      const titled = { ...excerpt, metadata: retitled(score, what) };
      return { score: titled, description: `extracted ${what}` };
    }
    case 'merge': {
      if (!input.with || input.with.length === 0) throw invalid('merge needs `with`: the ids of the scores to combine with this one.');
      if (!input.mode) throw invalid('merge needs `mode`: "parts" (side by side) or "append" (one after another).');
      if (scores.length > MAX_MERGED) throw new CadenzaError('LIMIT_EXCEEDED', `merge combines at most ${MAX_MERGED} scores; ${scores.length} were given.`);
      const merged = mergeScores(scores, input.mode);
      return { score: merged, description: input.mode === 'parts' ? `merged ${scores.length} scores as parts` : `appended ${scores.length - 1} score${scores.length === 2 ? '' : 's'}` };
    }
    case 'reharmonize':
      return reharmonize(input, score);
  }
}

function reharmonize(input: TransformInput, score: Score): Transformed {
  if (!input.measures) throw invalid('reharmonize needs `measures`: the passage to give new chords.', 'E.g. measures: { from: 3, to: 4 }.');
  const result = reharmonizeRange(score, {
    from: String(input.measures.from),
    to: String(input.measures.to),
    ...(input.style ? { style: input.style } : {}),
    ...(input.key ? { key: parseHarmonizerKey(input.key) } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
  });
  const chords = result.chords.map((chord) => ({ offsetQuarters: toNumber(chord.start), figure: chord.figure, symbol: chord.symbol }));
  return { score: result.score, description: whatWasDone(result.score, score), harmony: { key: harmonizerKeyName(result.key), texture: result.texture, chords } };
}

function transpose(input: TransformInput, score: Score): Transformed {
  const given = [input.interval, input.semitones, input.toKey].filter((value) => value !== undefined).length;
  if (given !== 1) throw invalid('transpose needs exactly one of `interval`, `semitones` or `toKey`.', 'E.g. interval: "M2", semitones: -3 or toKey: "Eb major".');
  if (input.semitones !== undefined) {
    const moved = checkRange(transposeBySemitones(score, input.semitones));
    return { score: moved, description: whatWasDone(moved, score) };
  }
  if (input.toKey !== undefined) {
    const { score: moved, interval } = transposeToKey(score, input.toKey);
    return { score: checkRange(moved), description: `${whatWasDone(moved, score)} (${intervalName(interval)})` };
  }
  let interval: Interval;
  try {
    interval = parseInterval(input.interval!);
  } catch (error) {
    throw invalid(`interval: ${(error as Error).message}`, 'Write a quality and a number, minus for down: "M2", "-P4", "m3", "A4", "d5", "M9".');
  }
  if (Math.abs(interval.semitones) > 48) throw invalid(`interval "${input.interval}" is more than four octaves.`);
  const moved = checkRange(transposeScore(score, interval));
  return { score: moved, description: `transposed ${describeInterval(interval)}` };
}

function augment(input: TransformInput, score: Score): Transformed {
  if (input.factor === undefined) throw invalid('augment needs `factor`, e.g. "2", "1/2" or "3/2".');
  const factor = parseFactor(input.factor);
  const longest = Math.max(0, ...score.parts.map((part) => part.measures.length));
  // checked before building: the rebuilt score has about factor times as many measures
  if (longest * (factor.n / factor.d) > MAX_MEASURES) throw new CadenzaError('LIMIT_EXCEEDED', `Augmenting ${longest} measures by ${formatRational(factor)} exceeds ${MAX_MEASURES} measures.`);
  const stretched = augmentScore(score, factor);
  return { score: stretched, description: whatWasDone(stretched, score) };
}

function parseFactor(text: string): Rational {
  const match = /^\s*(\d{1,4})(?:\s*\/\s*(\d{1,4}))?\s*$/.exec(text);
  const factor = match && Number(match[2] ?? 1) > 0 ? rational(Number(match[1]), Number(match[2] ?? 1)) : undefined;
  if (!factor || factor.n === 0) throw invalid(`factor "${text}" is not a positive fraction.`, 'Write "2", "1/2" or "3/2".');
  if (compare(factor, MIN_FACTOR) < 0 || compare(factor, MAX_FACTOR) > 0) throw invalid(`factor ${formatRational(factor)} is outside 1/8 … 8.`);
  return factor;
}

/** the part of the new title in parentheses: what was done */
function whatWasDone(result: Score, source: Score): string {
  const title = result.metadata.title ?? '';
  const prefix = `${scoreTitle(source)} (`;
  return title.startsWith(prefix) ? title.slice(prefix.length, -1) : title;
}

/** a transformation that pushes notes out of MIDI's 0–127 is refused rather than written unplayable */
function checkRange(score: Score): Score {
  for (const part of score.parts) {
    for (const measure of part.measures) {
      for (const voice of measure.voices) {
        for (const event of voice.events) {
          const pitches = event.kind === 'note' ? [event.pitch] : event.kind === 'chord' ? event.notes.map((note) => note.pitch) : [];
          const outside = pitches.find((p) => p.midi < 0 || p.midi > 127);
          if (outside) throw invalid(`the result would have notes outside the MIDI range (measure ${measure.number}).`, 'Use a smaller interval or another axis.');
        }
      }
    }
  }
  return score;
}

function invalid(message: string, hint?: string): CadenzaError {
  return new CadenzaError('INVALID_ARGUMENT', message, hint ? { hint } : undefined);
}
