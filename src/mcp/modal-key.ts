/**
 * The `modal` option of analyze_key and analyze_harmony: the mode of modal polyphony (analysis/modes.ts),
 * asked for outright (`true`) or when the style model hears music before 1600 (`"auto"`). Not by default:
 * major and minor already name a mode's nearest key (D dorian reads as D minor), telling modal from tonal
 * music from the notes alone is a guess, and analyze_key is the cheapest tool a model calls.
 */
import { z } from 'zod';
import { findMode, MODE_NAMES, type ModalKey } from '../analysis/modes.js';
import type { Score } from '../core/score.js';
import { classifyStyle } from '../corpus/style/classify.js';

/** eras of the style model (corpus/style) whose music is modal */
const MODAL_ERAS = new Set(['Medieval', 'Renaissance']);

export const modalInput = z
  .union([z.boolean(), z.literal('auto')])
  .optional()
  .describe('Also name the mode of modal (Renaissance) music: final and mode, e.g. "D dorian". true: always; "auto": when the style model hears music before 1600; default false.');

export const modalKeyOutput = z
  .object({
    final: z.string().describe('The last note of the bass, spelled: "D", "Bb".'),
    mode: z.enum(MODE_NAMES),
    name: z.string().describe('"D dorian", "G mixolydian"; D with one flat is "D aeolian" (Aeolian transposed).'),
    ambitus: z.enum(['authentic', 'plagal']).optional().describe('From the tenor\'s range about the final: plagal is the "hypo-" mode (hypodorian).'),
    signature: z.number().int().describe('The key signature most parts write, in fifths (flats negative).'),
    collection: z.number().int().describe('The diatonic collection the mode is read in, as the signature that writes it (the signature unless the notes keep clearly to another).'),
    fit: z.number().describe('Share of the notes\' duration within that collection, 0 … 1.'),
  })
  .describe('The mode: the bass\'s final read in the diatonic collection of the key signature (with `modal`).');

/** the mode, when `modal` asks for it: always for true, for music the style model places before 1600 for "auto" */
export function modalKeyOf(score: Score, modal: boolean | 'auto' | undefined): ModalKey | undefined {
  if (!modal) return undefined;
  if (modal === 'auto' && !MODAL_ERAS.has(classifyStyle(score).era.guesses[0]!.label)) return undefined;
  return findMode(score);
}

/** " Mode: D dorian (plagal)." for a summary, or nothing */
export function modalSummary(mode: ModalKey | undefined): string {
  return mode ? ` Mode: ${mode.name}${mode.ambitus ? ` (${mode.ambitus})` : ''}.` : '';
}
