import { z } from 'zod';
import { CadenzaError } from '../../core/errors.js';
import { parsePitchName } from '../../core/interval.js';
import { toNumber } from '../../core/rational.js';
import { parseHarmonizerKey } from '../../generate/harmonize/melody.js';
import { parseQueryNotes } from '../../corpus/query-notes.js';
import { CHORD_MODEL_PROVENANCE, chordModels, CHORD_STYLES } from '../../suggest/chord-models.js';
import { parseProgression, progressionBefore, suggestChords, type ChordSuggestion } from '../../suggest/continuation.js';
import { continueMelody, nextNotes, rangeOf } from '../../suggest/melody.js';
import { MELODY_MODEL_PROVENANCE, MELODY_STYLES } from '../../suggest/melody-models.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { measureNumberInput, resolveMeasureRange } from '../measure-range.js';
import { scoreIdInput } from '../schemas.js';

const suggestion = z.object({
  figure: z.string().describe('Roman numeral in the key, as analyze_harmony writes it ("V65", "ii6", "V7/V").'),
  probability: z.number().describe('How likely the model finds this chord next, from the style\'s corpus.'),
  voiced: z.boolean().describe('Whether it could be written out in four parts to check it (false for chromatic chords the harmonizer does not write).'),
  voicing: z.array(z.array(z.string())).optional().describe('The previous chord and this one, soprano to bass, as written out for the check.'),
  findings: z.array(z.object({ issue: z.string(), explanation: z.string() })).describe('What analyze_voice_leading found in that voicing (empty: clean).'),
});
const noteSuggestion = z.object({ pitch: z.string(), interval: z.number().int().describe('Semitones from the last note.'), probability: z.number() });
const STYLES = [...new Set([...CHORD_STYLES, ...MELODY_STYLES])] as [string, ...string[]];

