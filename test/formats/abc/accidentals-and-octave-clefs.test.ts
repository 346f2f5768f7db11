/**
 * ABC 2.1's accidental rule (an accidental holds for its letter in every octave to the bar line, unless
 * %%propagate-accidentals says otherwise), ties over the bar line, and octave clefs (a treble-8 voice is
 * written an octave above its sound), read and written as abc2midi and music21 read them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { heardNotes } from '../../../src/core/notes.js';
import { pitchName } from '../../../src/core/pitch.js';
import type { Score } from '../../../src/core/score.js';
import { readAbc } from '../../../src/formats/abc/read.js';
import { writeAbc } from '../../../src/formats/abc/write.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';

const CASES = new URL('../../fixtures/conformance/cases/', import.meta.url);
const text = (name: string) => readFileSync(new URL(name, CASES), 'utf8');
const names = (score: Score) => score.parts.flatMap((part) => heardNotes(part).map((note) => pitchName(note.pitch)));
const musicLines = (abc: string) => abc.split('\n').filter((line) => /\|/.test(line) && !/^[A-Za-z]:/.test(line));

describe('ABC accidentals', () => {
  it('carry an accidental to the same letter in every octave until the bar line (carry.abc)', () => {
    expect(names(readAbc(text('carry.abc')).score)).toEqual(['C#5', 'C#4', 'C#5', 'C#4', 'C4']);
  });

  it('honour %%propagate-accidentals octave and not', () => {
    const tune = (mode: string) => `X:1\n%%propagate-accidentals ${mode}\nM:4/4\nL:1/4\nK:C\n^c C c C|C4|]\n`;
    expect(names(readAbc(tune('octave')).score)).toEqual(['C#5', 'C4', 'C#5', 'C4', 'C4']);
    expect(names(readAbc(tune('not')).score)).toEqual(['C#5', 'C4', 'C5', 'C4', 'C4']);
    expect(names(readAbc(tune('pitch')).score)).toEqual(['C#5', 'C#4', 'C#5', 'C#4', 'C4']);
  });

  it('are written so that a reader carrying them to every octave hears the score (octacc.musicxml)', () => {
    const score = readMusicXml(text('octacc.musicxml')).score;
    expect(names(score)).toEqual(['C#5', 'C4']);
    const abc = writeAbc(score);
    expect(musicLines(abc).join('\n')).toContain('^c =C');
    expect(names(readAbc(abc).score)).toEqual(['C#5', 'C4']);
  });

  it('keep a note tied over the bar line altered and tied (tieOver.abc)', () => {
    const score = readAbc(text('tieOver.abc')).score;
    const heard = heardNotes(score.parts[0]!).map((note) => `${pitchName(note.pitch)}@${note.start.n / note.start.d}-${note.end.n / note.end.d}`);
    // ^A- | A2: one A#4 from the last eighth of bar 1 through the quarter of bar 2; the next A is natural again
    expect(heard).toContain('A#4@5.5-7');
    expect(heard.filter((note) => note.startsWith('A4@'))).toEqual(['A4@8-8.5']);
  });
});

describe('ABC octave clefs', () => {
  it('read a treble-8 voice an octave below its written notes, as abc2midi plays it', () => {
    expect(names(readAbc('X:1\nM:4/4\nL:1/4\nK:C\nV:1 clef=treble-8\nc4|]\n').score)).toEqual(['C4']);
    expect(names(readAbc('X:1\nM:4/4\nL:1/4\nK:C clef=treble-8\nc4|]\n').score)).toEqual(['C4']);
    expect(names(readAbc('X:1\nM:4/4\nL:1/4\nK:C\n[V:1 clef=bass+8]C,4|]\n').score)).toEqual(['C4']);
  });

  it('write a tenor in the treble-8 clef an octave above its sound, and read it back the same (tenor8.musicxml)', () => {
    const score = readMusicXml(text('tenor8.musicxml')).score;
    expect(names(score)).toEqual(['C4']);
    const abc = writeAbc(score);
    expect(abc).toMatch(/clef=treble-8/);
    expect(musicLines(abc)).toEqual([expect.stringMatching(/^c\d*\|/)]);
    expect(names(readAbc(abc).score)).toEqual(['C4']);
  });
});
