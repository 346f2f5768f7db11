import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeKey } from '../../../src/analysis/key.js';
import { isCadenzaError } from '../../../src/core/errors.js';
import { formatRational } from '../../../src/core/rational.js';
import type { ChordEvent, NoteEvent } from '../../../src/core/score.js';
import { summarizeScore } from '../../../src/core/summary.js';
import { readKern } from '../../../src/formats/kern/read.js';
import { TEST_SCORES, music21References } from '../../support/corpus.js';
import { differingFields, fuzzText } from '../../support/parity.js';

const KERN = ['!!!COM: Anon.', '!!!OTL: Test', '**kern\t**kern', '*M3/4\t*M3/4', '*k[f#]\t*k[f#]', '=1\t=1', '4C\t2.e 2.g', '[4D\t.', '4G]\t.', '=2\t=2', '8.A\t2r', '16B\t.', '4.cc;\t.', '8q.dd\t.', '8cc\t.', '*-\t*-'].join('\n');

describe('readKern', () => {
  const { score } = readKern(KERN);

  it('reads spines as parts, top staff first, with metadata and signatures', () => {
    expect(score.metadata).toMatchObject({ composer: 'Anon.', title: 'Test', sourceFormat: 'kern' });
    expect(score.parts.map((part) => part.id)).toEqual(['spine-2', 'spine-1']);
    expect(summarizeScore(score)).toMatchObject({ timeSignature: '3/4', keySignatureFifths: 1, measureCount: 2, durationQuarters: 6 });
  });

  it('reads durations, octaves, chords, ties, fermatas and grace notes', () => {
    const [bassFirst, bassSecond] = score.parts[1]!.measures;
    const events = bassFirst!.voices[0]!.events as NoteEvent[];
    expect(events.map((event) => [event.pitch.step + event.pitch.octave, formatRational(event.duration), event.tie ?? ''])).toEqual([
      ['C3', '1', ''],
      ['D3', '1', 'start'],
      ['G3', '1', 'stop'],
    ]);
    const second = bassSecond!.voices[0]!.events as NoteEvent[];
    expect(second.map((event) => formatRational(event.duration))).toEqual(['3/4', '1/4', '3/2', '0', '1/2']);
    expect(second[2]).toMatchObject({ fermata: true, pitch: { step: 'C', octave: 5 } });
    expect(second[3]).toMatchObject({ grace: { slash: false }, pitch: { step: 'D', octave: 5 } });
    const chord = score.parts[0]!.measures[0]!.voices[0]!.events[0] as ChordEvent;
    expect(chord.notes.map((note) => note.pitch.midi)).toEqual([64, 67]);
    expect(formatRational(chord.duration)).toBe('3');
  });

  it('refuses what it cannot read, naming the line', () => {
    const failure = (text: string) => {
      try {
        readKern(text);
      } catch (error) {
        return isCadenzaError(error) ? error.message : String(error);
      }
      return 'read';
    };
    expect(failure('4c\n4d')).toMatch(/first record must be/);
    expect(failure('**kern\t**kern\n*^\t*\n4c\t4d\n')).toMatch(/line 3: 2 spines where 3 were open/);
    expect(failure('**kern\n=1\nxyz\n')).toMatch(/line 3.*no duration/);
    expect(failure('**kern\n4c\t4d\n')).toMatch(/line 2: 2 spines where 1/);
    expect(failure('**text\nhello\n')).toMatch(/no \*\*kern spine/);
  });
});

describe('readKern agrees with music21 on the test corpus', () => {
  const files = [...music21References().values()].filter((reference) => reference.path.endsWith('.krn'));

  it.each(files.map((reference) => [reference.path, reference] as const))('%s', (path, reference) => {
    const { score } = readKern(readFileSync(`${TEST_SCORES}${path}`, 'utf8'));
    expect(differingFields(score, reference)).toEqual([]);
    expect(analyzeKey(score).name.replace(/^([A-G])b/, '$1-')).toBe(reference.key_ks);
  });

  it('never throws anything but a CadenzaError on damaged files', () => {
    const source = readFileSync(`${TEST_SCORES}palestrina/Credo_29_d.krn`, 'utf8');
    fuzzText(source, ['\t', '\n', '*^', '[', '=', 'q', '%', '999999', ''], 2000, (text) => readKern(text), 11);
  });
});
