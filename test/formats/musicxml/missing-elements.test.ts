/** MusicXML that leaves out what most writers put in: <pitch> on tablature notes, <divisions> before durations. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pitchName } from '../../../src/core/pitch.js';
import { summarizeScore } from '../../../src/core/summary.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';

const CASES = new URL('../../fixtures/conformance/', import.meta.url);
const read = (path: string) => readMusicXml(readFileSync(new URL(path, CASES)));

describe('MusicXML notes with no <pitch>, <unpitched> or <rest>', () => {
  it('reads tablature notes by string and fret in standard guitar tuning, and says so (testTab.xml)', () => {
    const { score, diagnostics } = read('musicxml-misc/testTab.xml');
    const summary = summarizeScore(score);
    expect(summary.noteCount).toBe(4);
    const events = score.parts[0]!.measures[0]!.voices[0]!.events;
    expect(events.map((event) => (event.kind === 'note' ? pitchName(event.pitch) : event.kind))).toEqual(['A3', 'F#3', 'E4', 'D4']);
    expect(summary.durationQuarters).toBe(4);
    expect(diagnostics.map((diagnostic) => diagnostic.message).join('\n')).toMatch(/standard guitar tuning/);
  });

  it('uses the tuning the staff declares', () => {
    const dropD = '<staff-details><staff-lines>6</staff-lines>' + ['D2', 'A2', 'D3', 'G3', 'B3', 'E4'].map((name, line) =>
      `<staff-tuning line="${line + 1}"><tuning-step>${name[0]}</tuning-step><tuning-octave>${name[1]}</tuning-octave></staff-tuning>`).join('') + '</staff-details>';
    const xml = `<score-partwise><part-list><score-part id="P1"/></part-list><part id="P1"><measure number="1"><attributes><divisions>1</divisions>${dropD}</attributes>
      <note><duration>1</duration><type>quarter</type><notations><technical><string>6</string><fret>2</fret></technical></notations></note></measure></part></score-partwise>`;
    const { score, diagnostics } = readMusicXml(xml);
    const note = score.parts[0]!.measures[0]!.voices[0]!.events[0]!;
    expect(note.kind === 'note' && pitchName(note.pitch)).toBe('E2');
    expect(diagnostics).toEqual([]);
  });

  it('skips, with a warning, a note that has no pitch at all, keeping its time', () => {
    const xml = `<score-partwise><part-list><score-part id="P1"/></part-list><part id="P1"><measure number="1"><attributes><divisions>1</divisions></attributes>
      <note><duration>1</duration><type>quarter</type></note><note><pitch><step>C</step><octave>4</octave></pitch><duration>1</duration></note></measure></part></score-partwise>`;
    const { score, diagnostics } = readMusicXml(xml);
    const events = score.parts[0]!.measures[0]!.voices[0]!.events;
    expect(events).toHaveLength(1);
    expect(events[0]!.offset).toEqual({ n: 1, d: 1 });
    expect(diagnostics[0]!.message).toMatch(/no <pitch>, <unpitched> or <rest>/);
  });
});

describe('MusicXML without <divisions>', () => {
  it('works the divisions out from the first note\'s <duration> and <type>, and says so (multiMeasureEnding.xml)', () => {
    const { score, diagnostics } = read('cases/multiMeasureEnding.xml');
    expect(summarizeScore(score).durationQuarters).toBe(32);
    expect(diagnostics.map((diagnostic) => diagnostic.message)).toContain("The part gives no <divisions>; read 10080 per quarter from the first note's <duration> and <type>.");
  });
});
