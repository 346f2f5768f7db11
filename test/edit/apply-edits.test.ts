/**
 * Property tests of the edit engine over corpus scores: random batches that keep every bar whole are
 * applied, and the delta kept for the old version turns the new one back into the original byte for byte
 * (its canonical JSON); every version exports to MusicXML and reads back; ids stay unique and those of
 * untouched notes stay put. A batch that breaks a bar is refused whole, naming the bar.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { idsOf, withIds } from '../../src/core/ids.js';
import { markLists } from '../../src/core/mark-list.js';
import { add, toNumber } from '../../src/core/rational.js';
import type { Event, Score } from '../../src/core/score.js';
import { applyScoreDelta, scoreDelta } from '../../src/core/score-delta.js';
import { applyEdits } from '../../src/edit/apply-edits.js';
import type { EditOperation } from '../../src/edit/operations.js';
import { readScore } from '../../src/formats/read-score.js';
import { writeMusicXml } from '../../src/formats/musicxml/write.js';
import { TEST_SCORES } from '../support/corpus.js';
import { seededRandom } from '../../src/generate/random.js';

const SCORES = ['bach/bwv14.5.mxl', 'bach/bwv153.1.mxl', 'bach/bwv24.6.mxl', 'mozart/k156/movement1.mxl'];
const PITCHES = ['C4', 'D#4', 'Eb4', 'F#3', 'G4', 'Bb3', 'A5', 'B2'];
const INTERVALS = ['M2', '-m3', 'P4', '-P5', 'A1'];

/** a seeded generator, so a failure names a batch that can be replayed */
const random = (seed: number): (() => number) => seededRandom(seed).next;

function load(path: string): Score {
  return withIds(readScore(readFileSync(`${TEST_SCORES}${path}`), 'musicxml').score);
}

function pitchedEvents(score: Score): Event[] {
  return score.parts.flatMap((part) => part.measures.flatMap((measure) => measure.voices.flatMap((voice) => voice.events.filter((event) => event.kind !== 'rest' && !event.grace))));
}

/** a batch of operations that each keep their bar whole */
function randomBatch(score: Score, next: () => number): EditOperation[] {
  const events = pitchedEvents(score);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const numbers = score.parts[0]!.measures.map((measure) => measure.number);
  return Array.from({ length: 1 + Math.floor(next() * 10) }, (): EditOperation => {
    const event = pick(events);
    const target = event.kind === 'chord' ? event.notes[0]!.id! : event.id!;
    switch (Math.floor(next() * 12)) {
      case 0:
        return { op: 'set_pitch', target, pitch: pick(PITCHES) };
      case 1:
        return { op: 'set_tie', target, tie: pick(['start', 'stop', 'none'] as const) };
      case 2:
        return { op: 'set_lyric', target: event.id!, text: pick(['la', 'Herr', '']) };
      case 3: {
        const from = Math.floor(next() * numbers.length);
        return { op: 'transpose', from: numbers[from]!, to: numbers[Math.min(numbers.length - 1, from + 2)]!, interval: pick(INTERVALS) };
      }
      case 4:
        return { op: 'set_key', measure: pick(numbers), fifths: Math.floor(next() * 7) - 3 };
      case 5:
        return { op: 'add_dynamic', target, mark: pick(['pp', 'p', 'mf', 'f', 'sfz']) };
      case 6:
        return { op: 'add_articulation', target, articulation: pick(['staccato', 'accent', 'tenuto', 'trill-mark', 'mordent']) };
      case 7:
      case 8: {
        const [from, to] = laterPair(score, next);
        return next() < 0.5 ? { op: 'add_slur', from, to } : { op: 'add_hairpin', from, to, type: pick(['crescendo', 'diminuendo'] as const) };
      }
      case 9:
        // past the pickup, whose first beat may not exist
        return { op: 'set_chord_symbol', measure: pick(numbers.slice(1)), beat: 1 + Math.floor(next() * 2), symbol: pick(['C', 'F#m7', 'Bbmaj7/D', 'G7', 'Dsus4']) };
      case 10: {
        const from = 1 + Math.floor(next() * (numbers.length - 2));
        return { op: 'move_measures', from: numbers[from]!, before: numbers[from === 1 ? numbers.length - 1 : 0]! };
      }
      default:
        return { op: 'set_tempo', measure: pick(numbers), bpm: 60 + Math.floor(next() * 60) };
    }
  });
}

