import { describe, expect, it } from 'vitest';
import { heardNotes } from '../../../src/core/notes.js';
import { pitchName } from '../../../src/core/pitch.js';
import { formatRational } from '../../../src/core/rational.js';
import type { Part } from '../../../src/core/score.js';
import { readAbc } from '../../../src/formats/abc/read.js';
import { scoreGroups } from '../../../src/formats/abc/voices.js';

function notes(part: Part): string[] {
  return heardNotes(part).map((note) => `${pitchName(note.pitch)}@${formatRational(note.start)}`);
}

const TWO_VOICES = [
  'X:1', 'T:Two voices', 'M:2/4', 'L:1/8', 'V:S name="Soprano" clef=treble', 'V:B name="Bass" clef=bass', 'K:G',
  'V:S', 'd2 ^c2|d4|]', 'V:B', 'G,2 A,2|D,4|]',
].join('\n');

describe('readAbc with voices', () => {
  it('reads a two-voice tune as two parts with their own notes, names and clefs', () => {
    const { score } = readAbc(TWO_VOICES);
    expect(score.parts.map((part) => [part.id, part.name, part.measures.length])).toEqual([['P1', 'Soprano', 2], ['P2', 'Bass', 2]]);
    expect(notes(score.parts[0]!)).toEqual(['D5@0', 'C#5@1', 'D5@2']);
    expect(notes(score.parts[1]!)).toEqual(['G3@0', 'A3@1', 'D3@2']);
    expect(score.parts[1]!.measures[0]!.clefs).toEqual([{ offset: { n: 0, d: 1 }, value: { sign: 'F', line: 4 } }]);
  });

  it('switches voices inline with [V:…], each voice keeping its own bar accidentals and key changes', () => {
    const { score } = readAbc('X:1\nM:2/4\nL:1/4\nK:C\n[V:1] ^F F|[K:D]F2|\n[V:2] F F|F2|\n');
    expect(notes(score.parts[0]!)).toEqual(['F#4@0', 'F#4@1', 'F#4@2']);
    expect(notes(score.parts[1]!)).toEqual(['F4@0', 'F4@1', 'F4@2']);
  });

  it('continues a voice where it left off when the tune comes back to it', () => {
    const { score } = readAbc('X:1\nM:2/4\nL:1/4\nK:C\nV:1\nCD|\nV:2\nEF|\nV:1\nGA|\nV:2\nBc|\n');
    expect(notes(score.parts[0]!)).toEqual(['C4@0', 'D4@1', 'G4@2', 'A4@3']);
    expect(notes(score.parts[1]!)).toEqual(['E4@0', 'F4@1', 'B4@2', 'C5@3']);
  });

  it('puts music before the first V: in the body into the first voice the header declares', () => {
    const { score } = readAbc('X:1\nM:2/4\nL:1/4\nV:1\nV:2\nK:C\nCD|\nV:2\nEF|\n');
    expect(score.parts.map(notes)).toEqual([['C4@0', 'D4@1'], ['E4@0', 'F4@1']]);
  });

  it('makes voices that %%score groups on one staff or one grand staff voices of one part', () => {
    const { score } = readAbc('X:1\n%%score (S A) {RH | LH}\nM:2/4\nL:1/4\nV:S\nV:A\nV:RH clef=treble\nV:LH clef=bass\nK:C\n[V:S] c d|\n[V:A] E F|\n[V:RH] [CEG]2|\n[V:LH] C,2|\n');
    expect(score.parts.map((part) => [part.staffCount, part.measures[0]!.voices.length])).toEqual([[1, 2], [2, 2]]);
    expect(notes(score.parts[0]!)).toEqual(['E4@0', 'C5@0', 'F4@1', 'D5@1']);
    expect(score.parts[1]!.measures[0]!.voices[1]!.events[0]!.staff).toBe(2);
    expect(score.parts[1]!.measures[0]!.clefs?.map((clef) => [clef.staff, clef.value.sign])).toEqual([[1, 'G'], [2, 'F']]);
  });

  it('parses %%score groups', () => {
    expect(scoreGroups('(S A) {(1 2) | 3} [T B]')).toEqual([[['S', 'A']], [['1', '2'], ['3']], [['T']], [['B']]]);
  });

  it('reads a tune without V: as one part, as before', () => {
    const { score } = readAbc('X:1\nM:2/4\nL:1/4\nK:C\nCD|EF|\n');
    expect(score.parts.map((part) => [part.id, part.measures[0]!.voices.map((voice) => voice.id)])).toEqual([['P1', ['1']]]);
  });
});

describe('readAbc marks', () => {
  it('reads keys on any tonic, G# minor and D# minor included', () => {
    expect(readAbc('X:1\nK:G#m\nG|').score.parts[0]!.measures[0]!.keys![0]!.value).toEqual({ fifths: 5, mode: 'minor' });
    expect(readAbc('X:1\nK:D#m\nD|').score.parts[0]!.measures[0]!.keys![0]!.value).toEqual({ fifths: 6, mode: 'minor' });
  });

  it('records tuplets, fermatas and ties on single chord notes', () => {
    const events = readAbc('X:1\nL:1/8\nK:C\n(3cde !fermata!f2 Hz2 [C-E]2 [CE]2|').score.parts[0]!.measures[0]!.voices[0]!.events;
    expect(events[0]).toMatchObject({ tuplet: { actual: 3, normal: 2 }, duration: { n: 1, d: 3 } });
    expect(events.slice(3, 5).map((event) => event.fermata)).toEqual([true, true]);
    expect(events[5]).toMatchObject({ kind: 'chord', notes: [{ tie: 'start' }, { pitch: { step: 'E' } }] });
    expect(events[5]!.kind === 'chord' && events[5]!.notes[1]!.tie).toBeUndefined();
  });
});
