import { z } from 'zod';
import { closingCadence, findCadences } from '../../analysis/cadence.js';
import { analyzeHarmony } from '../../analysis/harmony.js';
import { checkVoiceLeading } from '../../analysis/voice-leading.js';
import { toNumber } from '../../core/rational.js';
import { harmonizeMelody as harmonize, type Harmonization } from '../../generate/harmonize/harmonize.js';
import { harmonizerKeyName, parseHarmonizerKey } from '../../generate/harmonize/melody.js';
import { createdScore } from '../created-score.js';
import { defineGenerateTool } from '../define-tool.js';
import { scoreIdInput } from '../schemas.js';
import { count } from '../wording.js';

export const harmonizeMelody = defineGenerateTool({
  name: 'harmonize_melody',
  title: 'Harmonize a melody',
  description:
    'Harmonizes one voice of a stored score (default the top voice; e.g. voice "Soprano" of a chorale) and stores the ' +
    'result as a new score. style "chorale" (default): four-part SATB writing, chords chosen by a search over voicings ' +
    'that forbids parallel fifths and octaves, crossings and overlaps, keeps voices in range and puts a cadence at every ' +
    'phrase end (fermatas, rests, the end); the answer includes the voice-leading check of the result. "pop": triads and ' +
    'the common progressions; "jazz": seventh chords, ii–V–I, secondary dominants, tritone substitutes, with guide-tone ' +
    'voicings. output "voicing" (default) writes the chords out in parts, "lead-sheet" gives the melody with chord ' +
    'symbols. The key is found from the melody unless `key` is given ("G major", "e minor"). The same seed gives the same result.',
  input: z.object({
    id: scoreIdInput,
    voice: z.union([z.number().int().min(0), z.string().min(1).max(100)]).optional().describe('Voice index (0 = top) or part name; default 0.'),
    style: z.enum(['chorale', 'pop', 'jazz']).default('chorale'),
    output: z.enum(['voicing', 'lead-sheet']).default('voicing'),
    key: z.string().min(3).max(20).optional().describe('Key of the harmonization, e.g. "Bb major", "f# minor".'),
    seed: z.number().int().default(1),
  }),
  output: z.object({
    scoreId: z.string(),
    title: z.string(),
    style: z.enum(['chorale', 'pop', 'jazz']),
    key: z.string(),
    chords: z.array(z.object({ offsetQuarters: z.number(), figure: z.string(), symbol: z.string() })),
    cadences: z.array(z.object({ type: z.string(), offsetQuarters: z.number(), measure: z.string(), key: z.string() })).describe('Cadences found by analyze_harmony in the result.'),
    phraseEnds: z.number().int().describe('Phrase ends in the melody (fermatas, rests, the end).'),
    uncadencedPhraseEnds: z
      .array(z.number())
      .describe('Phrase ends (quarter notes from the start) where analyze_harmony finds no cadence in the result: the melody allowed none of the cadences the harmonizer knows there.'),
    voiceLeading: z.record(z.string(), z.number().int()).describe('analyze_voice_leading findings in the result, counted by kind (chorale style).'),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  scope: 'scores:write',
  task: true,
  generates: true,
  scoreIds: (input) => [input.id],
  compute(input, [stored]) {
    const result = harmonize(stored!.score, {
      voice: input.voice ?? 0,
      style: input.style,
      output: input.output,
      seed: input.seed,
      ...(input.key ? { key: parseHarmonizerKey(input.key) } : {}),
    });
    const title = result.score.metadata.title ?? 'Harmonization';
    const harmonies = analyzeHarmony(result.score);
    const cadences = findCadences(harmonies);
    const voiceLeading = input.style === 'chorale' && input.output === 'voicing' ? countFindings(result) : {};
    const key = harmonizerKeyName(result.key);
    const uncadenced = result.melody.slots
      .filter((slot) => slot.phraseEnd && !closingCadence(harmonies, cadences, toNumber(slot.start), toNumber(slot.end)))
      .map((slot) => toNumber(slot.start));
    return {
      structured: {
        title,
        style: input.style,
        key,
        chords: result.chords.map((chord) => ({ offsetQuarters: toNumber(chord.start), figure: chord.figure, symbol: chord.symbol })),
        cadences: cadences.map(({ type, offsetQuarters, measure, key: cadenceKey }) => ({ type, offsetQuarters, measure, key: cadenceKey })),
        phraseEnds: result.melody.slots.filter((slot) => slot.phraseEnd).length,
        uncadencedPhraseEnds: uncadenced,
        voiceLeading,
      },
      summary: `${title} in ${key}: ${count(result.chords.length, 'chord')}, ${count(cadences.length, 'cadence')}${uncadenced.length > 0 ? ` (${count(uncadenced.length, 'phrase end')} without one)` : ''}${
        input.style === 'chorale' && input.output === 'voicing' ? `, ${Object.values(voiceLeading).reduce((sum, count) => sum + count, 0)} voice-leading findings` : ''
      }.`,
      created: createdScore(result.score, title),
    };
  },
});

function countFindings(result: Harmonization): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const finding of checkVoiceLeading(result.score)) counts[finding.issue] = (counts[finding.issue] ?? 0) + 1;
  return counts;
}
