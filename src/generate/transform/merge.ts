/**
 * Combining scores: side by side (their parts stacked into one score) or one after another (each part
 * continued by the same-numbered part of the next score). Where a score lacks a part or is shorter, whole
 * measures of rest fill the gap, so every part has the same measures.
 */
import { ZERO, add, type Rational } from '../../core/rational.js';
import type { Measure, Part, Score } from '../../core/score.js';
import { scoreEnd } from './timeline.js';
import { retitled, scoreTitle } from './title.js';

export type MergeMode = 'parts' | 'append';

/** mergeScores([soprano, bass], 'parts') → one score with both parts; ([verse, verse], 'append') → twice as long */
export function mergeScores(scores: readonly Score[], mode: MergeMode): Score {
  const [first, ...others] = scores;
  if (!first) throw new RangeError('mergeScores needs at least one score');
  const names = others.map(scoreTitle).join(', ');
  if (mode === 'parts') return { metadata: retitled(first, `with ${names}`), parts: stack(scores) };
  return { metadata: retitled(first, `followed by ${names}`), parts: append(scores) };
}

function stack(scores: readonly Score[]): Part[] {
  const parts = scores.flatMap((score) => score.parts);
  const longest = parts.reduce<Part | undefined>((best, part) => (!best || part.measures.length > best.measures.length ? part : best), undefined);
  const used = new Set<string>();
  return parts.map((part) => {
    // part ids must stay unique: two chorales both have a "P1"
    let id = part.id;
    for (let copy = 2; used.has(id); copy++) id = `${part.id}-${copy}`;
    used.add(id);
    const missing = (longest?.measures ?? []).slice(part.measures.length).map((model) => restMeasure(model, model.offset, model.index));
    return { ...part, id, measures: [...part.measures, ...missing] };
  });
}

function append(scores: readonly Score[]): Part[] {
  const partCount = Math.max(...scores.map((score) => score.parts.length));
  const parts: { part: Part; measures: Measure[] }[] = [];
  let offset: Rational = ZERO;
  let lastNumber = 0;
  scores.forEach((score, scoreIndex) => {
    const model = score.parts[0]?.measures ?? [];
    // appended scores continue the numbering; a pickup ("0") becomes the first new number
    const shift = scoreIndex === 0 ? 0 : lastNumber + (model[0]?.number === '0' ? 1 : 0);
    for (let index = 0; index < partCount; index++) {
      const source = score.parts[index];
      const measures = source ? source.measures : model;
      const entry = (parts[index] ??= { part: source ?? { id: `P${index + 1}`, staffCount: 1, measures: [] }, measures: [] });
      const placed = measures.map((measure, at): Measure => {
        const number = /^\d+$/.test(measure.number) ? String(shift + Number(measure.number)) : measure.number;
        const moved = { ...measure, number, offset: add(offset, measure.offset), index: entry.measures.length + at };
        return source ? moved : restMeasure({ ...moved, keys: measure.keys, times: measure.times }, moved.offset, moved.index);
      });
      entry.measures.push(...placed);
    }
    const numbers = (parts[0]?.measures ?? []).map((measure) => Number(measure.number)).filter(Number.isFinite);
    lastNumber = numbers.length > 0 ? Math.max(...numbers) : lastNumber;
    offset = add(offset, scoreEnd(score));
  });
  return parts.map(({ part, measures }) => ({ ...part, measures }));
}

/** a measure of silence shaped like `model`: same number, length, key and meter */
function restMeasure(model: Measure, offset: Rational, index: number): Measure {
  return {
    number: model.number,
    index,
    offset,
    duration: model.duration,
    ...(model.implicit ? { implicit: true } : {}),
    ...(model.keys ? { keys: model.keys } : {}),
    ...(model.times ? { times: model.times } : {}),
    voices: [{ id: '1', events: [{ kind: 'rest', offset: ZERO, duration: model.duration, measureRest: true }] }],
  };
}
