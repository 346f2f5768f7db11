import { z } from 'zod';
import { nameChord } from '../../analysis/chord-names.js';
import { chordify } from '../../analysis/chordify.js';
import { isLeadSheet, writtenHarmony } from '../../analysis/lead-sheet.js';
import { noteIdsAt } from '../../analysis/note-ids.js';
import type { Pitch } from '../../core/pitch.js';
import type { Score } from '../../core/score.js';
import { positionsOf } from '../../core/beats.js';
import { compare, toNumber, type Rational } from '../../core/rational.js';
import { pitchName } from '../../core/pitch.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { measureRangeInput, resolveMeasureRange } from '../measure-range.js';
import { cursorInput, nextCursorOutput, pageOf, pageSpan } from '../paging.js';
import { noteIdsInput, noteIdsOutput, scoreIdInput } from '../schemas.js';
import { count } from '../wording.js';

const verticalOutput = z.object({
  offsetQuarters: z.number(),
  durationQuarters: z.number(),
  measure: z.string().describe('The measure number as printed (a pickup is 0).'),
  beat: z.number().describe('1-based beat in the meter (a pickup counted from where a full bar would begin); 2.5 is halfway through beat 2.'),
  pitches: z.array(z.string()).describe('Sounding pitches, lowest first, e.g. ["G2", "B3", "D4", "G4"].'),
  root: z.string(),
  bass: z.string(),
  inversion: z.number().int().optional(),
  commonName: z.string().describe('"major triad", "dominant seventh chord", … or "other".'),
  pitchedCommonName: z.string().describe('"C-major triad"'),
  noteIds: noteIdsOutput.optional(),
});

export const analyzeChords = defineScoreTool({
  name: 'analyze_chords',
  title: 'Chordify and name the chords',
  description:
    'Every vertical sonority of the score (all parts sounding together, ties held, as music21\'s chordify), ' +
    'with its pitches, root, bass, inversion and common name. merge: true joins consecutive verticals with ' +
    'the same pitch classes (repeated or re-struck chords). For roman numerals in a key, use analyze_harmony. A lead sheet ' +
    '(chord symbols in at least half its measures) gives its written chords, one per symbol. ' +
    '`measures` { from, to } (printed numbers, inclusive) limits the answer to a passage. `ids: true` names the notes of each chord (`noteIds`, as edit_score takes them). The list comes in pages that fit ' +
    'a model\'s context: `total` counts them all, and `nextCursor`, passed back as `cursor`, gives the next page.',
  input: z.object({
    id: scoreIdInput,
    merge: z.boolean().optional().describe('Join consecutive verticals with the same pitch classes; default false.'),
    ids: noteIdsInput,
    measures: measureRangeInput.optional(),
    maxChords: z.number().int().min(1).max(5000).optional().describe('At most this many in the page; default: as many as fit about 10 KB.'),
    cursor: cursorInput,
  }),
  output: z.object({
    id: z.string(),
    chords: z.array(verticalOutput),
    total: z.number().int().describe('Chords in the score (or the passage asked), all pages together.'),
    truncated: z.boolean().describe('True when more chords follow this page.'),
    nextCursor: nextCursorOutput,
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => [input.id],
  compute(input, [stored]) {
    const { score } = stored!;
    const range = input.measures ? resolveMeasureRange(score, input.measures) : undefined;
    const verticals = soundingChords(score).filter((vertical) => !range || (compare(vertical.offset, range.fromOffset) >= 0 && compare(vertical.offset, range.toOffset) < 0));
    const positionOf = positionsOf(score);
    const ids = input.ids && !isLeadSheet(score) ? noteIdsAt(score, verticals.map((vertical) => vertical.offset)) : undefined;
    const rows = verticals.map((vertical, index) => ({
      offsetQuarters: toNumber(vertical.offset),
      durationQuarters: toNumber(vertical.duration),
      measure: vertical.measure,
      beat: positionOf(vertical.offset).beat,
      pitches: vertical.pitches.map(pitchName),
      classes: [...new Set(vertical.pitches.map((pitch) => pitch.pitchClass))].sort((a, b) => a - b).join(','),
      ...nameChord(vertical.pitches),
      ...(input.ids ? { noteIds: ids?.[index] ?? [] } : {}),
    }));
    const merged = input.merge ? mergeRepeats(rows) : rows;
    const page = pageOf(
      merged.map(({ classes: _classes, ...row }) => row),
      { cursor: input.cursor, limit: input.maxChords },
    );
    const chords = page.rows;
    const names = chords.slice(0, 6).map((chord) => chord.pitchedCommonName).join(', ');
    const shown = chords.length < merged.length ? ` (${pageSpan(chords, page.start)} in this page)` : '';
    return {
      structured: { id: input.id, chords, total: merged.length, truncated: page.nextCursor !== undefined, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
      summary: `${count(merged.length, 'chord')}${input.merge ? ' (repeats merged)' : ''}${shown}; first: ${names || 'none'}.`,
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

/** the verticals of the notes, or of a lead sheet the chords its symbols write */
function soundingChords(score: Score): readonly { offset: Rational; duration: Rational; measure: string; pitches: readonly Pitch[] }[] {
  return isLeadSheet(score) ? writtenHarmony(score) : chordify(score);
}