/** two events of one part, the second later than the first, by id */
function laterPair(score: Score, next: () => number): [string, string] {
  const part = score.parts[Math.floor(next() * score.parts.length)]!;
  const events = part.measures.flatMap((measure) => measure.voices[0]!.events.filter((event) => !(event.kind !== 'rest' && event.grace)));
  const first = Math.floor(next() * (events.length - 1));
  const second = first + 1 + Math.floor(next() * Math.min(8, events.length - first - 1));
  return [events[first]!.id!, events[second]!.id!];
}

describe('applyEdits over random batches on corpus scores', () => {
  it.each(SCORES)('%s: edit, then the kept delta restores the original byte for byte; every version exports and reads back', (path) => {
    const original = load(path);
    const canonical = JSON.stringify(original);
    const next = random(path.length * 7919);
    for (let round = 0; round < 25; round++) {
      const batch = randomBatch(original, next);
      const edited = applyEdits(original, batch);
      expect(JSON.stringify(original), 'the original is never changed').toBe(canonical);
      expect(JSON.stringify(applyScoreDelta(edited, scoreDelta(original, edited))), JSON.stringify(batch)).toBe(canonical);
      const ids = [...idsOf(edited)];
      expect(new Set(ids).size).toBe(ids.length);
      const reread = readScore(new TextEncoder().encode(writeMusicXml(edited)), 'musicxml').score;
      expect(pitchedEvents(reread).length).toBe(pitchedEvents(edited).length);
      expect(pitchedEvents(reread).map((event) => event.id)).toEqual(pitchedEvents(edited).map((event) => event.id));
    }
  });

  it('keeps the ids of untouched notes, and gives new notes new ids', () => {
    const original = load('bach/bwv14.5.mxl');
    const first = pitchedEvents(original).find((event) => event.duration.n === 1 && event.duration.d === 1)!;
    const edited = applyEdits(original, [
      { op: 'set_duration', target: first.id!, duration: '1/2' },
      { op: 'insert', after: first.id!, pitches: ['G4'], duration: '1/2' },
    ]);
    const before = pitchedEvents(original).map((event) => event.id);
    const after = pitchedEvents(edited).map((event) => event.id);
    expect(after.filter((id) => !before.includes(id))).toHaveLength(1);
    expect(after.filter((id) => before.includes(id))).toEqual(before);
  });
});

