import { z } from 'zod';
import { nameChord } from '../../analysis/chord-names.js';
import { chordify } from '../../analysis/chordify.js';
import { toNumber } from '../../core/rational.js';
import { pitchName } from '../../core/pitch.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { scoreIdInput } from '../schemas.js';

const verticalOutput = z.object({
  offsetQuarters: z.number(),
  durationQuarters: z.number(),
  measure: z.string(),
  beat: z.number().describe('1-based position in the measure, in quarter notes.'),
  pitches: z.array(z.string()).describe('Sounding pitches, lowest first, e.g. ["G2", "B3", "D4", "G4"].'),
  root: z.string(),
  bass: z.string(),
  inversion: z.number().int().optional(),
  commonName: z.string().describe('"major triad", "dominant seventh chord", … or "other".'),
  pitchedCommonName: z.string().describe('"C-major triad"'),
});

export const analyzeChords = defineScoreTool({
  name: 'analyze_chords',
  title: 'Chordify and name the chords',
  description:
    'Every vertical sonority of the score (all parts sounding together, ties held, as music21\'s chordify), ' +
    'with its pitches, root, bass, inversion and common name. merge: true joins consecutive verticals with ' +
    'the same pitch classes (repeated or re-struck chords). For roman numerals in a key, use analyze_harmony.',
  input: z.object({
    id: scoreIdInput,
    merge: z.boolean().optional().describe('Join consecutive verticals with the same pitch classes; default false.'),
    maxChords: z.number().int().min(1).max(5000).optional().describe('At most this many; default 500.'),
  }),
  output: z.object({ id: z.string(), chords: z.array(verticalOutput), total: z.number().int(), truncated: z.boolean() }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => [input.id],
  compute(input, [stored]) {
    const { score } = stored!;
    const verticals = chordify(score);
    const rows = verticals.map((vertical) => ({
      offsetQuarters: toNumber(vertical.offset),
      durationQuarters: toNumber(vertical.duration),
      measure: vertical.measure,
      beat: toNumber(vertical.measureOffset) + 1,
      pitches: vertical.pitches.map(pitchName),
      classes: [...new Set(vertical.pitches.map((pitch) => pitch.pitchClass))].sort((a, b) => a - b).join(','),
      ...nameChord(vertical.pitches),
    }));
    const merged = input.merge ? mergeRepeats(rows) : rows;
    const limit = input.maxChords ?? 500;
    const chords = merged.slice(0, limit).map(({ classes: _classes, ...row }) => row);
    const names = chords.slice(0, 6).map((chord) => chord.pitchedCommonName).join(', ');
    return {
      structured: { id: input.id, chords, total: merged.length, truncated: merged.length > limit },
      summary: `${merged.length} chords${input.merge ? ' (repeats merged)' : ''}; first: ${names}.`,
    };
  },
});

function mergeRepeats<Row extends { classes: string; durationQuarters: number }>(rows: readonly Row[]): Row[] {
  const merged: Row[] = [];
  for (const row of rows) {
    const last = merged[merged.length - 1];
    if (last && last.classes === row.classes) merged[merged.length - 1] = { ...last, durationQuarters: last.durationQuarters + row.durationQuarters };
    else merged.push(row);
  }
  return merged;
}
