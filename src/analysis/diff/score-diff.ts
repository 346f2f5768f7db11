/**
 * A musical diff of two scores (or two versions of one): parts paired by id, then name, then position;
 * measures paired by number when both number them alike, else aligned by content (measure-alignment.ts),
 * so an inserted bar shows as one added measure and not as every later bar changed; within paired measures, notes compared voice by voice and beat by beat
 * (measure-diff.ts). Every change names the part, the measure as printed, the beat and the voice.
 */
import { positionsOf } from '../../core/beats.js';
import { eventToken, idOf } from '../../core/event-text.js';
import { add } from '../../core/rational.js';
import type { Event, Measure, Part, Score } from '../../core/score.js';
import { alignMeasures, type MeasurePair } from './measure-alignment.js';
import { diffVoices, measureKey, measureMarkChanges, measureSounds, sameMeasure, type NoteAspect } from './measure-diff.js';

export type ChangeKind = 'note changed' | 'note added' | 'note removed' | 'measure added' | 'measure removed' | 'measure marks' | 'part added' | 'part removed';

export interface ScoreChange {
  readonly kind: ChangeKind;
  /** the part's name (else its id) */
  readonly part: string;
  readonly partId: string;
  /** the measure as printed in the second score (in the first for a removed measure) */
  readonly measure?: string;
  /** the measure as printed in the first score, when it is numbered differently there */
  readonly beforeMeasure?: string;
  readonly beat?: number;
  readonly voice?: string;
  /** for a changed note: what changed */
  readonly aspects?: readonly NoteAspect[];
  /** names of the marks that differ: "fermata", "tie", "keys", "tempos", … */
  readonly marks?: readonly string[];
  /** the note (or measure contents) before and after, as read_score writes notes: "C#5:q" */
  readonly before?: string;
  readonly after?: string;
  readonly beforeId?: string;
  readonly afterId?: string;
  /** notes in an added or removed measure or part */
  readonly notes?: number;
}

export interface ScoreDiff {
  readonly identical: boolean;
  readonly changes: readonly ScoreChange[];
  readonly counts: Readonly<Record<ChangeKind, number>> & { readonly pitch: number; readonly rhythm: number; readonly marks: number };
}

/** diffScores(bwv66.6, bwv66.6 with the alto's B3 in m5 raised to C4) → one change: pitch, m5, Alto, beat 2 */
export function diffScores(before: Score, after: Score): ScoreDiff {
  const changes: ScoreChange[] = [];
  const positions = { before: positionsOf(before), after: positionsOf(after) };
  const references = { before: before.parts[0]?.measures ?? [], after: after.parts[0]?.measures ?? [] };
  const beatIn = (side: 'before' | 'after', index: number, event: Event) => {
    const start = references[side][index]?.offset;
    return start ? positions[side](add(start, event.offset)).beat : 1;
  };
  for (const { was, is } of pairParts(before.parts, after.parts)) {
    if (!is) changes.push({ kind: 'part removed', part: labelOf(was!), partId: was!.id, notes: noteCount(was!.measures) });
    else if (!was) changes.push({ kind: 'part added', part: labelOf(is), partId: is.id, notes: noteCount(is.measures) });
    else changes.push(...diffPart(was, is, beatIn));
  }
  return { identical: changes.length === 0, changes, counts: countChanges(changes) };
}

type BeatIn = (side: 'before' | 'after', index: number, event: Event) => number;

function diffPart(was: Part, is: Part, beatIn: BeatIn): ScoreChange[] {
  const part = { part: labelOf(is), partId: is.id };
  const sounds = new Map<Measure, Set<string>>();
  const soundsOf = (measure: Measure) => sounds.get(measure) ?? sounds.set(measure, new Set(measureSounds(measure))).get(measure)!;
  const similarity = (i: number, j: number) => jaccard(soundsOf(was.measures[i]!), soundsOf(is.measures[j]!));
  const same = (i: number, j: number) => sameMeasure(was.measures[i]!, is.measures[j]!);
  // the same printed numbering means no measure came or went: measure 5 is measure 5, however much it changed
  const pairs = sameNumbers(was, is)
    ? was.measures.map((_, index) => ({ before: index, after: index, same: same(index, index) }))
    : alignMeasures({
        before: was.measures.length,
        after: is.measures.length,
        same,
        keyBefore: (i) => measureKey(was.measures[i]!),
        keyAfter: (j) => measureKey(is.measures[j]!),
        similarity,
      });
  return pairs.flatMap((pair) => diffPair(pair, was, is, part, beatIn));
}

