import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { markLists } from '../../../src/core/mark-list.js';
import { heardNotes } from '../../../src/core/notes.js';
import { rational, toNumber } from '../../../src/core/rational.js';
import type { ChordEvent, NoteEvent, Score } from '../../../src/core/score.js';
import { readKern } from '../../../src/formats/kern/read.js';
import { kernRecip } from '../../../src/formats/kern/recip.js';
import { writeKern } from '../../../src/formats/kern/write.js';
import { readScore } from '../../../src/formats/read-score.js';
import { TEST_SCORES } from '../../support/corpus.js';

/**
 * Scores whose parts disagree on a measure's length (a viola bar one quarter long among bars of three; a cello
 * bar of nine eighths in 4/4): a kern barline crosses every spine at once, so the parts cannot drift apart.
 */
const MEASURES_DIFFER = ['beethoven/opus18no1/movement2.mxl', 'beethoven/opus59no3/movement2.mxl', 'mozart/k156/movement3.mxl'];

function notes(score: Score): string[][] {
  return score.parts.map((part) => heardNotes(part).map((note) => `${toNumber(note.start)} ${toNumber(note.end)} ${note.pitch.step}${note.pitch.alter}${note.pitch.octave}`));
}

/** every score moment at which an event starts or a measure ends: a **dynam record can only stand on one of them */
function moments(score: Score): number[] {
  const times = new Set<number>();
  for (const part of score.parts) {
    for (const measure of part.measures) {
      times.add(toNumber(measure.offset) + toNumber(measure.duration));
      for (const voice of measure.voices) for (const event of voice.events) times.add(toNumber(measure.offset) + toNumber(event.offset));
    }
  }
  return [...times].sort((a, b) => a - b);
}

/** a dynamic or hairpin end moved to the first moment at or after it, as kern must write it */
function onMoments(marks: readonly string[], times: readonly number[]): string[] {
  return marks
    .map((mark) => {
      const [part, at, ...rest] = mark.split(' ');
      const time = Number(at!.slice(1));
      return `${part} @${times.find((moment) => moment >= time - 1e-9) ?? time} ${rest.join(' ')}`;
    })
    .sort();
}

describe('writeKern', () => {
  const files = readdirSync(TEST_SCORES, { recursive: true, encoding: 'utf8' }).filter((name) => /\.(mxl|xml)$/.test(name)).sort();

  it.each(files)('%s reads back with the same notes and marks', (name) => {
    const score = readScore(new Uint8Array(readFileSync(`${TEST_SCORES}${name}`)), name.endsWith('.mxl') ? 'mxl' : 'musicxml').score;
    const copy = readKern(writeKern(score)).score;
    expect(copy.parts.map((part) => part.staffCount)).toEqual(score.parts.map((part) => Math.max(1, part.staffCount)));
    if (MEASURES_DIFFER.includes(name)) {
      expect(notes(copy)).not.toEqual(notes(score));
      const lengths = (measure: number) => new Set(score.parts.map((part) => toNumber(part.measures[measure]!.duration)));
      expect(score.parts[0]!.measures.some((_, measure) => lengths(measure).size > 1)).toBe(true);
      return;
    }
    expect(notes(copy)).toEqual(notes(score));
    const [original, back] = [markLists(score), markLists(copy)];
    for (const kind of ['articulations', 'ornaments', 'slurs', 'pedals'] as const) expect(back[kind], kind).toEqual(original[kind]);
    const times = moments(score);
    for (const kind of ['dynamics', 'hairpins'] as const) expect(back[kind], kind).toEqual(onMoments(original[kind], times));
  });

  it('lays out spines as kern does: the bottom part left, each part labelled, its **dynam on its right', () => {
    const text = [
      '**kern\t**kern\t**dynam',
      '*part2\t*part1\t*part1',
      '*staff2\t*staff1\t*staff1',
      '*clefF4\t*clefG2\t*',
      '*k[b-]\t*k[b-]\t*',
      '*M3/4\t*M3/4\t*',
      '=1\t=1\t=1',
      "4C\t(8f'\tp <",
      '.\t8gT)\t.',
      '*ped\t*\t*',
      '4D\t[4a^ 4cc\t.',
      '4E;\t12b-\t.',
      '.\t12a]\t.',
      '.\t12g~\t[',
      '*Xped\t*\t*',
      '==\t==\t==',
      '*-\t*-\t*-',
    ].join('\n');
    const score = readKern(text).score;
    const again = writeKern(score);
    expect(again.split('\n').slice(0, 3)).toEqual(['**kern\t**kern\t**dynam', '*part2\t*part1\t*part1', '*staff2\t*staff1\t*staff1']);
    expect(readKern(again).score).toEqual(score);
    const [upper, lower] = score.parts;
    expect(upper!.measures[0]).toMatchObject({
      dynamics: [{ offset: rational(0), value: 'p' }],
      hairpins: [{ offset: rational(0), value: { type: 'crescendo' } }, { offset: rational(8, 3), value: { type: 'stop' } }],
    });
    const events = upper!.measures[0]!.voices[0]!.events;
    expect(events[0]).toMatchObject({ articulations: ['staccato'], slurs: [{ type: 'start' }] });
    expect(events[1]).toMatchObject({ ornaments: ['trill-mark'], slurs: [{ type: 'stop' }] });
    expect(events[2]).toMatchObject({ kind: 'chord', articulations: ['accent'] });
    expect((events[2] as ChordEvent).notes[0]!.tie).toBe('start');
    expect(events[5]).toMatchObject({ articulations: ['tenuto'], duration: rational(1, 3) });
    expect(lower!.measures[0]).toMatchObject({ pedals: [{ offset: rational(1), value: { type: 'start' } }, { offset: rational(3), value: { type: 'stop' } }] });
    expect((lower!.measures[0]!.voices[0]!.events[2] as NoteEvent).fermata).toBe(true);
    expect(upper!.measures[0]!.barlines).toEqual([{ location: 'right', style: 'light-heavy' }]);
  });

  it('writes a staff with two voices as a split spine, merged again before the barline', () => {
    const score = readScore(new Uint8Array(readFileSync(`${TEST_SCORES}demos/two-voices.xml`)), 'musicxml').score;
    const text = writeKern(score);
    expect(text).toMatch(/\n\*\^\n/);
    expect(text).toMatch(/\n\*v\t\*v\n=/);
    expect(readKern(text).score.parts[0]!.measures[0]!.voices.map((voice) => voice.id)).toEqual(['1', '2']);
  });

  it('reads a piano written on two spines of one *part as one part on two staves', () => {
    const score = readScore(new Uint8Array(readFileSync(`${TEST_SCORES}theoryExercises/TriadExercise.mxl`)), 'mxl').score;
    const copy = readKern(writeKern(score)).score;
    expect(copy.parts).toHaveLength(1);
    expect(copy.parts[0]!.staffCount).toBe(2);
    expect(copy.parts[0]!.measures[0]!.clefs?.map((clef) => [clef.staff, clef.value.sign])).toEqual([[1, 'G'], [2, 'F']]);
  });

  it('spells durations as recips: dots, tuplets, breves and the rest as b%a', () => {
    expect([rational(1), rational(3, 2), rational(7, 4), rational(1, 3), rational(2, 3), rational(8), rational(12), rational(1, 5), rational(5, 3)].map(kernRecip)).toEqual(['4', '4.', '4..', '12', '6', '0', '0.', '20', '12%5']);
  });
});
