/**
 * Unpitched percussion: read with its staff position and instrument, kept by every format that has it
 * (MusicXML <unpitched>, MEI @ploc/@oloc, MIDI channel 10, **kern under *clefX), and left out of pitch analyses, as music21 does.
 */
import { readFileSync } from 'node:fs';
import { Midi } from '@tonejs/midi';
import { describe, expect, it } from 'vitest';
import { chordify } from '../../src/analysis/chordify.js';
import { analyzeHarmony } from '../../src/analysis/harmony.js';
import { analyzeKey } from '../../src/analysis/key.js';
import { voiceLines } from '../../src/analysis/voice-leading.js';
import { heardNotes } from '../../src/core/notes.js';
import { pitchName } from '../../src/core/pitch.js';
import type { Score } from '../../src/core/score.js';
import { decodeScore, encodeScore } from '../../src/core/score-codec.js';
import { summarizeScore } from '../../src/core/summary.js';
import { readKern } from '../../src/formats/kern/read.js';
import { readMei } from '../../src/formats/mei/read.js';
import { writeMei } from '../../src/formats/mei/write.js';
import { readMidi } from '../../src/formats/midi/read.js';
import { writeMidi } from '../../src/formats/midi/write.js';
import { readMusicXml } from '../../src/formats/musicxml/read.js';
import { writeMusicXml } from '../../src/formats/musicxml/write.js';

const read = (name: string) => readMusicXml(readFileSync(new URL(`../fixtures/conformance/cases/${name}`, import.meta.url))).score;
const drums = read('drums.musicxml');
const noDrums = read('nodrums.musicxml');
const drumNotes = (score: Score) => heardNotes(score.parts[1]!);

describe('unpitched percussion', () => {
  it('is read with where it is drawn and the instrument it plays (MusicXML <unpitched>, <instrument id>)', () => {
    const [first] = drumNotes(drums);
    expect(pitchName(first!.pitch)).toBe('F5');
    expect(first!.unpitched).toEqual({ instrument: 'Hi-Hat', midiKey: 42 });
  });

  it('leaves the key, the chords, the harmony and the voice lines as they are without the drums', () => {
    expect(analyzeKey(drums).name).toBe(analyzeKey(noDrums).name);
    expect(analyzeKey(drums).name).toBe('C major');
    expect(chordify(drums).map((vertical) => vertical.pitches.map(pitchName))).toEqual(chordify(noDrums).map((vertical) => vertical.pitches.map(pitchName)));
    expect(analyzeHarmony(drums).map((harmony) => harmony.figure)).toEqual(analyzeHarmony(noDrums).map((harmony) => harmony.figure));
    expect(voiceLines(drums).map((line) => line.name)).toEqual(voiceLines(noDrums).map((line) => line.name));
  });

  it('is written back as <unpitched> with its instrument, and read back the same', () => {
    const xml = writeMusicXml(drums);
    expect(xml).toContain('<unpitched><display-step>F</display-step><display-octave>5</display-octave></unpitched>');
    expect(xml).toMatch(/<midi-unpitched>43<\/midi-unpitched>/);
    expect(drumNotes(readMusicXml(xml).score)).toEqual(drumNotes(drums));
  });

  it('is played on the drum channel with its drum key, not the key of the line it is drawn on', () => {
    const midi = new Midi(writeMidi(drums));
    const hiHat = midi.tracks.find((track) => track.channel === 9)!;
    expect(hiHat.notes.map((note) => note.midi)).toEqual(drumNotes(drums).map(() => 42));
  });

  it('is read from MIDI channel 10 as unpitched, with its key', () => {
    const notes = readMidi(writeMidi(drums)).score.parts.flatMap((part) => heardNotes(part)).filter((note) => note.unpitched);
    expect(notes).toHaveLength(drumNotes(drums).length);
    expect(notes.every((note) => note.unpitched!.midiKey === 42)).toBe(true);
  });

  it('is kept by MEI as a staff position with its drum key', () => {
    const mei = writeMei(drums);
    expect(mei).toMatch(/<note[^>]* ploc="f" oloc="5" pnum="42" label="Hi-Hat"/);
    expect(drumNotes(readMei(mei).score)).toEqual(drumNotes(drums));
  });

  it('is read from a **kern spine under the percussion clef (*clefX) with its instrument, and stays out of the key', () => {
    const melody = ['4c', '4e', '4g', '4cc', '4g', '4e', '2c'];
    const drumsLine = ['4f', '4f', '4f', '4f', '4f', '4f', '2b-'];
    const rows = melody.map((note, index) => `${drumsLine[index]}\t${note}`);
    const kern = ['**kern\t**kern', '*I"Hi-Hat\t*', '*clefX\t*clefG2', '*M4/4\t*M4/4', '=1\t=1', ...rows.slice(0, 4), '=2\t=2', ...rows.slice(4), '*-\t*-'].join('\n');
    const withDrums = readKern(kern).score;
    const [hiHat, melodyPart] = [withDrums.parts[1]!, withDrums.parts[0]!];
    expect(hiHat.measures[0]!.clefs?.[0]?.value.sign).toBe('percussion');
    expect(heardNotes(hiHat).map((note) => note.unpitched)).toEqual(drumsLine.map(() => ({ instrument: 'Hi-Hat' })));
    expect(heardNotes(melodyPart).every((note) => note.unpitched === undefined)).toBe(true);
    expect(summarizeScore(withDrums)).toMatchObject({ noteCount: 7, unpitchedNoteCount: 7 });
    expect(analyzeKey(withDrums).name).toBe('C major');
  });

  it('is counted apart from the pitched notes, and stays out of the histogram and the ambitus, as music21 counts', () => {
    const [withDrums, without] = [summarizeScore(drums), summarizeScore(noDrums)];
    expect(withDrums.unpitchedNoteCount).toBe(drumNotes(drums).length);
    expect(withDrums.noteCount).toBe(without.noteCount);
    expect(withDrums.pitchClassHistogram).toEqual(without.pitchClassHistogram);
    expect(withDrums.ambitus).toEqual(without.ambitus);
  });

  it('goes through the score codec unchanged', () => {
    expect(decodeScore(encodeScore(drums))).toEqual(drums);
  });
});
