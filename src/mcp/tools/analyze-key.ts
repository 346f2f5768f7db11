import { z } from 'zod';
import { KEY_WEIGHTINGS, analyzeKey as findScoreKey } from '../../analysis/key.js';
import { keyRegions } from '../../analysis/key-regions.js';
import { keySpeller } from '../../analysis/key-spelling.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { modalInput, modalKeyOf, modalKeyOutput, modalSummary } from '../modal-key.js';
import { scoreIdInput } from '../schemas.js';
import { count } from '../wording.js';

const DEFAULT_ALTERNATIVES = 4;

const keyOutput = z.object({
  tonic: z.string().describe('Spelled tonic, e.g. "F#", "Bb".'),
  mode: z.enum(['major', 'minor']),
  name: z.string().describe('e.g. "F# minor"'),
  correlation: z.number().describe('Pearson correlation of the score’s pitch-class profile with the key profile.'),
});

export const analyzeKey = defineScoreTool({
  name: 'analyze_key',
  title: 'Find the key',
  description:
    'Find the key of a whole score with the Krumhansl–Schmuckler method: the duration-weighted pitch-class ' +
    'histogram is correlated with the profile of each of the 24 keys. `method` picks the key profiles: ' +
    '"aarden" (Aarden–Essen, the default, as music21\'s analyze("key")), "krumhansl", "temperley" ' +
    '(Temperley–Kostka–Payne), "bellman" (Bellman–Budge) or "simple". Returns the best key, spelled as the notes are written (D♭ major, not C♯ major), its correlation ' +
    '(near 1 = clearly tonal) and the next-best keys; close alternatives mean an ambiguous or modulating piece. ' +
    'regions: true adds local keys: each region in one key (from measure/beat, confidence) and the modulations. ' +
    'For modal music (Renaissance polyphony: Palestrina, Monteverdi\'s madrigals) `modal: true` (or "auto": when the style model hears music before 1600) also names the mode: ' +
    'final (the bass\'s last note) and mode (dorian, phrygian, lydian, mixolydian, aeolian, ionian) in the key signature\'s collection, authentic or plagal (`modal`).',
  input: z.object({
    id: scoreIdInput,
    method: z.enum(KEY_WEIGHTINGS).optional().describe('Key profiles to use; default "aarden".'),
    alternatives: z.number().int().min(0).max(23).optional().describe(`How many runner-up keys; default ${DEFAULT_ALTERNATIVES}.`),
    regions: z.boolean().optional().describe('Also find local keys: the regions in each key and the modulations between them.'),
    modal: modalInput,
  }),
  output: keyOutput.extend({
    id: z.string(),
    method: z.enum(KEY_WEIGHTINGS),
    alternatives: z.array(keyOutput),
    regions: z
      .array(
        z.object({
          key: z.string(),
          fromMeasure: z.string(),
          fromBeat: z.number(),
          toMeasure: z.string(),
          offsetQuarters: z.number(),
          durationQuarters: z.number(),
          confidence: z.number().describe('How well the region\'s own notes fit its key, -1 … 1.'),
        }),
      )
      .optional(),
    modulations: z.array(z.object({ measure: z.string(), beat: z.number(), from: z.string(), to: z.string() })).optional(),
    modal: modalKeyOutput.optional(),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => [input.id],
  light: (input) => !input.regions && !input.modal,
  compute(input, [stored]) {
    const { score } = stored!;
    const spell = keySpeller(score);
    const found = findScoreKey(score, input.method === undefined ? {} : { method: input.method });
    const key = spell(found);
    const pick = ({ tonic, mode, name, correlation }: z.infer<typeof keyOutput>) => ({ tonic, mode, name, correlation });
    // only the runners-up answered are spelled
    const alternatives = found.alternatives.slice(0, input.alternatives ?? DEFAULT_ALTERNATIVES).map((alternative) => pick(spell(alternative)));
    const regions = input.regions ? keyRegions(score) : undefined;
    const modulations = regions?.slice(1).map((region, index) => ({ measure: region.fromMeasure, beat: region.fromBeat, from: regions[index]!.key, to: region.key }));
    const modal = modalKeyOf(score, input.modal);
    return {
      structured: { id: input.id, method: key.method, ...pick(key), alternatives, ...(regions ? { regions, modulations } : {}), ...(modal ? { modal } : {}) },
      summary: `${key.name} (correlation ${key.correlation.toFixed(3)}, ${key.method} profiles)${
        alternatives[0] ? `; next: ${alternatives[0].name} (${alternatives[0].correlation.toFixed(3)})` : ''
      }${modulations ? `; ${count(modulations.length, 'modulation')}${modulations.length ? `: ${modulations.map((change) => `${change.to} at m${change.measure}`).join(', ')}` : ''}` : ''}.${modalSummary(modal)}`,
    };
  },
});
