import { describe, expect, it } from 'vitest';
import { formatRational } from '../../../src/core/rational.js';
import type { ChordEvent, Measure, NoteEvent, Score } from '../../../src/core/score.js';
import { summarizeScore } from '../../../src/core/summary.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';

const note = (step: string, octave: number, duration: number, extra = '') =>
  `<note><pitch><step>${step}</step><octave>${octave}</octave></pitch><duration>${duration}</duration>${extra}</note>`;

function partwise(measures: string, { parts = '<score-part id="P1"><part-name>Flute</part-name></score-part>', header = '' } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 4.0 Partwise//EN" "http://www.musicxml.org/dtds/partwise.dtd">
<score-partwise version="4.0">${header}<part-list>${parts}</part-list><part id="P1">${measures}</part></score-partwise>`;
}

const attributes = (divisions: number, extra = '<time><beats>4</beats><beat-type>4</beat-type></time>') =>
  `<attributes><divisions>${divisions}</divisions><key><fifths>0</fifths></key>${extra}</attributes>`;

function read(xml: string): Score {
  return readMusicXml(xml).score;
}

function firstMeasure(score: Score): Measure {
  return score.parts[0]!.measures[0]!;
}

describe('readMusicXml', () => {
  it('reads metadata, part names and instruments', () => {
    const score = read(
      partwise(`<measure number="1">${attributes(1)}${note('C', 4, 4)}</measure>`, {
        header: '<work><work-title>Air</work-title></work><identification><creator type="composer">J. S. Bach</creator></identification>',
        parts: '<score-part id="P1"><part-name>Flute</part-name><score-instrument id="I1"><instrument-name>Flute</instrument-name></score-instrument><midi-instrument id="I1"><midi-channel>1</midi-channel><midi-program>74</midi-program></midi-instrument></score-part>',
      }),
    );
    expect(score.metadata).toMatchObject({ title: 'Air', composer: 'J. S. Bach', sourceFormat: 'musicxml' });
    expect(score.parts[0]).toMatchObject({ id: 'P1', name: 'Flute', instrument: { name: 'Flute', midiProgram: 74, midiChannel: 1 } });
  });

  it('keeps triplets exact: three eighth-note triplets fill one quarter', () => {
    const triplet = '<time-modification><actual-notes>3</actual-notes><normal-notes>2</normal-notes></time-modification>';
    const score = read(partwise(`<measure number="1">${attributes(3)}${note('C', 4, 1, triplet).repeat(3)}${note('D', 4, 9)}</measure>`));
    const events = firstMeasure(score).voices[0]!.events;
    expect(events.map((event) => formatRational(event.offset))).toEqual(['0', '1/3', '2/3', '1']);
    expect(events[0]).toMatchObject({ tuplet: { actual: 3, normal: 2 } });
    expect(formatRational(firstMeasure(score).duration)).toBe('4');
  });

  it('joins <chord/> notes into one chord at the same onset', () => {
    const score = read(partwise(`<measure number="1">${attributes(1)}${note('C', 4, 2)}${note('E', 4, 2, '<chord/>')}${note('G', 4, 2, '<chord/>')}${note('D', 4, 2)}</measure>`));
    const [chord, after] = firstMeasure(score).voices[0]!.events as [ChordEvent, NoteEvent];
    expect(chord.kind).toBe('chord');
    expect(chord.notes.map((member) => member.pitch.midi)).toEqual([60, 64, 67]);
    expect(formatRational(after.offset)).toBe('2');
    expect(summarizeScore(score).noteCount).toBe(4);
  });

  it('uses <backup> and <forward> to place two voices and staves', () => {
    const measure =
      `<measure number="1">${attributes(1, '<time><beats>2</beats><beat-type>4</beat-type></time><staves>2</staves>')}` +
      `${note('E', 5, 2, '<voice>1</voice><staff>1</staff>')}<backup><duration>2</duration></backup>` +
      `<forward><duration>1</duration><voice>2</voice><staff>2</staff></forward>${note('C', 3, 1, '<voice>2</voice><staff>2</staff>')}</measure>`;
    const score = read(partwise(measure));
    const [upper, lower] = firstMeasure(score).voices;
    expect(upper).toMatchObject({ id: '1', events: [{ staff: 1 }] });
    expect(lower!.id).toBe('2');
    expect(lower!.events.map((event) => [formatRational(event.offset), event.staff])).toEqual([['1', 2]]);
    expect(score.parts[0]!.staffCount).toBe(2);
    expect(summarizeScore(score).partCount).toBe(2);
  });

  it('flags grace notes with no duration and does not count them', () => {
    const score = read(partwise(`<measure number="1">${attributes(1)}<note><grace slash="yes"/><pitch><step>D</step><octave>4</octave></pitch></note>${note('C', 4, 4)}</measure>`));
    const [grace, main] = firstMeasure(score).voices[0]!.events;
    expect(grace).toMatchObject({ kind: 'note', grace: { slash: true }, duration: { n: 0, d: 1 } });
    expect(formatRational(main!.offset)).toBe('0');
    expect(summarizeScore(score)).toMatchObject({ noteCount: 1, graceNoteCount: 1 });
  });

  it('reads ties, lyrics and a pickup measure, laying measures end to end', () => {
    const score = read(
      partwise(
        `<measure number="0" implicit="yes">${attributes(1, '<time><beats>3</beats><beat-type>4</beat-type></time>')}${note('G', 4, 1, '<tie type="start"/><lyric number="1"><syllabic>begin</syllabic><text>Al</text></lyric>')}</measure>` +
          `<measure number="1">${note('G', 4, 1, '<tie type="stop"/>')}${note('A', 4, 2)}</measure>`,
      ),
    );
    const [pickup, first] = score.parts[0]!.measures;
    expect(pickup).toMatchObject({ number: '0', implicit: true, duration: { n: 1, d: 1 } });
    expect(pickup!.voices[0]!.events[0]).toMatchObject({ tie: 'start', lyrics: [{ text: 'Al', syllabic: 'begin', number: '1' }] });
    expect(first).toMatchObject({ offset: { n: 1, d: 1 } });
    expect(first!.voices[0]!.events[0]).toMatchObject({ tie: 'stop' });
    expect(summarizeScore(score)).toMatchObject({ measureCount: 2, durationQuarters: 4, timeSignature: '3/4' });
  });

  it('keeps key, time and clef changes and the transposition of a B-flat clarinet', () => {
    const score = read(
      partwise(
        `<measure number="1"><attributes><divisions>1</divisions><key><fifths>2</fifths><mode>major</mode></key><time><beats>4</beats><beat-type>4</beat-type></time><clef><sign>G</sign><line>2</line></clef><transpose><diatonic>-1</diatonic><chromatic>-2</chromatic></transpose></attributes>${note('E', 5, 4)}</measure>` +
          `<measure number="2"><attributes><key><fifths>-3</fifths></key><time><beats>6</beats><beat-type>8</beat-type></time><clef><sign>F</sign><line>4</line></clef></attributes>${note('C', 4, 3)}</measure>`,
      ),
    );
    const [first, second] = score.parts[0]!.measures;
    expect(score.parts[0]!.transposition).toEqual({ diatonic: -1, chromatic: -2, octaveChange: 0 });
    expect(first!.keys![0]!.value).toEqual({ fifths: 2, mode: 'major' });
    expect(second!.keys![0]!.value).toEqual({ fifths: -3 });
    expect(second!.times![0]!.value).toEqual({ beats: '6', beatType: 8 });
    expect(second!.clefs![0]!.value).toEqual({ sign: 'F', line: 4 });
  });

  it('reads tempo marks from metronome marks and <sound tempo>', () => {
    const direction =
      '<direction><direction-type><metronome><beat-unit>quarter</beat-unit><beat-unit-dot/><per-minute>60</per-minute></metronome></direction-type><sound tempo="90"/></direction>';
    const score = read(partwise(`<measure number="1">${attributes(1)}${direction}${note('C', 4, 4)}</measure>`));
    expect(firstMeasure(score).tempos![0]!.value).toMatchObject({ beatUnit: 'quarter', beatUnitDots: 1, perMinute: 60, quarterBpm: 90 });
  });

  it('reads timewise scores as if they were partwise', () => {
    const timewise = `<score-timewise><part-list><score-part id="P1"><part-name>A</part-name></score-part><score-part id="P2"><part-name>B</part-name></score-part></part-list>
      <measure number="1"><part id="P1">${attributes(1)}${note('C', 5, 4)}</part><part id="P2">${attributes(1)}${note('C', 3, 4)}</part></measure>
      <measure number="2"><part id="P1">${note('D', 5, 4)}</part><part id="P2">${note('B', 2, 4)}</part></measure></score-timewise>`;
    const score = read(timewise);
    expect(score.parts.map((part) => [part.name, part.measures.length])).toEqual([['A', 2], ['B', 2]]);
    expect(summarizeScore(score)).toMatchObject({ noteCount: 4, durationQuarters: 8 });
  });

  it('reads chord symbols with their realized pitches', () => {
    const harmony = '<harmony><root><root-step>G</root-step></root><kind text="7">dominant</kind></harmony>';
    const score = read(partwise(`<measure number="1">${attributes(1)}${harmony}${note('B', 4, 4)}</measure>`));
    const symbol = firstMeasure(score).harmonies![0]!.value;
    expect(symbol.pitches.map((pitch) => pitch.pitchClass)).toEqual([7, 11, 2, 5]);
  });

  it('decodes UTF-16 with a byte-order mark', () => {
    const xml = partwise(`<measure number="1">${attributes(1)}${note('C', 4, 4, '<lyric><text>Grüß</text></lyric>')}</measure>`);
    const bytes = new Uint8Array(2 + xml.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < xml.length; i++) {
      bytes[2 + i * 2] = xml.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = xml.charCodeAt(i) >> 8;
    }
    const event = firstMeasure(readMusicXml(bytes).score).voices[0]!.events[0] as NoteEvent;
    expect(event.lyrics![0]!.text).toBe('Grüß');
  });

  it('fills an empty measure with a bar of rest, as music21 does', () => {
    const score = read(partwise(`<measure number="1">${attributes(1)}${note('C', 4, 4)}</measure><measure number="2"></measure>`));
    expect(summarizeScore(score)).toMatchObject({ restCount: 1, durationQuarters: 8 });
  });

  it('reports recoverable problems as diagnostics with a line', () => {
    const result = readMusicXml(partwise(`<measure number="1">${attributes(1)}<note><pitch><step>H</step><octave>4</octave></pitch><duration>4</duration></note></measure>`));
    expect(result.diagnostics[0]).toMatchObject({ severity: 'warning', partId: 'P1', line: expect.any(Number) });
    expect(result.diagnostics[0]!.message).toMatch(/impossible pitch/);
  });
});