export const suggestContinuation = defineScoreTool({
  name: 'suggest_continuation',
  title: 'Suggest what comes next',
  description:
    'The chords most likely to come next, with probabilities, after a progression of roman numerals ("I vi ii6 V7") or at a measure of a stored ' +
    'score (its harmony up to there, as analyze_harmony finds it, and what the score says at that point: metre, the last chord\'s length and ' +
    'fermata, the last notes of the top and bass lines). Learned from analyze_harmony over music21\'s corpus in a `style`: "bach" ' +
    '(chorales), "classical" (Haydn, Mozart, Beethoven quartets), "monteverdi" (madrigals), "palestrina" (masses) or "any". Each chord is ' +
    'written out in four parts after the chord before it and checked for voice leading and SATB ranges before it is offered; chords whose best ' +
    'voicing still breaks a rule are set aside. Or give a `melody` (notes, "E4 D4 C4:1") for its likeliest next notes in a style ("bach" ' +
    'sopranos, "classical" first violins, "folk" tunes or "any"), kept within `range` (default: the melody\'s compass widened by a fourth), ' +
    'and with `length` a continuation of that many notes drawn by the seed. Deterministic for a `seed`.',
  input: z.object({
    progression: z.string().min(1).max(400).optional().describe('Roman numerals separated by spaces, e.g. "I IV ii6 V".'),
    key: z.string().max(20).default('C major').describe('The key the progression is in, for writing the chords out, e.g. "G major", "F# minor".'),
    id: scoreIdInput.optional().describe('Or a stored score: suggest at measure `at` from the harmony before it.'),
    at: measureNumberInput.optional().describe('With `id`: the measure (number as printed) before which the harmony is taken; default after the last measure.'),
    melody: z.string().min(1).max(2000).optional().describe('Or a melody as notes, "E4 D4 C4 D4" (durations optional, "C4:1"): suggest its next notes.'),
    range: z.object({ low: z.string().max(6), high: z.string().max(6) }).optional().describe('Melody: the lowest and highest notes allowed, e.g. { "low": "C4", "high": "G5" }.'),
    length: z.number().int().min(1).max(64).optional().describe('Melody: also write a continuation of this many notes.'),
    style: z.enum(STYLES).default('any'),
    count: z.number().int().min(1).max(10).default(5).describe('How many chords to offer.'),
    seed: z.number().int().min(0).max(2 ** 31).default(1),
  }),
  output: z.object({
    context: z.array(z.string()).describe('The progression (or melody) the suggestions follow; its last chords or notes count most.'),
    key: z.string().optional(),
    style: z.string(),
    suggestions: z.array(suggestion).optional(),
    setAside: z.array(suggestion).optional().describe('Likely chords not offered, with the findings that kept them out.'),
    notes: z.array(noteSuggestion).optional().describe('Melody: the likeliest next notes within the range.'),
    outOfRange: z.array(noteSuggestion).optional().describe('Melody: likely next notes set aside for leaving the range.'),
    continuation: z.array(z.string()).optional().describe('Melody: the notes drawn, "D5:0.5" with durations when the melody had them.'),
    model: z.string(),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => (input.id ? [input.id] : []),
  compute(input, [stored]) {
    const given = [input.progression, input.id, input.melody].filter((field) => field !== undefined).length;
    if (given !== 1) {
      throw new CadenzaError('INVALID_ARGUMENT', 'Give one of `progression`, `id` (with `at`) or `melody`.', { hint: 'e.g. { "progression": "ii6 V7" }, { "id": "…", "at": 9 } or { "melody": "E4 D4 C4" }.' });
    }
    if (input.melody !== undefined) return melodySuggestions(input.melody, input);
    const style = styleFor(input.style, CHORD_STYLES);
    const point = stored ? progressionBefore(stored.score, pointOf(stored.score, input.at)) : undefined;
    const context = point ? point.figures : parseProgression(input.progression!);
    const keyName = point?.key ?? input.key;
    const found = suggestChords(context, { style, key: parseHarmonizerKey(keyName), count: input.count, seed: input.seed, scoreContext: point?.context });
    const shape = ({ figure, probability, check }: ChordSuggestion) => ({ figure, probability, voiced: check.voiced, ...(check.voicing ? { voicing: check.voicing.map((chord) => [...chord]) } : {}), findings: [...check.findings] });
    const suggestions = found.offered.map(shape);
    const counts = CHORD_MODEL_PROVENANCE.counts[style];
    return {
      structured: {
        context: context.slice(-8),
        key: keyName,
        style: input.style,
        suggestions,
        setAside: found.setAside.map(shape),
        model: `Chord ${chordModels()[style].order}-grams over analyze_harmony's numerals in ${counts?.pieces ?? 0} pieces of music21's corpus (${input.style})${point?.context ? ", mixed with a network that also reads the score there (metre, the chord's length, fermata, top and bass lines)" : ''}.`,
      },
      summary: `After ${context.slice(-3).join(' ')} in ${keyName} (${input.style}): ${suggestions.map((entry) => `${entry.figure} ${Math.round(entry.probability * 100)}%`).join(', ') || 'nothing that passes the checks'}${found.setAside.length ? `; ${found.setAside.length} set aside by the voice-leading check` : ''}.`,
    };
  },
});

/** the start of measure `at` in quarters, or the end of the score */
function pointOf(score: Parameters<typeof resolveMeasureRange>[0], at: string | number | undefined): number {
  if (at === undefined) return Infinity;
  return toNumber(resolveMeasureRange(score, { from: at, to: at }).fromOffset);
}

function melodySuggestions(melody: string, input: { range?: { low: string; high: string } | undefined; length?: number | undefined; style: string; count: number; seed: number }) {
  const style = styleFor(input.style, MELODY_STYLES);
  const notes = parseQueryNotes(melody);
  const range: [number, number] = input.range ? [midiOf(input.range.low), midiOf(input.range.high)] : rangeOf(notes);
  const { offered, outOfRange } = nextNotes(notes, style, input.count, range);
  const continuation = input.length ? continueMelody(notes, style, input.length, range, input.seed) : undefined;
  const pieces = MELODY_MODEL_PROVENANCE.counts[style]?.pieces ?? 0;
  return {
    structured: { context: melody.trim().split(/\s+/).slice(-8), style, notes: offered, outOfRange, ...(continuation ? { continuation } : {}), model: `Melodic-interval trigrams over the top lines of ${pieces} pieces of music21's corpus (${style}).` },
    summary: `Next notes (${style}): ${offered.map((note) => `${note.pitch} ${Math.round(note.probability * 100)}%`).join(', ') || 'none in range'}${continuation ? `; continued: ${continuation.join(' ')}` : ''}.`,
  };
}

function styleFor<T extends string>(style: string, available: readonly T[]): T {
  if (!(available as readonly string[]).includes(style)) {
    throw new CadenzaError('INVALID_ARGUMENT', `style: "${style}" has no model for this kind of suggestion.`, { hint: `Choose one of ${available.join(', ')}.` });
  }
  return style as T;
}

function midiOf(name: string): number {
  const note = parsePitchName(name.trim());
  if (!note) throw new CadenzaError('INVALID_ARGUMENT', `range: "${name}" is not a note.`, { hint: 'Write notes as "C4", "F#5".' });
  return note.midi;
}
