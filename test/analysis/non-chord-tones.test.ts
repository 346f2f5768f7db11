import { describe, expect, it } from 'vitest';
import { analyzeHarmony } from '../../src/analysis/harmony.js';
import { nonChordTones } from '../../src/analysis/non-chord-tones.js';
import { pedalPoints } from '../../src/analysis/pedal-points.js';
import { voiceLines } from '../../src/analysis/voice-leading.js';
import { chorale } from './chorale-score.js';

function labelled(score: ReturnType<typeof chorale>) {
  const harmonies = analyzeHarmony(score);
  const lines = voiceLines(score);
  const pedals = pedalPoints(lines, harmonies);
  return { harmonies, pedals, tones: nonChordTones(lines, harmonies, pedals) };
}

describe('nonChordTones', () => {
  it('labels a 4–3 suspension in the soprano of a cadence with its note ids, tied note and all', () => {
    const score = chorale([
      [['E5', 1], ['C5~', 1], ['C5', 1], ['B4', 1], ['C5', 4]],
      [['G4', 1], ['A4', 1], ['G4', 1], ['G4', 1], ['G4', 4]],
      [['C4', 1], ['F4', 1], ['D4', 1], ['D4', 1], ['E4', 4]],
      [['C3', 1], ['F3', 1], ['G3', 1], ['G3', 1], ['C3', 4]],
    ]);
    const { harmonies, tones } = labelled(score);
    const suspension = tones.find((tone) => tone.kind === 'suspension')!;
    expect(suspension).toMatchObject({ pitch: 'C5', voice: 'Soprano', noteIds: ['P1-e2', 'P1-e3'], offsetQuarters: 2 });
    expect(harmonies[suspension.harmonyIndex]!.figure).toMatch(/^V/);
  });

  it('labels a passing tone between chord tones and a neighbour that returns, over a held tonic', () => {
    const score = chorale([
      [['C5', 1], ['D5', 1], ['E5', 1], ['F5', 1], ['E5', 4]],
      [['G4', 4], ['G4', 4]],
      [['E4', 4], ['E4', 4]],
      [['C3', 4], ['C3', 4]],
    ]);
    const { tones } = labelled(score);
    expect(tones.map((tone) => [tone.kind, tone.pitch, tone.noteIds])).toEqual([
      ['passing', 'D5', ['P1-e2']],
      ['neighbour', 'F5', ['P1-e4']],
    ]);
  });

  it('labels an appoggiatura (leapt to, left by step) and an anticipation (the next chord\'s tone struck early)', () => {
    const score = chorale([
      [['C5', 2], ['A5', 1], ['G5', 1], ['G5', 2], ['F5', 1], ['E5', 0.5], ['D5', 0.5], ['D5', 3], ['C5', 1], ['C5', 4]],
      [['G4', 4], ['B4', 4], ['B4', 4], ['G4', 4]],
      [['E4', 4], ['D4', 4], ['F4', 4], ['E4', 4]],
      [['C3', 4], ['G2', 4], ['G2', 4], ['C3', 4]],
    ]);
    const kinds = labelled(score).tones.map((tone) => `${tone.kind} ${tone.pitch}`);
    expect(kinds).toEqual(['appoggiatura A5', 'passing E5', 'anticipation C5']);
  });

  it('finds a tonic pedal under IV and V and labels its dissonant stretch', () => {
    const score = chorale([
      [['E5', 1], ['F5', 1], ['D5', 1], ['E5', 1], ['C5', 4]],
      [['C5', 1], ['C5', 1], ['B4', 1], ['C5', 1], ['G4', 4]],
      [['G4', 1], ['A4', 1], ['G4', 1], ['G4', 1], ['E4', 4]],
      [['C3~', 4], ['C3', 4]],
    ]);
    const { pedals, tones } = labelled(score);
    expect(pedals).toHaveLength(1);
    expect(pedals[0]).toMatchObject({ pitch: 'C3', voice: 'Bass', noteIds: ['P4-e1', 'P4-e2'] });
    expect(tones.filter((tone) => tone.kind === 'pedal').map((tone) => tone.pitch)).toContain('C3');
  });
});
