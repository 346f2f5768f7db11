import { z } from 'zod';
import { analyzeMelody as describeMelody, type MelodyPlace } from '../../analysis/melody.js';
import { positionsOf } from '../../core/beats.js';
import { pickLine, voiceLines } from '../../analysis/voice-leading.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { cursorInput, nextCursorOutput, PAGE_BUDGET_BYTES, pageOf } from '../paging.js';
import { noteIdsOutput, scoreIdInput } from '../schemas.js';
import { count } from '../wording.js';

const placeOutput = z.object({
  offsetQuarters: z.number(),
  measure: z.string().describe('The measure number as printed (a pickup is 0).'),
  beat: z.number().describe('1-based beat in the meter.'),
  noteIds: noteIdsOutput,
});

export const analyzeMelody = defineScoreTool({
  name: 'analyze_melody',
  title: 'Describe a melody',
  description:
    'The shape of one voice (default: the top one): range and tessitura, interval histogram (signed semitones), ' +
    'contour and its reduction to turning points, share of steps against leaps and the widest leaps, the climax, and phrases ' +
    '(split at rests, fermatas and long notes). The lowest and highest notes, the leaps and the climax each give their measure (as printed), ' +
    'beat and note ids (`noteIds`, as edit_score takes them). `voice` picks a voice by index (0 = top) or by part name. Phrases come in pages ' +
    'that fit a model\'s context: `phraseCount` counts them all, `nextCursor`, passed back as `cursor`, gives the next page.',
  input: z.object({
    id: scoreIdInput,
    voice: z.union([z.number().int().min(0), z.string().min(1)]).optional().describe('Voice index (0 = top) or part name; default 0.'),
    cursor: cursorInput,
  }),
  output: z.object({
    id: z.string(),
    voice: z.string(),
    voices: z.array(z.string()).describe('Every voice of the score, top first.'),
    noteCount: z.number().int(),
    range: z.object({ lowest: z.string(), highest: z.string(), semitones: z.number().int(), lowestAt: placeOutput, highestAt: placeOutput }),
    tessitura: z.object({ low: z.string(), high: z.string(), meanMidi: z.number() }),
    intervals: z.record(z.string(), z.number().int()),
    contour: z.string(),
    contourReduction: z.array(z.string()),
    stepShare: z.number(),
    leapCount: z.number().int(),
    widestLeaps: z
      .array(placeOutput.extend({ semitones: z.number().int().describe('Signed: up is positive.'), from: z.string(), to: z.string() }))
      .describe('The widest leaps (more than 2 semitones), at most 5, placed at the note each arrives on; noteIds names both notes.'),
    climax: placeOutput.extend({ pitch: z.string(), occurrences: z.number().int() }).describe('The highest note, where it first sounds.'),
    phrases: z.array(z.object({ fromQuarters: z.number(), toQuarters: z.number(), notes: z.number().int() })).describe('This page of the phrases.'),
    phraseCount: z.number().int(),
    nextCursor: nextCursorOutput,
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => [input.id],
  light: () => true,
  compute(input, [stored]) {
    const { score } = stored!;
    const lines = voiceLines(score);
    const line = pickLine(lines, input.voice ?? 0);
    const melody = describeMelody(line);
    const phrases = pageOf(melody.phrases, { cursor: input.cursor, budgetBytes: PAGE_BUDGET_BYTES / 2 });
    const positionOf = positionsOf(score);
    const placed = <Place extends MelodyPlace>(place: Place) => ({ ...place, ...positionOf(place.offsetQuarters), noteIds: [...place.noteIds] });
    return {
      structured: {
        id: input.id,
        ...melody,
        range: { ...melody.range, lowestAt: placed(melody.range.lowestAt), highestAt: placed(melody.range.highestAt) },
        widestLeaps: melody.widestLeaps.map(placed),
        climax: placed(melody.climax),
        voices: lines.map((candidate) => candidate.name),
        contourReduction: [...melody.contourReduction],
        phrases: phrases.rows,
        phraseCount: melody.phrases.length,
        ...(phrases.nextCursor ? { nextCursor: phrases.nextCursor } : {}),
      },
      summary: `${melody.voice}: ${count(melody.noteCount, 'note')}, ${melody.range.lowest}–${melody.range.highest}, ${Math.round(melody.stepShare * 100)}% steps, climax ${melody.climax.pitch}, ${count(melody.phrases.length, 'phrase')}${phrases.nextCursor ? ` (the first ${phrases.rows.length} in this page)` : ''}.`,
    };
  },
});
