import { z } from 'zod';
import { CadenzaError } from '../../core/errors.js';
import { toNumber } from '../../core/rational.js';
import { parseHarmonizerKey } from '../../generate/harmonize/melody.js';
import { CHORD_MODEL_PROVENANCE, CHORD_STYLES } from '../../suggest/chord-models.js';
import { parseProgression, progressionBefore, suggestChords, type ChordSuggestion } from '../../suggest/continuation.js';
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

export const suggestContinuation = defineScoreTool({
  name: 'suggest_continuation',
  title: 'Suggest what comes next',
  description:
    'The chords most likely to come next, with probabilities, after a progression of roman numerals ("I vi ii6 V7") or at a measure of a stored ' +
    'score (its harmony up to there, as analyze_harmony finds it). Learned from analyze_harmony over music21\'s corpus in a `style`: "bach" ' +
    '(chorales), "classical" (Haydn, Mozart, Beethoven quartets), "monteverdi" (madrigals), "palestrina" (masses) or "any". Each chord is ' +
    'written out in four parts after the chord before it and checked for voice leading and SATB ranges before it is offered; chords whose best ' +
    'voicing still breaks a rule are set aside. Deterministic for a `seed` (which picks among equally good voicings).',
  input: z.object({
    progression: z.string().min(1).max(400).optional().describe('Roman numerals separated by spaces, e.g. "I IV ii6 V".'),
    key: z.string().max(20).default('C major').describe('The key the progression is in, for writing the chords out, e.g. "G major", "F# minor".'),
    id: scoreIdInput.optional().describe('Or a stored score: suggest at measure `at` from the harmony before it.'),
    at: measureNumberInput.optional().describe('With `id`: the measure (number as printed) before which the harmony is taken; default after the last measure.'),
    style: z.enum(CHORD_STYLES).default('any'),
    count: z.number().int().min(1).max(10).default(5).describe('How many chords to offer.'),
    seed: z.number().int().min(0).max(2 ** 31).default(1),
  }),
  output: z.object({
    context: z.array(z.string()).describe('The progression the suggestions follow (its last chords count most).'),
    key: z.string(),
    style: z.enum(CHORD_STYLES),
    suggestions: z.array(suggestion),
    setAside: z.array(suggestion).describe('Likely chords not offered, with the findings that kept them out.'),
    model: z.string(),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => (input.id ? [input.id] : []),
  compute(input, [stored]) {
    if ((input.progression === undefined) === (input.id === undefined)) {
      throw new CadenzaError('INVALID_ARGUMENT', 'Give either `progression` or `id` (with `at`), not both and not neither.', { hint: 'e.g. { "progression": "ii6 V7" } or { "id": "…", "at": 9 }.' });
    }
    const point = stored ? progressionBefore(stored.score, pointOf(stored.score, input.at)) : undefined;
    const context = point ? point.figures : parseProgression(input.progression!);
    const keyName = point?.key ?? input.key;
    const found = suggestChords(context, { style: input.style, key: parseHarmonizerKey(keyName), count: input.count, seed: input.seed });
    const shape = ({ figure, probability, check }: ChordSuggestion) => ({ figure, probability, voiced: check.voiced, ...(check.voicing ? { voicing: check.voicing.map((chord) => [...chord]) } : {}), findings: [...check.findings] });
    const suggestions = found.offered.map(shape);
    const counts = CHORD_MODEL_PROVENANCE.counts[input.style];
    return {
      structured: {
        context: context.slice(-8),
        key: keyName,
        style: input.style,
        suggestions,
        setAside: found.setAside.map(shape),
        model: `Chord trigrams over analyze_harmony's numerals in ${counts?.pieces ?? 0} pieces of music21's corpus (${input.style}).`,
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
