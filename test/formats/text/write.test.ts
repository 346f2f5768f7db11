import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventToken, valueText } from '../../../src/core/event-text.js';
import { pitch } from '../../../src/core/pitch.js';
import { rational } from '../../../src/core/rational.js';
import { measureTextWriter, partLabels } from '../../../src/formats/text/write.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';
import { TEST_SCORES } from '../../support/corpus.js';

const chorale = readMusicXml(readFileSync(`${TEST_SCORES}bach/bwv66.6.mxl`)).score;

describe('a score as lines of text', () => {
  it('writes one line per voice per measure, every part in turn, the meter and key before the opening measure', () => {
    const lines = measureTextWriter(chorale).lines(0, true);
    expect(lines).toEqual(['m0 (4/4, key 3# (F# minor), clef G2, q=96, pickup)', 'm0 Soprano: C#5:e B4:e', 'm0 Alto: E4:q', 'm0 Tenor: A3:e B3:e', 'm0 Bass: A3:e G#3:e']);
    expect(measureTextWriter(chorale).lines(1)).toEqual(['m1 Soprano: A4:q B4:q C#5:q^ E5:q', 'm1 Alto: F#4:q E4:q E4:q E4:q', 'm1 Tenor: C#4:q B3:q A3:q B3:q', 'm1 Bass: F#3:q G#3:q A3:q G#3:q']);
  });

  it('says the meter and key in force when reading starts in the middle', () => {
    expect(measureTextWriter(chorale).lines(5, true)[0]).toBe('m5 (4/4, key 3# (F# minor), q=96)');
    expect(measureTextWriter(chorale).lines(5)[0]).toMatch(/^m5 Soprano:/);
  });

  it('names the key from the signature and mode, and both keys when the mode is not written', () => {
    const part = chorale.parts[0]!;
    const flats = { ...chorale, parts: [{ ...part, measures: part.measures.map((measure) => (measure.index === 0 ? { ...measure, keys: [{ offset: rational(0), value: { fifths: -2 } }] } : measure)) }] };
    expect(measureTextWriter(flats).lines(0)[0]).toBe('m0 (4/4, key 2b (Bb major / G minor), clef G2, q=96, pickup)');
  });

  it('with ids, names lines by part id and voice and notes by beat', () => {
    expect(measureTextWriter(chorale, { ids: true }).lines(1)[0]).toBe('m1 P1 v1: A4:q@1 B4:q@2 C#5:q^@3 E5:q@4');
  });

  it('writes values, dots, tuplets, chords, ties, rests and lyrics', () => {
    const base = { offset: rational(0), duration: rational(3, 2) };
    expect(eventToken({ ...base, kind: 'note', pitch: pitch('F', 1, 4), tie: 'start' })).toBe('F#4:q.~');
    expect(eventToken({ ...base, duration: rational(1, 3), kind: 'note', pitch: pitch('E', -1, 5), lyrics: [{ text: 'Je', syllabic: 'begin' }] })).toBe('Eb5:e/3"Je-"');
    expect(eventToken({ ...base, duration: rational(2), kind: 'chord', notes: [{ pitch: pitch('C', 0, 4) }, { pitch: pitch('E', 0, 4) }], fermata: true })).toBe('[C4 E4]:h^');
    expect(eventToken({ ...base, duration: rational(1, 2), kind: 'rest' })).toBe('r:e');
    expect(valueText(rational(5, 3))).toBe('5/3q');
    expect(valueText(rational(1, 5))).toBe('s/5:4');
  });

  it('labels parts by name, numbering names that repeat', () => {
    const part = chorale.parts[0]!;
    expect(partLabels([part, { ...part, id: 'P9' }, { ...part, name: undefined, abbreviation: undefined, id: 'P7' }])).toEqual(['Soprano (1)', 'Soprano (2)', 'P7']);
  });
});