function diffPair(pair: MeasurePair, was: Part, is: Part, part: { part: string; partId: string }, beatIn: BeatIn): ScoreChange[] {
  const old = pair.before === undefined ? undefined : was.measures[pair.before];
  const now = pair.after === undefined ? undefined : is.measures[pair.after];
  if (pair.same) return [];
  if (!now) return [{ kind: 'measure removed', ...part, measure: old!.number, notes: noteCount([old!]) }];
  if (!old) return [{ kind: 'measure added', ...part, measure: now.number, notes: noteCount([now]) }];
  const where = { ...part, measure: now.number, ...(old.number !== now.number ? { beforeMeasure: old.number } : {}) };
  const changes: ScoreChange[] = [];
  const marks = measureMarkChanges(old, now);
  if (marks.length > 0) changes.push({ kind: 'measure marks', ...where, marks });
  for (const change of diffVoices(old, now)) {
    const beat = change.after ? beatIn('after', pair.after!, change.after) : beatIn('before', pair.before!, change.before!);
    const beforeId = change.before && idOf(change.before);
    const afterId = change.after && idOf(change.after);
    changes.push({
      kind: change.kind,
      ...where,
      beat,
      voice: change.voice,
      ...(change.aspects ? { aspects: change.aspects } : {}),
      ...(change.marks ? { marks: change.marks } : {}),
      ...(change.before ? { before: eventToken(change.before) } : {}),
      ...(change.after ? { after: eventToken(change.after) } : {}),
      ...(beforeId ? { beforeId } : {}),
      ...(afterId ? { afterId } : {}),
    });
  }
  return changes;
}

/** parts paired by id, then by name, then by position among those left; the rest were added or removed */
function pairParts(before: readonly Part[], after: readonly Part[]): { was?: Part; is?: Part }[] {
  const left = new Set(before);
  const pairs: { was?: Part; is?: Part }[] = after.map((is) => ({ is }));
  const claim = (match: (was: Part, is: Part) => boolean) => {
    for (const pair of pairs) {
      if (pair.was) continue;
      const found = [...left].find((was) => match(was, pair.is!));
      if (found) {
        pair.was = found;
        left.delete(found);
      }
    }
  };
  claim((was, is) => was.id === is.id);
  claim((was, is) => was.name !== undefined && was.name === is.name);
  claim((was, is) => before.indexOf(was) === after.indexOf(is));
  return [...pairs, ...[...left].map((was) => ({ was }))];
}

function sameNumbers(was: Part, is: Part): boolean {
  return was.measures.length === is.measures.length && was.measures.every((measure, index) => measure.number === is.measures[index]!.number);
}

function labelOf(part: Part): string {
  return part.name?.trim() || part.abbreviation?.trim() || part.id;
}

function noteCount(measures: readonly Measure[]): number {
  let total = 0;
  for (const measure of measures) for (const voice of measure.voices) for (const event of voice.events) total += event.kind === 'note' ? 1 : event.kind === 'chord' ? event.notes.length : 0;
  return total;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

const KINDS: readonly ChangeKind[] = ['note changed', 'note added', 'note removed', 'measure added', 'measure removed', 'measure marks', 'part added', 'part removed'];

function countChanges(changes: readonly ScoreChange[]): ScoreDiff['counts'] {
  const counts = Object.fromEntries([...KINDS, 'pitch', 'rhythm', 'marks'].map((kind) => [kind, 0])) as Record<ChangeKind | NoteAspect, number>;
  for (const change of changes) {
    counts[change.kind] += 1;
    for (const aspect of change.aspects ?? []) counts[aspect] += 1;
  }
  return counts;
}
