import { describe, expect, it } from 'vitest';
import { heardNotes } from '../../../src/core/notes.js';
import { pitchName } from '../../../src/core/pitch.js';
import { formatRational } from '../../../src/core/rational.js';
import type { ChordEvent, NoteEvent, Part } from '../../../src/core/score.js';
import { readMei } from '../../../src/formats/mei/read.js';
import { writeMei } from '../../../src/formats/mei/write.js';
import { readScore, resolveFormat } from '../../../src/formats/read-score.js';

function mei(scoreDef: string, measures: string, head = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<mei xmlns="http://www.music-encoding.org/ns/mei" meiversion="4.0.1">${head}<music><body><mdiv><score>
${scoreDef}<section>${measures}</section></score></mdiv></body></music></mei>`;
}

function heard(part: Part): string[] {
  return heardNotes(part).map((note) => `${formatRational(note.start)}-${formatRational(note.end)}:${pitchName(note.pitch)}`);
}

const ONE_STAFF = '<scoreDef key.sig="2s" meter.count="3" meter.unit="4"><staffGrp><staffDef n="1" lines="5" clef.shape="G" clef.line="2" label="Flute"/></staffGrp></scoreDef>';

describe('readMei', () => {
  it('reads MEI 4 attributes: key.sig, meter.count/unit, clef.shape/line and the staff label', () => {
    const { score, diagnostics } = readMei(mei(ONE_STAFF, '<measure n="1"><staff n="1"><layer n="1"><note pname="f" oct="4" dur="2" dots="1"/></layer></staff></measure>'));
    expect(diagnostics).toEqual([]);
    const [part] = score.parts;
    expect(part).toMatchObject({ name: 'Flute', staffCount: 1 });
    expect(part!.measures[0]).toMatchObject({
      keys: [{ value: { fifths: 2 } }],
      times: [{ value: { beats: '3', beatType: 4 } }],
      clefs: [{ value: { sign: 'G', line: 2 } }],
      duration: { n: 3, d: 1 },
    });
    // the key signature sharpens an F written without an accidental
    expect(heard(part!)).toEqual(['0-3:F#4']);
  });

  it('spells by @accid.ges, else @accid, else the accidental earlier on the line, else the key', () => {
    const layer = [
      '<note pname="f" oct="4" dur="4" accid="n"/>', // written natural
      '<note pname="f" oct="4" dur="4"/>', // the natural holds for the measure
      '<note pname="c" oct="5" dur="4" accid.ges="n"/>', // gestural beats the key
      '<note pname="g" oct="4" dur="4"><accid accid="s"/></note>', // an <accid> child
    ].join('');
    const { score } = readMei(mei(ONE_STAFF.replace('meter.count="3"', 'meter.count="4"'), `<measure n="1"><staff n="1"><layer n="1">${layer}</layer></staff></measure><measure n="2"><staff n="1"><layer n="1"><note pname="f" oct="4" dur="1"/></layer></staff></measure>`));
    expect(heard(score.parts[0]!)).toEqual(['0-1:F4', '1-2:F4', '2-3:C5', '3-4:G#4', '4-8:F#4']);
  });

  it('reads chords, tuplets, grace notes, dotted values, ties (@tie and <tie>), fermatas and rests', () => {
    const layer = [
      '<chord dur="4" xml:id="c1"><note pname="c" oct="4" xml:id="n1"/><note pname="e" oct="4"/></chord>',
      '<tuplet num="3" numbase="2"><note pname="d" oct="4" dur="8"/><note pname="e" oct="4" dur="8"/><rest dur="8"/></tuplet>',
      '<note pname="g" oct="4" dur="8" grace="acc"/>',
      '<note pname="a" oct="4" dur="4" dots="1" tie="i"/>',
      '<beam><note pname="a" oct="4" dur="8" tie="t" fermata="above"/></beam>',
    ].join('');
    const second = '<measure n="2"><staff n="1"><layer n="1"><chord dur="4"><note pname="c" oct="4" xml:id="n2"/><note pname="g" oct="4"/></chord><mRest/></layer></staff><tie startid="#n1" endid="#n2"/><fermata startid="#c1"/></measure>';
    const scoreDef = '<scoreDef><staffGrp><staffDef n="1" lines="5" meter.count="4" meter.unit="4"/></staffGrp></scoreDef>';
    const { score, diagnostics } = readMei(mei(scoreDef, `<measure n="1"><staff n="1"><layer n="1">${layer}</layer></staff></measure>`));
    expect(diagnostics).toEqual([]);
    const events = score.parts[0]!.measures[0]!.voices[0]!.events;
    expect(events.map((event) => `${event.kind}@${formatRational(event.offset)}+${formatRational(event.duration)}`)).toEqual([
      'chord@0+1', 'note@1+1/3', 'note@4/3+1/3', 'rest@5/3+1/3', 'note@2+0', 'note@2+3/2', 'note@7/2+1/2',
    ]);
    expect(events[1]).toMatchObject({ noteType: 'eighth', tuplet: { actual: 3, normal: 2 } });
    expect(events[4]).toMatchObject({ grace: { slash: true }, noteType: 'eighth' });
    expect(events[5]).toMatchObject({ dots: 1, tie: 'start' });
    expect(events[6]).toMatchObject({ tie: 'stop', fermata: true });
    expect(heard(score.parts[0]!)).toContain('2-4:A4');

    const tied = readMei(mei(scoreDef, `<measure n="1"><staff n="1"><layer n="1">${layer}</layer></staff></measure>${second}`)).score.parts[0]!;
    const opening = tied.measures[0]!.voices[0]!.events[0] as ChordEvent;
    expect(opening.fermata).toBe(true);
    expect(opening.notes[0]).toMatchObject({ tie: 'start' });
    expect(heard(tied)).toContain('0-1:C4'); // the tie reaches a note that starts later (4), so it does not merge
    expect(tied.measures[1]!.voices[0]!.events[1]).toMatchObject({ kind: 'rest', offset: { n: 1, d: 1 }, duration: { n: 3, d: 1 } });
  });

  it('reads a <tupletSpan> control event as a tuplet from its start note to its end note', () => {
    const layer = '<note xml:id="a" pname="c" oct="4" dur="8"/><note pname="d" oct="4" dur="8"/><chord xml:id="b" dur="8"><note pname="e" oct="4"/></chord><note pname="f" oct="4" dur="4"/>';
    const scoreDef = '<scoreDef meter.count="2" meter.unit="4"><staffGrp><staffDef n="1" lines="5"/></staffGrp></scoreDef>';
    const { score } = readMei(mei(scoreDef, `<measure n="1"><staff n="1"><layer n="1">${layer}</layer></staff><tupletSpan startid="#a" endid="#b" num="3" numbase="2"/></measure>`));
    expect(heard(score.parts[0]!)).toEqual(['0-1/3:C4', '1/3-2/3:D4', '2/3-1:E4', '1-2:F4']);
    expect(score.parts[0]!.measures[0]!.voices[0]!.events[1]).toMatchObject({ tuplet: { actual: 3, normal: 2 } });
  });

  it('keeps a pickup (@metcon="false") as short as what it holds, and fills its whole-measure rests to that length', () => {
    const scoreDef = '<scoreDef meter.count="4" meter.unit="4"><staffGrp><staffDef n="1" lines="5"/><staffDef n="2" lines="5"/></staffGrp></scoreDef>';
    const measures = [
      '<measure n="0" metcon="false"><staff n="1"><layer n="1"><note pname="g" oct="4" dur="4"/></layer></staff><staff n="2"><layer n="1"><mRest/></layer></staff></measure>',
      '<measure n="1" right="end"><staff n="1"><layer n="1"><note pname="c" oct="5" dur="1"/></layer></staff><staff n="2"><layer n="1"><mRest/></layer></staff></measure>',
    ].join('');
    const { score } = readMei(mei(scoreDef, measures));
    expect(score.parts).toHaveLength(2);
    expect(score.parts.map((part) => part.measures.map((measure) => formatRational(measure.duration)))).toEqual([['1', '4'], ['1', '4']]);
    expect(score.parts[0]!.measures[0]!.implicit).toBe(true);
    expect(heard(score.parts[0]!)).toEqual(['0-1:G4', '1-5:C5']);
    expect(score.parts[0]!.measures[1]!.barlines).toEqual([{ location: 'right', style: 'light-heavy' }]);
  });

  it('reads a braced staff group as one part on two staves, with layers as voices', () => {
    const scoreDef = '<scoreDef><keySig sig="1f"/><meterSig count="2" unit="4"/><staffGrp><staffGrp symbol="brace"><label>Piano</label><staffDef n="1" lines="5"><clef shape="G" line="2"/></staffDef><staffDef n="2" lines="5"><clef shape="F" line="4"/></staffDef></staffGrp><staffDef n="3" lines="5"><label>Cello</label></staffDef></staffGrp></scoreDef>';
    const measure = '<measure n="1"><staff n="1"><layer n="1"><note pname="b" oct="4" dur="2"/></layer><layer n="2"><note pname="d" oct="4" dur="2"/></layer></staff><staff n="2"><layer n="1"><note pname="b" oct="2" dur="2"/></layer></staff><staff n="3"><layer n="1"><note pname="f" oct="3" dur="2"/></layer></staff></measure>';
    const { score } = readMei(mei(scoreDef, measure));
    expect(score.parts.map((part) => [part.name, part.staffCount])).toEqual([['Piano', 2], ['Cello', 1]]);
    const piano = score.parts[0]!.measures[0]!;
    expect(piano.voices.map((voice) => voice.id)).toEqual(['1', '2', '5']);
    expect(piano.voices[2]!.events[0]).toMatchObject({ staff: 2 });
    expect(piano.clefs).toEqual([{ offset: { n: 0, d: 1 }, staff: 1, value: { sign: 'G', line: 2 } }, { offset: { n: 0, d: 1 }, staff: 2, value: { sign: 'F', line: 4 } }]);
    expect(heard(score.parts[0]!)).toEqual(['0-2:Bb2', '0-2:D4', '0-2:Bb4']);
  });

  it('reads repeats and endings, and key and meter changes between measures', () => {
    const measures = [
      '<measure n="1" left="rptstart"><staff n="1"><layer n="1"><note pname="c" oct="4" dur="2" dots="1"/></layer></staff></measure>',
      '<ending n="1"><measure n="2" right="rptend"><staff n="1"><layer n="1"><note pname="d" oct="4" dur="2" dots="1"/></layer></staff></measure></ending>',
      '<ending n="2"><measure n="3"><staff n="1"><layer n="1"><note pname="e" oct="4" dur="2" dots="1"/></layer></staff></measure></ending>',
      '<scoreDef key.sig="3f" meter.count="2" meter.unit="4"/>',
      '<measure n="4"><staff n="1"><layer n="1"><note pname="e" oct="4" dur="2"/></layer></staff></measure>',
    ].join('');
    const part = readMei(mei(ONE_STAFF, measures)).score.parts[0]!;
    expect(part.measures[0]!.barlines).toEqual([{ location: 'left', style: 'heavy-light', repeat: 'forward' }]);
    expect(part.measures[1]!.barlines).toEqual([
      { location: 'left', ending: { numbers: [1], type: 'start' } },
      { location: 'right', style: 'light-heavy', repeat: 'backward' },
      { location: 'right', ending: { numbers: [1], type: 'stop' } },
    ]);
    expect(part.measures[2]!.barlines?.[0]).toEqual({ location: 'left', ending: { numbers: [2], type: 'start' } });
    expect(part.measures[3]).toMatchObject({ keys: [{ value: { fifths: -3 } }], times: [{ value: { beats: '2', beatType: 4 } }], duration: { n: 2, d: 1 } });
    expect(heard(part).at(-1)).toBe('9-11:Eb4');
  });

  it('takes the title and composer from the header, in MEI 4 and MEI 5 shapes', () => {
    const head4 = '<meiHead><fileDesc><titleStmt><title>Ave verum</title><respStmt><persName role="composer">W. A. Mozart</persName></respStmt></titleStmt><pubStmt/></fileDesc></meiHead>';
    const head5 = '<meiHead><fileDesc><titleStmt><title/></titleStmt><pubStmt/></fileDesc><workList><work><title>Ave verum</title><composer>W. A. Mozart</composer></work></workList></meiHead>';
    const body = '<measure n="1"><staff n="1"><layer n="1"><mRest/></layer></staff></measure>';
    for (const head of [head4, head5]) {
      expect(readMei(mei(ONE_STAFF, body, head)).score.metadata).toMatchObject({ title: 'Ave verum', composer: 'W. A. Mozart', sourceFormat: 'mei' });
    }
  });

  it('lets an <mRest> after notes fill what is left of the measure, as verovio writes odd remainders', () => {
    const layer = '<note pname="c" oct="4" dur="2"/><note pname="d" oct="4" dur="4"/><mRest/>';
    const { score } = readMei(mei(ONE_STAFF.replace('meter.count="3"', 'meter.count="4"'), `<measure n="1"><staff n="1"><layer n="1">${layer}</layer></staff></measure>`));
    const measure = score.parts[0]!.measures[0]!;
    expect(measure.duration).toEqual({ n: 4, d: 1 });
    expect(measure.voices[0]!.events[2]).toEqual({ kind: 'rest', offset: { n: 3, d: 1 }, duration: { n: 1, d: 1 } });
  });

  it('places <tempo> marks by @tstamp in beats of the meter, with their metronome and words', () => {
    const measure = '<measure n="1"><staff n="1"><layer n="1"><note pname="a" oct="4" dur="2" dots="1"/></layer></staff><tempo tstamp="2.5" staff="1" mm="60" mm.unit="4" mm.dots="1">Adagio</tempo></measure>';
    const { score } = readMei(mei(ONE_STAFF, measure));
    expect(score.parts[0]!.measures[0]!.tempos).toEqual([
      { offset: { n: 3, d: 2 }, value: { beatUnit: 'quarter', perMinute: 60, beatUnitDots: 1, quarterBpm: 90, text: 'Adagio' } },
    ]);
    expect(writeMei(score)).toContain('<tempo tstamp="2.5" staff="1" midi.bpm="90" mm="60" mm.unit="4" mm.dots="1">Adagio</tempo>');
  });

  it('reads the first of several movements and says so', () => {
    const movement = (pname: string) => `<mdiv><score>${ONE_STAFF}<section><measure n="1"><staff n="1"><layer n="1"><note pname="${pname}" oct="4" dur="2" dots="1"/></layer></staff></measure></section></score></mdiv>`;
    const { score, diagnostics } = readMei(`<mei><music><body>${movement('a')}${movement('b')}</body></music></mei>`);
    expect(heard(score.parts[0]!)).toEqual(['0-3:A4']);
    expect(diagnostics).toEqual([expect.objectContaining({ message: expect.stringContaining('2 movements') })]);
  });

  it('reports what it cannot place as diagnostics and still reads the rest', () => {
    const layer = '<note pname="h" oct="4" dur="4"/><note pname="c" oct="4"/><note pname="d" oct="4" dur="4"/>';
    const { score, diagnostics } = readMei(mei(ONE_STAFF, `<measure n="1"><staff n="1"><layer n="1">${layer}</layer></staff><tie startid="#nowhere" endid="#else"/></measure>`));
    expect(diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      expect.stringContaining('without a readable pitch'),
      expect.stringContaining('without a usable @dur'),
      expect.stringContaining('#nowhere'),
    ]);
    expect(diagnostics[0]).toMatchObject({ measure: '1', line: 3 });
    expect(heard(score.parts[0]!)).toEqual(['1-2:D4']);
  });
});

describe('MEI through readScore', () => {
  it('is chosen by the .mei extension and by a <mei> root in the content', () => {
    const text = writeMei(readMei(mei(ONE_STAFF, '<measure n="1"><staff n="1"><layer n="1"><note pname="a" oct="4" dur="2" dots="1"/></layer></staff></measure>')).score);
    const bytes = new TextEncoder().encode(text);
    expect(resolveFormat(bytes, undefined, 'piece.MEI')).toBe('mei');
    expect(resolveFormat(bytes)).toBe('mei');
    expect(heard(readScore(bytes, 'mei').score.parts[0]!)).toEqual(['0-3:A4']);
  });

  it('writes what it reads: a written accidental where the key and the measure do not give the pitch', () => {
    const text = writeMei(readMei(mei(ONE_STAFF, '<measure n="1"><staff n="1"><layer n="1"><note pname="f" oct="4" dur="4" accid="n"/><note pname="f" oct="4" dur="4"/><note pname="c" oct="5" dur="4"/></layer></staff></measure>')).score);
    expect(text).toContain('<note pname="f" oct="4" accid="n" dur="4"/><note pname="f" oct="4" dur="4"/><note pname="c" oct="5" accid.ges="s" dur="4"/>');
    const note = readMei(text).score.parts[0]!.measures[0]!.voices[0]!.events[2] as NoteEvent;
    expect(pitchName(note.pitch)).toBe('C#5');
  });
});
