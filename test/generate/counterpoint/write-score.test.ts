import { describe, expect, it } from 'vitest';
import { heardNotes } from '../../../src/core/notes.js';
import type { Species } from '../../../src/generate/counterpoint/exercise.js';
import { generateCounterpoint } from '../../../src/generate/counterpoint/generate.js';
import { modalKey } from '../../../src/generate/counterpoint/modes.js';
import { parsePitchNames } from '../../../src/generate/counterpoint/pitch-names.js';
import { counterpointScore } from '../../../src/generate/counterpoint/write-score.js';
import { generateCounterpoint as generateCounterpointTool } from '../../../src/mcp/tools/generate-counterpoint.js';
import { D_DORIAN, FUX_DORIAN } from './examples.js';

describe('counterpointScore', () => {
  it.each([1, 2, 3, 4, 5] as Species[])('writes species %i as two parts with one bar per cantus note', (species) => {
    const { exercise } = generateCounterpoint({ key: D_DORIAN, cantus: FUX_DORIAN, placement: 'above', species, seed: 2 });
    const score = counterpointScore(exercise);
    expect(score.parts).toHaveLength(2);
    for (const part of score.parts) expect(part.measures).toHaveLength(FUX_DORIAN.length);
    const [top, bottom] = score.parts;
    expect(top!.name).toBe('Counterpoint');
    expect(bottom!.name).toBe('Cantus firmus');
    // ties merged back, the counterpoint part sounds exactly the notes of the line
    expect(heardNotes(top!).map((note) => note.pitch.midi)).toEqual(exercise.counterpoint.map((note) => note.pitch.midi));
    expect(heardNotes(bottom!).map((note) => note.pitch.midi)).toEqual(FUX_DORIAN.map((note) => note.midi));
    expect(score.metadata.title).toMatch(/counterpoint above a cantus firmus in D dorian$/);
  });

  it('puts the cantus on top in treble clef and the counterpoint below in bass clef when it is below', () => {
    const { exercise } = generateCounterpoint({ key: modalKey('G', 'mixolydian'), cantus: parsePitchNames('G4 C5 B4 G4 C5 E5 D5 C5 A4 G4'), placement: 'below', species: 1, seed: 1 });
    const score = counterpointScore(exercise);
    expect(score.metadata.title).toBe('First-species counterpoint below a cantus firmus in G mixolydian');
    expect(score.parts.map((part) => part.name)).toEqual(['Cantus firmus', 'Counterpoint']);
    expect(score.parts[0]!.measures[0]!.clefs?.[0]?.value.sign).toBe('G');
    expect(score.parts[1]!.measures[0]!.clefs?.[0]?.value.sign).toBe('F');
    expect(score.parts[0]!.measures[0]!.keys?.[0]?.value).toEqual({ fifths: 0, mode: 'mixolydian' });
  });

  it('ties fourth-species syncopations across the barline in the written score', () => {
    const { exercise } = generateCounterpoint({ key: D_DORIAN, cantus: FUX_DORIAN, placement: 'above', species: 4, seed: 1 });
    const events = counterpointScore(exercise).parts[0]!.measures.flatMap((measure) => measure.voices[0]!.events);
    expect(events.some((event) => event.kind === 'note' && event.tie === 'start')).toBe(true);
    expect(events[0]).toMatchObject({ kind: 'rest' });
  });
});

describe('generate_counterpoint tool', () => {
  it('writes a counterpoint to a cantus given as pitch names, with an empty verdict', () => {
    const input = generateCounterpointTool.input.parse({ species: 2, cantusFirmus: 'D4 F4 E4 D4 G4 F4 A4 G4 F4 E4 D4', placement: 'below' });
    expect(generateCounterpointTool.scoreIds(input)).toEqual([]);
    const result = generateCounterpointTool.compute(input, []);
    expect(result.structured).toMatchObject({ species: 2, placement: 'below', mode: 'D dorian', findings: [] });
    expect(result.structured.cantus).toEqual(['D4', 'F4', 'E4', 'D4', 'G4', 'F4', 'A4', 'G4', 'F4', 'E4', 'D4']);
    expect(result.created.label).toBe('Second-species counterpoint below a cantus firmus in D dorian');
    expect(result.created.data.byteLength).toBeGreaterThan(0);
    expect(generateCounterpointTool.output.omit({ scoreId: true }).parse(result.structured)).toBeTruthy();
  });

  it('generates a cantus in the requested mode when none is given, the same for the same seed', () => {
    const input = generateCounterpointTool.input.parse({ species: 3, mode: 'phrygian', tonic: 'E', length: 10, seed: 4 });
    const first = generateCounterpointTool.compute(input, []);
    const again = generateCounterpointTool.compute(input, []);
    expect(first.structured.cantus).toHaveLength(10);
    expect(first.structured.mode).toBe('E phrygian');
    expect(again.structured.counterpoint).toEqual(first.structured.counterpoint);
  });

  it('reads the cantus from a stored score part', () => {
    const { exercise } = generateCounterpoint({ key: D_DORIAN, cantus: FUX_DORIAN, placement: 'above', species: 1, seed: 1 });
    const score = counterpointScore(exercise);
    const input = generateCounterpointTool.input.parse({ species: 1, cantusFirmus: { id: 'fux', part: 1 }, seed: 5 });
    expect(generateCounterpointTool.scoreIds(input)).toEqual(['fux']);
    const stored = { id: 'fux', score, summary: {} as never, format: 'generated' as const, origin: 'inline', diagnostics: [], importedAt: '2026-01-01T00:00:00Z' };
    const result = generateCounterpointTool.compute(input, [stored]);
    expect(result.structured.cantus).toEqual(FUX_DORIAN.map((p) => `${p.step}${p.octave}`));
    expect(() => generateCounterpointTool.compute(generateCounterpointTool.input.parse({ species: 1, cantusFirmus: { id: 'fux', part: 4 } }), [stored])).toThrow(/no part 4/);
  });
});
