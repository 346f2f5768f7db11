import { z } from 'zod';
import { findCadences, phraseEndTimes } from '../../analysis/cadence.js';
import { analyzeHarmony as findHarmonies } from '../../analysis/harmony.js';
import { toNumber } from '../../core/rational.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { scoreIdInput } from '../schemas.js';

const harmonyOutput = z.object({
  offsetQuarters: z.number().describe('From the start of the score, in quarter notes.'),
  durationQuarters: z.number(),
  measure: z.string().describe('The measure number as printed.'),
  beat: z.number().describe('1-based beat in the measure; 2.5 is halfway through beat 2.'),
  key: z.string().describe('Local key (or the global key with keys: "global"), e.g. "G major".'),
  figure: z.string().describe('Roman numeral in RomanText spelling: "I", "V65", "viio7", "V7/V".'),
  function: z.enum(['T', 'PD', 'D', '?']).describe('Tonic, predominant or dominant function.'),
  root: z.string(),
  quality: z.string(),
  bass: z.string(),
});

const cadenceOutput = z.object({
  type: z.enum(['PAC', 'IAC', 'HC', 'Phrygian HC', 'plagal', 'deceptive']),
  offsetQuarters: z.number(),
  measure: z.string(),
  beat: z.number(),
  key: z.string(),
  progression: z.array(z.string()).describe('The last two harmonies, e.g. ["V7", "I"].'),
});

export const analyzeHarmony = defineScoreTool({
  name: 'analyze_harmony',
  title: 'Roman numeral analysis',
  description:
    'Harmonic analysis of a score from its notes: one entry per change of harmony, with its local key and ' +
    'its roman numeral in RomanText spelling (inversions V65, applied chords V7/V, viio7), function (T/PD/D), ' +
    'and cadences at phrase ends (fermatas, rests and long notes in the top voice, and the end): PAC, IAC, HC, Phrygian HC, plagal, deceptive. ' +
    'Non-chord tones (passing and neighbour notes, suspensions) are tolerated rather than named as chords. ' +
    'keys: "local" (default) finds modulations; "global" reads every chord in the key of the whole piece. ' +
    'Tonal music (common practice) gets the most reliable answers; modal and post-tonal music less so.',
  input: z.object({
    id: scoreIdInput,
    keys: z.enum(['local', 'global']).optional().describe('Local keys (default) or one global key.'),
    fromMeasure: z.number().int().min(0).optional().describe('First measure index to report (0-based); default 0.'),
    maxChords: z.number().int().min(1).max(5000).optional().describe('At most this many chords; default 500.'),
  }),
  output: z.object({
    id: z.string(),
    keys: z.enum(['local', 'global']),
    chords: z.array(harmonyOutput),
    cadences: z.array(cadenceOutput),
    harmoniesPerMeasure: z.number().describe('Harmonic rhythm: harmony changes per measure, over the whole score.'),
    truncated: z.boolean().describe('True when more chords exist than were returned.'),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => [input.id],
  compute(input, [stored]) {
    const { score } = stored!;
    const keys = input.keys ?? 'local';
    const harmonies = findHarmonies(score, { keys });
    const cadences = findCadences(harmonies, phraseEndTimes(score));
    const shown = harmonies.filter((harmony) => harmony.measureIndex >= (input.fromMeasure ?? 0));
    const limit = input.maxChords ?? 500;
    const measureCount = score.parts[0]?.measures.length ?? 1;
    const chords = shown.slice(0, limit).map((harmony) => ({
      offsetQuarters: toNumber(harmony.offset),
      durationQuarters: toNumber(harmony.duration),
      measure: harmony.measure,
      beat: harmony.beat,
      key: harmony.key,
      figure: harmony.figure,
      function: harmony.function,
      root: harmony.root,
      quality: harmony.quality,
      bass: harmony.bass,
    }));
    const opening = chords.slice(0, 8).map((chord) => chord.figure).join(' ');
    return {
      structured: {
        id: input.id,
        keys,
        chords,
        cadences: cadences.map((cadence) => ({ ...cadence, progression: [...cadence.progression] })),
        harmoniesPerMeasure: Math.round((harmonies.length / Math.max(1, measureCount)) * 100) / 100,
        truncated: shown.length > limit,
      },
      summary: `${harmonies.length} harmonies, ${cadences.length} cadences (${cadences.map((cadence) => `${cadence.type} m${cadence.measure}`).join(', ') || 'none found'}). Opening: ${opening}.`,
    };
  },
});
