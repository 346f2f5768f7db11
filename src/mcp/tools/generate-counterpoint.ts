import { z } from 'zod';
import { CadenzaError } from '../../core/errors.js';
import { heardNotes } from '../../core/notes.js';
import { accidentalName, pitchName, type Pitch } from '../../core/pitch.js';
import { generateCantusFirmus } from '../../generate/counterpoint/cantus-firmus.js';
import { checkCounterpoint } from '../../generate/counterpoint/check.js';
import type { Species } from '../../generate/counterpoint/exercise.js';
import { generateCounterpoint as writeCounterpoint } from '../../generate/counterpoint/generate.js';
import { MODES, inferModalKey, modalKey, tonicName, type ModalKey } from '../../generate/counterpoint/modes.js';
import { parsePitchNames } from '../../generate/counterpoint/pitch-names.js';
import { counterpointScore, exerciseTitle } from '../../generate/counterpoint/write-score.js';
import { createdScore } from '../created-score.js';
import { defineGenerateTool } from '../define-tool.js';
import type { LoadedScore } from '../ports.js';
import { scoreIdInput } from '../schemas.js';
import { count } from '../wording.js';

const storedCantus = z.object({
  id: scoreIdInput,
  part: z.number().int().min(0).optional().describe('Index of the part holding the cantus firmus (default 0).'),
});

export const generateCounterpoint = defineGenerateTool({
  name: 'generate_counterpoint',
  title: 'Write species counterpoint',
  description:
    'Writes a counterpoint in strict species style (Fux: 1 = note against note, 2 = two halves, 3 = four quarters, ' +
    '4 = syncopations and suspensions, 5 = florid) above or below a cantus firmus, and stores the two-part score. ' +
    '`cantusFirmus` is either pitch names in one string ("D4 F4 E4 D4 G4 F4 A4 G4 F4 E4 D4", 4–32 notes, ending on ' +
    'the final) or a stored score `{ id, part }` whose part is one melodic line; its mode is inferred from the final ' +
    'unless `mode` is given. Without it a cantus firmus is generated in `mode` on `tonic` with `length` notes (8–16). ' +
    'The result is checked by the rule checker (parallels, hidden fifths/octaves, dissonance treatment, leaps, ' +
    'cadence with leading tone); `findings` is that verdict and is empty. The same seed gives the same music.',
  input: z.object({
    species: z.number().int().min(1).max(5).describe('1 to 5.'),
    cantusFirmus: z.union([z.string().min(1).max(400), storedCantus]).optional(),
    mode: z.enum(MODES).optional().describe('Mode of the cantus firmus; default dorian for a generated one, inferred for a given one.'),
    tonic: z.string().min(1).max(3).optional().describe('Tonic of a generated cantus firmus, e.g. "D", "F#", "Bb"; default D.'),
    length: z.number().int().min(8).max(16).optional().describe('Notes in a generated cantus firmus; default chosen by the seed.'),
    placement: z.enum(['above', 'below']).default('above'),
    seed: z.number().int().default(1),
  }),
  output: z.object({
    scoreId: z.string(),
    title: z.string(),
    species: z.number().int(),
    placement: z.enum(['above', 'below']),
    mode: z.string().describe('Tonic and mode, e.g. "D dorian".'),
    cantus: z.array(z.string()),
    counterpoint: z.array(z.string()).describe('Pitch names, one per note struck (a tied note once).'),
    findings: z.array(z.object({ rule: z.string(), measure: z.number().int(), note: z.number().int(), message: z.string() })),
    searchSteps: z.number().int(),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  scope: 'scores:write',
  generates: true,
  scoreIds: (input) => (typeof input.cantusFirmus === 'object' ? [input.cantusFirmus.id] : []),
  compute(input, scores) {
    const { key, cantus } = cantusFirmusFor(input, scores[0]);
    const species = input.species as Species;
    const { exercise, steps } = writeCounterpoint({ key, cantus, species, placement: input.placement, seed: input.seed });
    const title = exerciseTitle(exercise);
    const counterpoint = exercise.counterpoint.map((note) => pitchName(note.pitch));
    // the generator only returns lines the checker passes; the verdict is re-run so the output shows it, not claims it
    const findings = checkCounterpoint(exercise).map((found) => ({ ...found }));
    return {
      structured: {
        title,
        species,
        placement: input.placement,
        mode: `${tonicName(key)} ${key.mode}`,
        cantus: cantus.map(pitchName),
        counterpoint,
        findings,
        searchSteps: steps,
      },
      summary: `${title}: ${counterpoint.length} notes against ${cantus.length}, ${findings.length === 0 ? 'passing every rule' : `${count(findings.length, 'rule finding')}`}.`,
      created: createdScore(counterpointScore(exercise), title),
    };
  },
});

interface CantusRequest {
  readonly cantusFirmus?: string | { readonly id: string; readonly part?: number | undefined } | undefined;
  readonly mode?: ModalKey['mode'] | undefined;
  readonly tonic?: string | undefined;
  readonly length?: number | undefined;
  readonly seed: number;
}

/** the cantus firmus asked for: given as names, read from a stored score, or generated */
function cantusFirmusFor(input: CantusRequest, stored: LoadedScore | undefined): { key: ModalKey; cantus: Pitch[] } {
  if (input.cantusFirmus === undefined) {
    const key = modalKey(input.tonic ?? 'D', input.mode ?? 'dorian');
    const length = input.length ?? 8 + (Math.abs(input.seed) % 9);
    return { key, cantus: generateCantusFirmus(key, length, input.seed) };
  }
  const cantus = typeof input.cantusFirmus === 'string' ? parsePitchNames(input.cantusFirmus) : storedLine(stored!, input.cantusFirmus.part ?? 0);
  if (cantus.length < 4 || cantus.length > 32) {
    throw new CadenzaError('INVALID_ARGUMENT', `A cantus firmus has 4 to 32 notes; this one has ${cantus.length}.`);
  }
  const final = cantus[cantus.length - 1]!;
  const tonic = `${final.step}${accidentalName(final.alter)}`;
  return { key: input.mode ? modalKey(tonic, input.mode) : inferModalKey(cantus), cantus };
}

/** one part of a stored score as a single line of pitches (ties merged; chords refused) */
function storedLine(stored: LoadedScore, partIndex: number): Pitch[] {
  const part = stored.score.parts[partIndex];
  if (!part) {
    throw new CadenzaError('INVALID_ARGUMENT', `Score ${stored.id} has no part ${partIndex}; it has ${stored.score.parts.length}.`);
  }
  const notes = heardNotes(part);
  if (notes.some((note, index) => index > 0 && note.start.n * notes[index - 1]!.start.d === notes[index - 1]!.start.n * note.start.d)) {
    throw new CadenzaError('INVALID_ARGUMENT', `Part ${partIndex} of ${stored.id} has chords; a cantus firmus is a single line.`);
  }
  return notes.map((note) => note.pitch);
}
