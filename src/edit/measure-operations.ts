/** Operations on measures and what is in force in them: insertion, deletion, key, meter, clef, tempo, transposition. */
import { barLength } from '../core/beats.js';
import { parseInterval, transposePitch, type Interval } from '../core/interval.js';
import { ZERO } from '../core/rational.js';
import type { Event, Measure, Timed } from '../core/score.js';
import type { ScoreDraft } from './draft.js';
import type { EditOperation } from './operations.js';
import { invalid, measureIndex, partIndex, timeAt } from './places.js';

type Op<Name extends EditOperation['op']> = Extract<EditOperation, { op: Name }>;

const MAX_INSERTED = 1000;
/** a score edited to more measures than this is refused: a batch of insertions must not make an unbounded score */
export const MAX_MEASURES = 20_000;

export function insertMeasures(draft: ScoreDraft, operation: Op<'insert_measures'>): void {
  if (!Number.isInteger(operation.count) || operation.count < 1 || operation.count > MAX_INSERTED) throw invalid(`Insert 1 to ${MAX_INSERTED} measures, not ${operation.count}.`);
  const measureCount = draft.parts[0]?.measures.length ?? 0;
  if (measureCount + operation.count > MAX_MEASURES) throw invalid(`The score would have ${measureCount + operation.count} measures; edits keep scores to ${MAX_MEASURES}.`);
  const at = operation.before === undefined ? measureCount : measureIndex(draft.parts, operation.before);
  draft.parts.forEach((part, partIndexNow) => {
    const length = barLength(timeAt(part, Math.max(0, at - 1)));
    const empty = Array.from({ length: operation.count }, (): Measure => {
      const id = draft.ids.take(`${part.id}-m-new`);
      const restId = draft.ids.take(`${id}-rest`);
      const rest: Event = { kind: 'rest', id: restId, offset: ZERO, duration: length, measureRest: true };
      return { id, number: '', index: 0, offset: ZERO, duration: length, voices: [{ id: '1', events: [rest] }] };
    });
    draft.measuresOf(partIndexNow).splice(at, 0, ...empty);
  });
  draft.structureChanged = true;
}

export function deleteMeasures(draft: ScoreDraft, operation: Op<'delete_measures'>): void {
  const from = measureIndex(draft.parts, operation.from);
  const to = operation.to === undefined ? from : measureIndex(draft.parts, operation.to);
  if (to < from) throw invalid(`Measure ${operation.to} comes before measure ${operation.from}.`);
  if (to - from + 1 >= (draft.parts[0]?.measures.length ?? 0)) throw invalid('A score keeps at least one measure.');
  draft.parts.forEach((_, index) => draft.measuresOf(index).splice(from, to - from + 1));
  draft.structureChanged = true;
}

/** measures from–to, in every part, taken out and put back before measure `before` (or at the end) */
export function moveMeasures(draft: ScoreDraft, operation: Op<'move_measures'>): void {
  const from = measureIndex(draft.parts, operation.from);
  const to = operation.to === undefined ? from : measureIndex(draft.parts, operation.to);
  if (to < from) throw invalid(`Measure ${operation.to} comes before measure ${operation.from}.`);
  const before = operation.before === undefined ? (draft.parts[0]?.measures.length ?? 0) : measureIndex(draft.parts, operation.before);
  if (before >= from && before <= to + 1) throw invalid(`Measures ${operation.from}–${operation.to ?? operation.from} would stay where they are (before measure ${operation.before ?? 'the end'}).`);
  draft.parts.forEach((_, part) => {
    const measures = draft.measuresOf(part);
    const moved = measures.splice(from, to - from + 1);
    measures.splice(before > to ? before - moved.length : before, 0, ...moved);
  });
  draft.structureChanged = true;
  draft.reordered = true;
}

export function setKey(draft: ScoreDraft, operation: Op<'set_key'>): void {
  if (!Number.isInteger(operation.fifths) || Math.abs(operation.fifths) > 7) throw invalid(`A key signature has -7 to 7 fifths, not ${operation.fifths}.`);
  const value = { fifths: operation.fifths, ...(operation.mode ? { mode: operation.mode } : {}) };
  everyPart(draft, operation.measure, (measure) => (measure.keys = [{ offset: ZERO, value }]));
}

export function setTime(draft: ScoreDraft, operation: Op<'set_time'>): void {
  const { beats, beatType } = operation;
  if (!Number.isInteger(beats) || beats < 1 || beats > 64 || ![1, 2, 4, 8, 16, 32, 64].includes(beatType)) throw invalid(`${beats}/${beatType} is not a meter Cadenza writes.`);
  everyPart(draft, operation.measure, (measure) => (measure.times = [{ offset: ZERO, value: { beats: String(beats), beatType } }]));
  draft.structureChanged = true;
}

export function setTempo(draft: ScoreDraft, operation: Op<'set_tempo'>): void {
  if (!(operation.bpm > 0 && operation.bpm <= 1000)) throw invalid(`${operation.bpm} is not a tempo (quarter notes per minute, 1–1000).`);
  const value = { quarterBpm: operation.bpm, beatUnit: 'quarter', perMinute: operation.bpm };
  const index = measureIndex(draft.parts, operation.measure);
  const measure = draft.measure(0, index);
  measure.tempos = [...(measure.tempos ?? []).filter((tempo) => tempo.offset.n !== 0), { offset: ZERO, value }];
}

export function setClef(draft: ScoreDraft, operation: Op<'set_clef'>): void {
  if (!Number.isInteger(operation.line) || operation.line < 1 || operation.line > 5) throw invalid(`A clef sits on line 1 to 5, not ${operation.line}.`);
  const measure = draft.measure(partIndex(draft.parts, operation.part), measureIndex(draft.parts, operation.measure));
  const value = { sign: operation.sign, line: operation.line, ...(operation.octaveChange ? { octaveChange: operation.octaveChange } : {}) };
  const others: Timed<typeof value>[] = (measure.clefs ?? []).filter((clef) => clef.offset.n !== 0 || (clef.staff ?? 1) !== 1) as Timed<typeof value>[];
  measure.clefs = [{ offset: ZERO, ...(draft.parts[0] && draft.parts[0].staffCount > 1 ? { staff: 1 } : {}), value }, ...others];
}

export function transpose(draft: ScoreDraft, operation: Op<'transpose'>): void {
  let interval: Interval;
  try {
    interval = parseInterval(operation.interval);
  } catch (error) {
    throw invalid((error as Error).message);
  }
  const from = measureIndex(draft.parts, operation.from);
  const to = measureIndex(draft.parts, operation.to);
  if (to < from) throw invalid(`Measure ${operation.to} comes before measure ${operation.from}.`);
  const parts = operation.parts ? operation.parts.map((part) => partIndex(draft.parts, part)) : draft.parts.map((_, index) => index);
  for (const part of parts) {
    for (let index = from; index <= to; index++) {
      for (const voice of draft.measure(part, index).voices) voice.events = voice.events.map((event) => transposed(event, interval));
    }
  }
}

function transposed(event: Event, interval: Interval): Event {
  if (event.kind === 'rest') return event;
  if (event.kind === 'note') return event.unpitched ? event : { ...event, pitch: transposePitch(event.pitch, interval) };
  return { ...event, notes: event.notes.map((note) => (note.unpitched ? note : { ...note, pitch: transposePitch(note.pitch, interval) })) };
}

function everyPart(draft: ScoreDraft, number: string, change: (measure: ReturnType<ScoreDraft['measure']>) => void): void {
  const index = measureIndex(draft.parts, number);
  draft.parts.forEach((_, part) => change(draft.measure(part, index)));
}