describe('applyEdits refusals', () => {
  it('refuses a batch that would break a bar, whole, naming the bar, part and voice', () => {
    const original = load('bach/bwv14.5.mxl');
    const canonical = JSON.stringify(original);
    const [second, first] = pitchedEvents(original).slice(4);
    const attempt = () =>
      applyEdits(original, [
        { op: 'set_pitch', target: second!.id!, pitch: 'C5' },
        { op: 'set_duration', target: first!.id!, duration: 3 },
      ]);
    expect(attempt).toThrow(expect.objectContaining({ code: 'INVALID_EDIT', message: expect.stringMatching(/Measure \S+ of part \S+.*voice 1, would last/) }));
    expect(JSON.stringify(original)).toBe(canonical);
  });

  it.each([
    [{ op: 'set_pitch', target: 'no-such-note', pitch: 'C4' }, /no note, chord or rest has the id/i],
    [{ op: 'set_pitch', target: { part: 1, measure: '1' }, pitch: 'H4' }, /not a spelled pitch/],
    [{ op: 'set_duration', target: { part: 9, measure: '1' }, duration: 1 }, /No part 9/],
    [{ op: 'transpose', from: '1', to: '2', interval: 'X9' }, /not an interval/],
    [{ op: 'insert_measures', count: 0 }, /Insert 1 to/],
    [Array.from({ length: 21 }, () => ({ op: 'insert_measures', count: 1000 })), /edits keep scores to 20000/],
    [{ op: 'set_duration', target: { part: 1, measure: '1' }, duration: '-1' }, /not a length/],
  ] as const)('refuses %j with INVALID_EDIT', (operation, message) => {
    const batch = (Array.isArray(operation) ? operation : [operation]) as EditOperation[];
    expect(() => applyEdits(load('bach/bwv14.5.mxl'), batch)).toThrow(expect.objectContaining({ code: 'INVALID_EDIT', message: expect.stringMatching(message) }));
  });

  it('inserts and deletes measures in every part, numbering on, and keeps bars whole', () => {
    const original = load('bach/bwv14.5.mxl');
    const count = original.parts[0]!.measures.length;
    const edited = applyEdits(original, [{ op: 'insert_measures', before: '2', count: 2 }, { op: 'delete_measures', from: '5' }]);
    for (const part of edited.parts) expect(part.measures).toHaveLength(count + 1);
    const numbers = edited.parts[0]!.measures.map((measure) => measure.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(JSON.stringify(applyScoreDelta(edited, scoreDelta(original, edited)))).toBe(JSON.stringify(original));
  });
});

describe('edits of performance marks, chord symbols and measure order', () => {
  const original = load('bach/bwv14.5.mxl');
  const canonical = JSON.stringify(original);
  const [first, second, third] = pitchedEvents(original).filter((event) => event.kind === 'note');

  /** "0 @<quarters from the start>" of an event of the first part */
  const at = (event: Event) => {
    const measure = original.parts[0]!.measures.find((candidate) => candidate.voices.some((voice) => voice.events.includes(event)))!;
    return `0 @${toNumber(add(measure.offset, event.offset))}`;
  };
  const key = (event: Event) => (event as { pitch: { midi: number } }).pitch.midi;

  it('adds a dynamic, articulation, slur and hairpin where the notes stand, and removing them gives the original back', () => {
    const marked = applyEdits(original, [
      { op: 'add_dynamic', target: first!.id!, mark: 'p' },
      { op: 'add_articulation', target: second!.id!, articulation: 'staccato' },
      { op: 'add_articulation', target: second!.id!, articulation: 'trill-mark' },
      { op: 'add_slur', from: first!.id!, to: third!.id! },
      { op: 'add_hairpin', from: first!.id!, to: third!.id!, type: 'crescendo' },
    ]);
    const thirdEnds = `0 @${Number(at(third!).slice(3)) + toNumber(third!.duration)}`;
    expect(markLists(marked)).toEqual({
      dynamics: [`${at(first!)} p`],
      hairpins: [`${at(first!)} crescendo`, `${thirdEnds} stop`].sort(),
      pedals: [],
      articulations: [`${at(second!)} ${key(second!)} staccato`],
      ornaments: [`${at(second!)} ${key(second!)} trill-mark`],
      slurs: [`${at(first!)} ${key(first!)} start`, `${at(third!)} ${key(third!)} stop`].sort(),
    });
    const cleared = applyEdits(marked, [
      { op: 'remove_dynamic', target: first!.id! },
      { op: 'remove_articulation', target: second!.id! },
      { op: 'remove_slur', target: first!.id! },
      { op: 'remove_hairpin', target: first!.id! },
    ]);
    expect(JSON.stringify(cleared)).toBe(canonical);
  });

  it('gives a second slur on the same notes its own number, and removes each with its own end', () => {
    const twice = applyEdits(original, [{ op: 'add_slur', from: first!.id!, to: third!.id! }, { op: 'add_slur', from: first!.id!, to: second!.id! }]);
    expect(pitchedEvents(twice)[0]!.slurs).toEqual([{ type: 'start' }, { type: 'start', number: 2 }]);
    const once = applyEdits(twice, [{ op: 'remove_slur', target: first!.id! }]);
    expect(markLists(once).slurs).toHaveLength(2);
    expect(pitchedEvents(once).find((event) => event.id === third!.id)!.slurs).toBeUndefined();
  });

  it('sets a chord symbol from its figure, realized, and removes it again', () => {
    const edited = applyEdits(original, [{ op: 'set_chord_symbol', measure: '1', beat: 2, symbol: 'F#m7/A' }]);
    const [harmony] = edited.parts[0]!.measures[1]!.harmonies!;
    expect(harmony!.value).toMatchObject({ figure: 'F#m7/A', kind: 'minor-seventh', root: { step: 'F', alter: 1 }, bass: { step: 'A', alter: 0 } });
    expect(harmony!.value.pitches.map((pitch) => pitch.step)).toEqual(expect.arrayContaining(['F', 'A', 'C', 'E']));
    expect(JSON.stringify(applyEdits(edited, [{ op: 'set_chord_symbol', measure: '1', beat: 2, symbol: '' }]))).toBe(canonical);
  });

  it('moves measures in every part, numbering them again in order, and moving them back gives the original measures', () => {
    const numbers = original.parts[0]!.measures.map((measure) => measure.number);
    const ids = original.parts[0]!.measures.map((measure) => measure.id);
    const moved = applyEdits(original, [{ op: 'move_measures', from: numbers[2]!, to: numbers[3]!, before: numbers[6]! }]);
    for (const part of moved.parts) expect(part.measures.map((measure) => measure.id)).toEqual(part.measures.map((measure) => measure.id));
    expect(moved.parts[0]!.measures.map((measure) => measure.id).slice(0, 7)).toEqual([ids[0], ids[1], ids[4], ids[5], ids[2], ids[3], ids[6]]);
    // numbered on from the first measure (this chorale's "4a" becomes a plain number)
    const renumbered = numbers.map((_, index) => String(index));
    expect(moved.parts[0]!.measures.map((measure) => measure.number)).toEqual(renumbered);
    const back = applyEdits(moved, [{ op: 'move_measures', from: renumbered[4]!, to: renumbered[5]!, before: renumbered[2]! }]);
    const unnumbered = (score: Score) => JSON.stringify(score.parts.map((part) => part.measures.map(({ number: _number, ...measure }) => measure)));
    expect(unnumbered(back)).toBe(unnumbered(original));
  });

  it.each([
    [{ op: 'add_dynamic', target: 'x', mark: 'loud' }, /no note, chord or rest|not a dynamic/i],
    [{ op: 'add_articulation', target: { part: 1, measure: '1' }, articulation: 'wobble' }, /not an articulation or ornament/],
    [{ op: 'remove_dynamic', target: { part: 1, measure: '1' } }, /No dynamic is marked/],
    [{ op: 'set_chord_symbol', measure: '1', symbol: 'H7' }, /not a chord symbol/],
    [{ op: 'move_measures', from: '2', before: '3' }, /would stay where they are/],
  ] as const)('refuses %j with INVALID_EDIT', (operation, message) => {
    expect(() => applyEdits(original, [operation as EditOperation])).toThrow(expect.objectContaining({ code: 'INVALID_EDIT', message: expect.stringMatching(message) }));
  });

  it('refuses a slur or hairpin that runs backwards, and a slur across parts', () => {
    expect(() => applyEdits(original, [{ op: 'add_slur', from: third!.id!, to: first!.id! }])).toThrow(/runs forward/);
    expect(() => applyEdits(original, [{ op: 'add_hairpin', from: third!.id!, to: first!.id!, type: 'crescendo' }])).toThrow(/runs forward/);
    const alto = pitchedEvents({ ...original, parts: [original.parts[1]!] })[0]!;
    expect(() => applyEdits(original, [{ op: 'add_slur', from: first!.id!, to: alto.id! }])).toThrow(/one part/);
  });
});
