/**
 * Humdrum **kern writer. One **kern spine per staff, the top part's top staff rightmost (as kern scores are
 * laid out), each labelled *partN and *staffN (staff 1 the top one), with a **dynam spine to the right of a
 * part that has dynamics or hairpins. Per measure: a barline record (=N, repeats as :|! and !|:, the final
 * ==), a spine split (*^) for each extra voice of a staff and merges (*v) back before the next barline, the
 * clef, key and meter interpretations where they change, then one data record per moment at which anything
 * starts. Durations are recips (tuplets included: a triplet eighth is 12), ties [ _ ], chords as
 * space-separated notes, grace notes with q, marks as marks.ts spells them, pedal as *ped / *Xped.
 * A stretch of a voice with nothing written is filled with a hidden rest (yy), since a kern spine has no gaps.
 * readKern reads the text back to the same notes and marks.
 */
import type { Metadata, Part, Score } from '../../core/score.js';
import { endSign, measureRecords, type KernColumn, type MeasureState } from './write-measure.js';

const REFERENCES: readonly (readonly [keyof Metadata, string])[] = [
  ['composer', 'COM'], ['title', 'OTL'], ['workTitle', 'OPR'], ['movementTitle', 'OMD'], ['lyricist', 'LYR'],
];

/** writeKern(score) → "!!!OTL: …\n**kern\t**kern\n*part2\t*part1\n…": a Humdrum file that readKern reads back */
export function writeKern(score: Score): string {
  const columns = kernColumns(score.parts);
  const lines: string[] = [];
  for (const [field, code] of REFERENCES) {
    const value = score.metadata[field];
    if (typeof value === 'string' && value.trim()) lines.push(`!!!${code}: ${value.replace(/\s+/g, ' ').trim()}`);
  }
  lines.push(columns.map((column) => (column.kind === 'kern' ? '**kern' : '**dynam')).join('\t'));
  lines.push(columns.map((column) => `*part${column.partIndex + 1}`).join('\t'));
  lines.push(columns.map((column) => `*staff${column.staffNumber}`).join('\t'));
  if (score.parts.some((part) => part.name)) {
    lines.push(columns.map((column) => (column.kind === 'kern' && column.part.name ? `*I"${oneLine(column.part.name)}` : '*')).join('\t'));
  }
  const state: MeasureState = { fifths: new Map(), openHairpins: new Map() };
  const measureCount = Math.max(0, ...score.parts.map((part) => part.measures.length));
  for (let index = 0; index < measureCount; index++) lines.push(...measureRecords(columns, index, state));
  const last = score.parts[0]?.measures[measureCount - 1];
  const final = !last || endSign(last) === '|!' ? '==' : `=${endSign(last)}`;
  lines.push(columns.map(() => final).join('\t'));
  lines.push(columns.map(() => '*-').join('\t'));
  return `${lines.join('\n')}\n`;
}

/** the spines left to right: the bottom part first, each part's staves from the lowest up, then its **dynam */
function kernColumns(parts: readonly Part[]): KernColumn[] {
  const staffBase = parts.map((_, index) => parts.slice(0, index).reduce((sum, part) => sum + Math.max(1, part.staffCount), 0));
  const columns: KernColumn[] = [];
  for (let partIndex = parts.length - 1; partIndex >= 0; partIndex--) {
    const part = parts[partIndex]!;
    const staves = Math.max(1, part.staffCount);
    for (let staff = staves; staff >= 1; staff--) columns.push({ kind: 'kern', part, partIndex, staff, staffNumber: staffBase[partIndex]! + staff });
    const dynamic = part.measures.some((measure) => (measure.dynamics?.length ?? 0) > 0 || (measure.hairpins?.length ?? 0) > 0);
    if (dynamic) columns.push({ kind: 'dynam', part, partIndex, staff: 1, staffNumber: staffBase[partIndex]! + 1 });
  }
  return columns;
}

function oneLine(text: string): string {
  return text.replace(/[\t\n\r]+/g, ' ').trim();
}
