import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { markLists } from '../../../src/core/mark-list.js';
import { rational } from '../../../src/core/rational.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';
import { writeMusicXml } from '../../../src/formats/musicxml/write.js';
import { TEST_SCORES } from '../../support/corpus.js';

const MARKED = `<?xml version="1.0"?>
<score-partwise version="4.0"><part-list><score-part id="P1"><part-name>Piano</part-name></score-part></part-list>
<part id="P1"><measure number="1">
<attributes><divisions>2</divisions><staves>2</staves></attributes>
<direction placement="below"><direction-type><dynamics><mf/></dynamics></direction-type><offset sound="yes">2</offset><staff>2</staff></direction>
<direction placement="below"><direction-type><dynamics><p/></dynamics></direction-type><offset>-2</offset><staff>2</staff></direction>
<direction><direction-type><wedge type="crescendo" number="1"/></direction-type></direction>
<direction><direction-type><pedal type="start" line="yes"/></direction-type></direction>
<note><pitch><step>C</step><octave>4</octave></pitch><duration>2</duration><voice>1</voice><staff>1</staff>
<notations><slur type="start" number="1"/><articulations><staccato/><accent/></articulations><ornaments><trill-mark/></ornaments></notations></note>
<note><chord/><pitch><step>E</step><octave>4</octave></pitch><duration>2</duration><voice>1</voice><staff>1</staff>
<notations><articulations><staccato/><tenuto/></articulations></notations></note>
<note><pitch><step>D</step><octave>4</octave></pitch><duration>6</duration><voice>1</voice><staff>1</staff>
<notations><slur type="stop" number="1"/><dynamics><sfz/></dynamics></notations></note>
<direction><direction-type><wedge type="stop" number="1"/></direction-type></direction>
<direction><direction-type><pedal type="stop" line="yes"/></direction-type></direction>
</measure></part></score-partwise>`;

describe('performance marks in MusicXML', () => {
  it('reads dynamics (moved by <offset> as music21 and verovio place them, on a staff, or on a note), hairpins, pedal, articulations, ornaments and slurs', () => {
    const measure = readMusicXml(MARKED).score.parts[0]!.measures[0]!;
    expect(measure.dynamics).toEqual([
      { offset: rational(1), staff: 2, value: 'mf' },
      // moved back before the start of the measure: at its start
      { offset: rational(0), staff: 2, value: 'p' },
      { offset: rational(1), staff: 1, value: 'sfz' },
    ]);
    // number 1 is MusicXML's default, so it is left out
    expect(measure.hairpins).toEqual([{ offset: rational(0), value: { type: 'crescendo' } }, { offset: rational(4), value: { type: 'stop' } }]);
    expect(measure.pedals).toEqual([{ offset: rational(0), value: { type: 'start' } }, { offset: rational(4), value: { type: 'stop' } }]);
    const [chord, note] = measure.voices[0]!.events;
    // the chord's members' articulations are the chord's, each once
    expect(chord).toMatchObject({ kind: 'chord', articulations: ['staccato', 'accent', 'tenuto'], ornaments: ['trill-mark'], slurs: [{ type: 'start' }] });
    expect(note).toMatchObject({ kind: 'note', slurs: [{ type: 'stop' }] });
  });

  it('writes them back so they read the same', () => {
    const score = readMusicXml(MARKED).score;
    const again = readMusicXml(writeMusicXml(score)).score;
    // written in time order, each on its staff
    const byOffset = (marks: readonly { offset: { n: number; d: number } }[] | undefined) => [...(marks ?? [])].sort((a, b) => a.offset.n / a.offset.d - b.offset.n / b.offset.d);
    expect(byOffset(again.parts[0]!.measures[0]!.dynamics)).toEqual(byOffset(score.parts[0]!.measures[0]!.dynamics));
    expect(markLists(again)).toEqual(markLists(score));
  });

  it('keeps every mark of a Beethoven quartet movement through writing and reading', () => {
    const score = readMusicXml(readFileSync(`${TEST_SCORES}beethoven/opus18no1/movement2.mxl`)).score;
    const marks = markLists(score);
    expect(marks.dynamics.length).toBeGreaterThan(100);
    expect(marks.slurs.length).toBeGreaterThan(500);
    expect(marks.hairpins.length).toBeGreaterThan(100);
    expect(markLists(readMusicXml(writeMusicXml(score)).score)).toEqual(marks);
  });

  it('leaves names it does not know out rather than inventing them', () => {
    const odd = MARKED.replace('<mf/>', '<loudish/>').replace('<trill-mark/>', '<wiggle/>');
    const measure = readMusicXml(odd).score.parts[0]!.measures[0]!;
    expect(measure.dynamics?.map((mark) => mark.value)).toEqual(['p', 'sfz']);
    expect(measure.voices[0]!.events[0]).not.toHaveProperty('ornaments');
  });
});
