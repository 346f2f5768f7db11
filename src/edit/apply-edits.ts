/**
 * applyEdits(score, operations) → the edited score, or INVALID_EDIT and nothing changed: the operations
 * run in order on a copy-on-write draft, measures are laid out again (lengths, offsets, numbers), and
 * every touched measure must still add up. Pure: the caller stores the result as a new version.
 */
import { compare, equals, ZERO, add } from '../core/rational.js';
import type { Measure, Score } from '../core/score.js';
import { ScoreDraft, type DraftMeasure } from './draft.js';
import { checkMeasures, measureLength } from './measure-check.js';
import { addArticulation, addDynamic, addHairpin, addSlur, removeArticulation, removeDynamic, removeHairpin, removeSlur, setChordSymbol } from './mark-operations.js';
import { deleteMeasures, insertMeasures, moveMeasures, setClef, setKey, setTempo, setTime, transpose } from './measure-operations.js';
import { deleteEvent, insertEvent, setDuration, setLyric, setPitch, setTie } from './note-operations.js';
import type { EditOperation } from './operations.js';

type Handler<Operation> = (draft: ScoreDraft, operation: Operation) => void;

const HANDLERS: { readonly [Name in EditOperation['op']]: Handler<Extract<EditOperation, { op: Name }>> } = {
  set_pitch: setPitch,
  set_duration: setDuration,
  set_tie: setTie,
  set_lyric: setLyric,
  insert: insertEvent,
  delete: deleteEvent,
  insert_measures: insertMeasures,
  delete_measures: deleteMeasures,
  set_key: setKey,
  set_time: setTime,
  set_clef: setClef,
  set_tempo: setTempo,
  transpose,
  add_dynamic: addDynamic,
  remove_dynamic: removeDynamic,
  add_articulation: addArticulation,
  remove_articulation: removeArticulation,
  add_slur: addSlur,
  remove_slur: removeSlur,
  add_hairpin: addHairpin,
  remove_hairpin: removeHairpin,
  set_chord_symbol: setChordSymbol,
  move_measures: moveMeasures,
};

/** applyEdits(chorale, [{ op: "set_pitch", target: "P2-m3-v1-e2", pitch: "F#4" }]) → the chorale with that alto note raised */
export function applyEdits(score: Score, operations: readonly EditOperation[]): Score {
  const draft = new ScoreDraft(score);
  operations.forEach((operation, index) => {
    try {
      (HANDLERS[operation.op] as Handler<EditOperation>)(draft, operation);
    } catch (error) {
      if (error instanceof Error) error.message = `Operation ${index + 1} (${operation.op}): ${error.message}`;
      throw error;
    }
  });
  layOut(draft, score);
  checkMeasures(draft);
  return draft.toScore();
}

/** each touched measure's length from its voices; then, if lengths or the measure list changed, offsets, indexes and numbers */
function layOut(draft: ScoreDraft, original: Score): void {
  for (const measure of draft.edited) {
    const length = measureLength(measure);
    if (!equals(length, measure.duration)) {
      measure.duration = length;
      draft.structureChanged = true;
    }
  }
  if (!draft.structureChanged) return;
  const renumber = draft.reordered || draft.parts[0]?.measures.length !== original.parts[0]?.measures.length;
  draft.parts.forEach((part, partIndex) => {
    const measures = draft.measuresOf(partIndex);
    let offset = measures[0]?.offset ?? ZERO;
    // inserted or deleted measures: numbered on from the first measure's number (a pickup's 0 stays)
    let number = Number.parseInt(measures[0]?.number ?? '', 10);
    if (Number.isNaN(number)) number = 1;
    measures.forEach((measure, index) => {
      const printed = renumber ? String(number++) : measure.number;
      if (index !== measure.index || compare(offset, measure.offset) !== 0 || printed !== measure.number) {
        measures[index] = draft.edited.has(measure as DraftMeasure) ? Object.assign(measure, { index, offset, number: printed }) : ({ ...measure, index, offset, number: printed } satisfies Measure);
      }
      offset = add(offset, measures[index]!.duration);
    });
  });
}
