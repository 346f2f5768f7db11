import toneMidi from '@tonejs/midi';
import { describe, expect, it } from 'vitest';
import { formatRational } from '../../../src/core/rational.js';
import type { Score } from '../../../src/core/score.js';
import { writeMidi } from '../../../src/formats/midi/write.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';
import { writeMusicXml } from '../../../src/formats/musicxml/write.js';

const { Midi } = toneMidi;

/** one whole note per measure, 4/4, `divisions` 1; each measure's extra content goes before or after its note */
function navigationScore(measures: readonly { step: string; before?: string; after?: string }[]): string {
  const body = measures
    .map(({ step, before = '', after = '' }, index) => {
      const attributes = index === 0 ? '<attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>' : '';
      return `<measure number="${index + 1}">${attributes}${before}<note><pitch><step>${step}</step><octave>4</octave></pitch><duration>4</duration><voice>1</voice><type>whole</type></note>${after}</measure>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<score-partwise version="4.0"><part-list><score-part id="P1"><part-name>Flute</part-name></score-part></part-list><part id="P1">${body}</part></score-partwise>`;
}

const direction = (types: string, sound = '') => `<direction placement="above"><direction-type>${types}</direction-type>${sound}</direction>`;

/** D.S. al Coda as MuseScore writes it: C | segno D | E To Coda | F D.S. al Coda | coda G | A */
const DAL_SEGNO_AL_CODA = navigationScore([
  { step: 'C' },
  { step: 'D', before: direction('<segno/>', '<sound segno="segno"/>') },
  { step: 'E', after: direction('<words>To Coda</words>', '<sound tocoda="coda"/>') },
  { step: 'F', after: direction('<words>D.S. al Coda</words>', '<sound dalsegno="segno"/>') },
  { step: 'G', before: direction('<coda/>', '<sound coda="coda"/>') },
  { step: 'A' },
]);

/** D.C. al Fine with the <sound> directly in the measure: C | D Fine | E | F D.C. al Fine */
const DA_CAPO_AL_FINE = navigationScore([
  { step: 'C' },
  { step: 'D', after: '<sound fine="yes"/>' },
  { step: 'E' },
  { step: 'F', after: direction('<words>D.C. al Fine</words>', '<sound dacapo="yes"/>') },
]);

function marksOf(score: Score): string[][] {
  return score.parts[0]!.measures.map((measure) => (measure.navigation ?? []).map((mark) => `${mark.kind}@${formatRational(mark.offset)}${mark.label ? `:${mark.label}` : ''}`));
}

function midiPitches(score: Score, unfoldRepeats?: boolean): number[] {
  const midi = new Midi(writeMidi(score, unfoldRepeats === undefined ? {} : { unfoldRepeats }));
  return midi.tracks.flatMap((track) => track.notes.map((note) => note.midi));
}

describe('MusicXML da capo, dal segno, fine and coda', () => {
  it('reads the marks from <sound> attributes, in a <direction> and directly in the measure, where they are written', () => {
    expect(marksOf(readMusicXml(DAL_SEGNO_AL_CODA).score)).toEqual([[], ['segno@0'], ['toCoda@4'], ['dalSegno@4'], ['coda@0'], []]);
    expect(marksOf(readMusicXml(DA_CAPO_AL_FINE).score)).toEqual([[], ['fine@4'], [], ['daCapo@4']]);
  });

  it('keeps labels other than the plain "segno" and "coda", and ignores dacapo="no"', () => {
    const labelled = navigationScore([
      { step: 'C', before: '<sound segno="S2"/>' },
      { step: 'D', after: `<sound dacapo="no"/>${direction('<words>D.S.</words>', '<sound dalsegno="S2"/>')}` },
    ]);
    expect(marksOf(readMusicXml(labelled).score)).toEqual([['segno@0:S2'], ['dalSegno@4:S2']]);
  });

  it('reads the symbols and the usual words when no <sound> says it', () => {
    const written = navigationScore([
      { step: 'C', before: direction('<segno/>') },
      { step: 'D', after: direction('<words>Fine</words>') },
      { step: 'E', after: direction('<words>To Coda</words><coda/>') },
      { step: 'F', after: direction('<words>D.S. al Fine</words>') + direction('<words>dolce</words>') },
      { step: 'G', before: direction('<coda/>'), after: direction('<words>D.C.</words>') },
    ]);
    expect(marksOf(readMusicXml(written).score)).toEqual([['segno@0'], ['fine@4'], ['toCoda@4'], ['dalSegno@4'], ['coda@0', 'daCapo@4']]);
  });

  it('reads a segno or coda held by a <barline>', () => {
    const barlines = navigationScore([
      { step: 'C', before: '<barline location="left"><segno/></barline>' },
      { step: 'D', after: '<barline location="right" coda="C2"><coda/></barline>' },
    ]);
    expect(marksOf(readMusicXml(barlines).score)).toEqual([['segno@0'], ['coda@4:C2']]);
  });

  it('writes the marks back so that reading gives the same marks', () => {
    for (const xml of [DAL_SEGNO_AL_CODA, DA_CAPO_AL_FINE, navigationScore([{ step: 'C', before: '<sound segno="S2" coda="C2"/>' }, { step: 'D', after: '<sound tocoda="C2" dalsegno="S2"/>' }])]) {
      const score = readMusicXml(xml).score;
      const written = writeMusicXml(score);
      expect(written).toContain('<sound');
      expect(marksOf(readMusicXml(written).score)).toEqual(marksOf(score));
    }
  });

  it('plays the jumps out in MIDI: D.S. al Coda and D.C. al Fine have the notes a player plays', () => {
    const [C, D, E, F, G, A] = [60, 62, 64, 65, 67, 69];
    expect(midiPitches(readMusicXml(DAL_SEGNO_AL_CODA).score)).toEqual([C, D, E, F, D, E, G, A]);
    expect(midiPitches(readMusicXml(DA_CAPO_AL_FINE).score)).toEqual([C, D, E, F, C, D]);
    expect(midiPitches(readMusicXml(DA_CAPO_AL_FINE).score, false)).toEqual([C, D, E, F]);
  });
});
