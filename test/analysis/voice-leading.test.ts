import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeHarmony } from '../../src/analysis/harmony.js';
import { checkVoiceLeading } from '../../src/analysis/voice-leading.js';
import { withIds } from '../../src/core/ids.js';
import { pitch, pitchName, type Step } from '../../src/core/pitch.js';
import { rational } from '../../src/core/rational.js';
import type { Event, Score } from '../../src/core/score.js';
import { readMusicXml } from '../../src/formats/musicxml/read.js';
import { TEST_SCORES } from '../support/corpus.js';

const VOICES = ['Soprano', 'Alto', 'Tenor', 'Bass'];

/** four voices of quarter notes in 4/4, e.g. satb("C5 B4 C5", "G4 G4 G4", …) */
function satb(...voices: string[]): Score {
  return parts(VOICES, voices);
}

/** parts in 4/4 with these names: quarter notes, or eighths written "A4/2" */
function parts(names: readonly string[], voices: readonly string[]): Score {
  const parts = voices.map((line, index) => {
    let eighths = 0;
    const events: Event[] = line.split(' ').map((name) => {
      const match = /^([A-G])(#|b)?(\d)(\/2)?$/.exec(name)!;
      const alter = match[2] === '#' ? 1 : match[2] === 'b' ? -1 : 0;
      const length = match[4] ? 1 : 2;
      eighths += length;
      return { kind: 'note', pitch: pitch(match[1] as Step, alter, Number(match[3])), offset: rational(eighths - length, 2), duration: rational(length, 2) };
    });
    const measure = { number: '1', index: 0, offset: rational(0), duration: rational(eighths, 2), voices: [{ id: '1', events }], times: [{ offset: rational(0), value: { beats: '4', beatType: 4 } }] };
    return { id: `P${index}`, name: names[index]!, staffCount: 1, measures: [measure] };
  });
  return { metadata: { sourceFormat: 'generated' }, parts };
}

const found = (score: Score) => checkVoiceLeading(score).map((finding) => `${finding.issue}: ${finding.voices.join('/')} @${finding.beat}`).sort();

describe('checkVoiceLeading on small SATB examples', () => {
  it('finds nothing in a well-led I–IV–V–I', () => {
    expect(found(satb('C5 C5 B4 C5', 'G4 A4 G4 G4', 'E4 F4 D4 E4', 'C3 F3 G3 C3'))).toEqual([]);
  });

  it('finds parallel fifths and octaves, naming the voices', () => {
    expect(found(satb('G4 A4', 'E4 F4', 'C4 D4', 'C3 D3'))).toEqual([
      'parallel fifths: Soprano/Tenor @2',
      'parallel fifths: Soprano/Bass @2',
      'parallel octaves: Tenor/Bass @2',
    ].sort());
  });

  it('tells fifths by contrary motion apart', () => {
    expect(found(satb('G4 A4', 'E4 F4', 'C4 D4', 'C4 D3'))).toContain('fifths by contrary motion: Soprano/Bass @2');
  });

  it('finds hidden octaves only in the outer voices with a leap above', () => {
    expect(found(satb('E5 C5', 'G4 G4', 'E4 E4', 'G3 C3'))).toContain('hidden octaves: Soprano/Bass @2');
    expect(found(satb('D5 C5', 'G4 G4', 'E4 E4', 'G3 C3'))).not.toContain('hidden octaves: Soprano/Bass @2');
  });

  it('finds crossing, overlap, spacing, range and large leaps', () => {
    expect(found(satb('C5 C5', 'G4 G4', 'A4 E4', 'C3 C3'))).toContain('voice crossing: Alto/Tenor @1');
    expect(found(satb('C5 C5', 'G4 F4', 'E4 A4', 'C3 C3'))).toContain('voice overlap: Alto/Tenor @2');
    expect(found(satb('E5 E5', 'C4 C4', 'G3 G3', 'C3 C3'))).toContain('spacing: Soprano/Alto @1');
    expect(found(satb('A5 G5', 'C5 C5', 'E4 E4', 'C3 C3'))).toContain('range: Soprano @1');
    expect(found(satb('C5 F#4', 'G4 A4', 'E4 D4', 'C3 D3'))).toContain('large leap: Soprano @2');
  });

  it('finds a leading tone that does not rise and a seventh that does not fall', () => {
    const score = satb('C5 C5 B4 G4', 'G4 A4 F4 G4', 'E4 F4 D4 E4', 'C3 F3 G3 C3');
    const issues = found(score);
    expect(issues).toContain('unresolved leading tone: Soprano @4');
    expect(found(satb('C5 C5 B4 C5', 'G4 A4 F4 G4', 'E4 F4 D4 E4', 'C3 F3 G3 C3'))).not.toContain('unresolved leading tone: Soprano @4');
    expect(found(satb('C5 C5 B4 C5', 'G4 A4 F4 E4', 'E4 F4 D4 C4', 'C3 F3 G3 C3'))).not.toContain('unresolved seventh: Alto @4');
    expect(found(satb('C5 C5 B4 C5', 'G4 A4 F4 G4', 'E4 F4 D4 E4', 'C3 F3 G3 C3'))).toContain('unresolved seventh: Alto @4');
  });
});

describe('checkVoiceLeading as a teacher reads it', () => {
  it('measures intervals as they sound when voices cross: parallel fourths are not parallel fifths', () => {
    // the tenor climbs above the alto: F4 over C4, then G4 over D4
    const issues = found(satb('C5 B4', 'C4 D4', 'F4 G4', 'F3 G3'));
    expect(issues.filter((issue) => issue.startsWith('parallel fifths: Alto/Tenor'))).toEqual([]);
    expect(issues).toContain('voice crossing: Alto/Tenor @1');
  });

  it('takes a seventh that passes upward within the dominant for a melodic note, not an unresolved seventh', () => {
    const score = satb('E4 F4 G4', 'C4 D4 D4', 'G3 B3 B3', 'C3 G2 G2');
    expect(analyzeHarmony(score)[1]?.quality).toContain('seventh');
    expect(found(score).filter((issue) => issue.startsWith('unresolved seventh'))).toEqual([]);
  });

  it('lets a diminished fifth that turns back by step pass, and still marks an augmented fourth', () => {
    const leaps = (soprano: string) => found(satb(soprano, 'G4 G4 G4', 'D4 D4 E4', 'G3 G3 C3')).filter((issue) => issue.startsWith('large leap'));
    expect(leaps('F5 B4 C5')).toEqual([]);
    expect(leaps('F5 B4 A4')).toEqual(['large leap: Soprano @2']);
    expect(leaps('F4 B4 C5')).toEqual(['large leap: Soprano @2']);
  });

  it('judges tendency tones in Bach as a teacher would, in both directions', () => {
    const at = (chorale: string, issue: string) => {
      const findings = checkVoiceLeading(readMusicXml(readFileSync(`${TEST_SCORES}bach/${chorale}.mxl`)).score);
      return findings.filter((finding) => finding.issue === issue).map((finding) => `m${finding.measure} b${finding.beat} ${finding.voices.join('/')}`);
    };
    // a diminished fifth turning back by step (B3–E♯3–F♯3) passes; an augmented fourth (C3–F♯3) does not
    expect(at('bwv66.6', 'large leap')).not.toContain('m6 b3 Bass');
    expect(at('bwv177.4', 'large leap')).toContain('m2 b4 Bass');
    // a bass leaving its leading tone for the dominant's root (G♯3–E3–A2) owes it no resolution; a soprano falling from it does
    expect(at('bwv386', 'unresolved leading tone')).toEqual([]);
    expect(at('bwv47.5', 'unresolved leading tone')).toContain('m8 b3 Soprano');
    // a seventh ornamented by its upper neighbour before it falls (C3–D3–C3–B2), and an escape tone (G♯4–A4–F♯4) over the dominant
    expect(at('bwv338', 'unresolved seventh')).toEqual([]);
    expect(at('bwv3.6', 'unresolved seventh')).toEqual([]);
    // a prepared seventh that rises to the tonic's fifth is still unresolved
    expect(at('bwv347', 'unresolved seventh')).toContain('m8 b1 Alto');
  });

  it('hears a part that doubles another throughout (colla parte) as a doubling, not as parallel octaves', () => {
    const bass = 'C3 F3 G3 C3 F3 G3 C3';
    const score = parts(['Soprano', 'Alto', 'Tenor', 'Bass', 'Violone'], ['E5 F5 D5 E5 F5 D5 E5', 'G4 A4 B4 G4 A4 B4 G4', 'C4 C4 D4 C4 C4 D4 C4', bass, bass.replace(/3/g, '2')]);
    expect(found(score).filter((issue) => issue.includes('octaves'))).toEqual([]);
  });

  it('keeps the four-part vocal rules to four voices, and holds instruments to their own ranges', () => {
    const quartet = parts(['Violin I', 'Violin II', 'Viola', 'Violoncello'], ['C5 C5', 'G4 G4', 'A4 E4', 'C2 C3']);
    const free = found(quartet);
    expect(free.some((issue) => /crossing|overlap|spacing/.test(issue))).toBe(false);
    expect(free).not.toContain('range: Violoncello @1');
    expect(found(parts(['Violin I', 'Violin II', 'Viola', 'Violoncello'], ['C5 C5', 'E3 G4', 'A4 E4', 'C3 C3']))).toContain('range: Violin II @1');
    const forced = checkVoiceLeading(quartet, 'satb').map((finding) => `${finding.issue}: ${finding.voices.join('/')} @${finding.beat}`);
    expect(forced).toContain('voice crossing: Violin II/Viola @1');
  });
});

describe('checkVoiceLeading on a Bach chorale', () => {
  it('reports few problems in bwv269, each located and explained', () => {
    const findings = checkVoiceLeading(readMusicXml(readFileSync(`${TEST_SCORES}bach/bwv269.mxl`)).score);
    expect(findings.filter((finding) => finding.issue === 'parallel fifths' || finding.issue === 'parallel octaves')).toEqual([]);
    for (const finding of findings) expect(finding.explanation.length).toBeGreaterThan(10);
  });
});

describe('voice-leading findings name their notes', () => {
  it('gives a parallel fifth the ids of its four notes: the upper and lower voice, before and after', () => {
    const score = withIds(readMusicXml(readFileSync(`${TEST_SCORES}bach/bwv113.8.mxl`)).score);
    const fifth = checkVoiceLeading(score).find((finding) => finding.issue === 'parallel fifths')!;
    const pitchOf = new Map(score.parts.flatMap((part) => part.measures.flatMap((measure) => measure.voices.flatMap((voice) => voice.events.flatMap((event) => (event.kind === 'note' ? [[event.id!, pitchName(event.pitch)] as const] : []))))));
    expect(fifth.noteIds).toHaveLength(4);
    // the explanation reads "fifth lower–upper to fifth lower–upper"
    const [upperBefore, lowerBefore, upperAfter, lowerAfter] = fifth.noteIds.map((id) => pitchOf.get(id));
    expect(fifth.explanation).toContain(`${lowerBefore}–${upperBefore} to fifth ${lowerAfter}–${upperAfter}`);
  });
});
