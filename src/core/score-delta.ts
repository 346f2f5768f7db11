/**
 * Older versions of a score kept compactly: a delta holds what turns a newer version back into an older
 * one — the older metadata and part headers, and its measures either written out or as runs of the newer
 * version's measures. Edits copy only what they change (unchanged measures are the very same objects in
 * both versions), so a run is found by identity, never by comparing contents, and a delta of a ten-note
 * edit of a long score is a few hundred bytes. Applying a delta reuses the newer version's measures, so
 * versions rebuilt one from another keep sharing what they have in common.
 */
import { deflateSync, inflateSync } from 'fflate';
import { CadenzaError } from './errors.js';
import type { Measure, Part, Score } from './score.js';

/** [newer part index, first measure index, count]: measures taken unchanged from the newer version */
type Run = [number, number, number];

interface PartDelta extends Omit<Part, 'measures'> {
  readonly measures: readonly (Measure | Run)[];
}

interface Delta {
  readonly v: 1;
  /** the older score with its parts' measures as entries (keys keep their order, so a rebuilt version is byte for byte the same JSON) */
  readonly score: Omit<Score, 'parts'> & { readonly parts: readonly PartDelta[] };
}

/** scoreDelta(before, after) → bytes that applyScoreDelta(after, bytes) turns back into `before` */
export function scoreDelta(older: Score, newer: Score): Uint8Array {
  const positions = new Map<Measure, [number, number]>();
  newer.parts.forEach((part, partIndex) => part.measures.forEach((measure, index) => positions.set(measure, [partIndex, index])));
  const delta: Delta = { v: 1, score: { ...older, parts: older.parts.map((part) => partDelta(part, positions)) } };
  return deflateSync(new TextEncoder().encode(JSON.stringify(delta)), { level: 6 });
}

function partDelta(part: Part, positions: ReadonlyMap<Measure, [number, number]>): PartDelta {
  const entries: (Measure | Run)[] = [];
  for (const measure of part.measures) {
    const found = positions.get(measure);
    const last = entries[entries.length - 1];
    if (!found) entries.push(measure);
    else if (Array.isArray(last) && last[0] === found[0] && last[1] + last[2] === found[1]) last[2] += 1;
    else entries.push([found[0], found[1], 1]);
  }
  return { ...part, measures: entries };
}

/** applyScoreDelta(after, scoreDelta(before, after)) → a score equal to `before` */
export function applyScoreDelta(newer: Score, bytes: Uint8Array): Score {
  let delta: Delta;
  try {
    delta = JSON.parse(new TextDecoder().decode(inflateSync(bytes))) as Delta;
  } catch (error) {
    throw new CadenzaError('STORE_CORRUPT', 'A stored version of the score cannot be read.', { cause: error });
  }
  if (delta.v !== 1) throw new CadenzaError('INTERNAL', `A stored version has delta form ${String(delta.v)}; this Cadenza reads form 1.`);
  return {
    ...delta.score,
    parts: delta.score.parts.map((part) => ({
      ...part,
      measures: part.measures.flatMap((entry) => (Array.isArray(entry) ? run(newer, entry as Run) : [entry as Measure])),
    })),
  };
}

function run(newer: Score, [partIndex, from, count]: Run): readonly Measure[] {
  const measures = newer.parts[partIndex]?.measures.slice(from, from + count);
  if (!measures || measures.length !== count) throw new CadenzaError('STORE_CORRUPT', 'A stored version of the score refers to measures its successor does not have.');
  return measures;
}
