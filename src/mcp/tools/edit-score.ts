import { z } from 'zod';
import { CadenzaError } from '../../core/errors.js';
import { encodeScore } from '../../core/score-codec.js';
import { scoreDelta } from '../../core/score-delta.js';
import { summarizeScore } from '../../core/summary.js';
import { applyEdits } from '../../edit/apply-edits.js';
import type { EditOperation } from '../../edit/operations.js';
import { defineScoreTool } from '../define-tool.js';
import { scoreIdInput } from '../schemas.js';
import { authorOf, versionOf } from '../versions.js';
import { count } from '../wording.js';

const MAX_OPERATIONS = 500;

const part = z.union([z.string().min(1).max(200), z.number().int().min(1)]).describe('A part id ("P2"), name ("Alto") or 1-based number.');
const measure = z.string().min(1).max(50).describe('A measure number as printed ("12"; a pickup is "0").');
const place = z.object({
  part,
  measure,
  beat: z.number().min(1).max(1e6).optional().describe('1-based beat, as findings give it (default 1).'),
  voice: z.string().min(1).max(20).optional().describe('Voice label (default: the first voice).'),
});
const target = z.union([z.string().min(1).max(200).describe('An id, as findings and read tools give them.'), place]);
const pitch = z.string().min(2).max(8).describe('A spelled pitch: "F#4", "Bb3", "C5".');
const duration = z.union([z.number().positive().max(1e6), z.string().min(1).max(20)]).describe('Length in quarter notes: 1, 0.5, 1.5 or "1/3".');

const operation = z.discriminatedUnion('op', [
  z.object({ op: z.literal('set_pitch'), target, pitch }),
  z.object({ op: z.literal('set_duration'), target, duration }),
  z.object({ op: z.literal('set_tie'), target, tie: z.enum(['start', 'stop', 'continue', 'none']) }),
  z.object({ op: z.literal('set_lyric'), target, text: z.string().max(200), verse: z.string().min(1).max(20).optional() }),
  z.object({ op: z.literal('insert'), at: place.optional(), after: z.string().min(1).max(200).optional(), pitches: z.array(pitch).max(16), duration }),
  z.object({ op: z.literal('delete'), target }),
  z.object({ op: z.literal('insert_measures'), before: measure.optional(), count: z.number().int().min(1).max(1000) }),
  z.object({ op: z.literal('delete_measures'), from: measure, to: measure.optional() }),
  z.object({ op: z.literal('set_key'), measure, fifths: z.number().int().min(-7).max(7), mode: z.enum(['major', 'minor']).optional() }),
  z.object({ op: z.literal('set_time'), measure, beats: z.number().int().min(1).max(64), beatType: z.number().int().min(1).max(64) }),
  z.object({ op: z.literal('set_clef'), part, measure, sign: z.enum(['G', 'F', 'C']), line: z.number().int().min(1).max(5), octaveChange: z.number().int().min(-2).max(2).optional() }),
  z.object({ op: z.literal('set_tempo'), measure, bpm: z.number().positive().max(1000) }),
  z.object({ op: z.literal('transpose'), from: measure, to: measure, interval: z.string().min(2).max(5).describe('"M2", "-P4", "A1".'), parts: z.array(part).max(100).optional() }),
  z.object({ op: z.literal('add_dynamic'), target, mark: z.string().min(1).max(8).describe('"pp", "p", "mp", "mf", "f", "ff", "sfz", "fp"…') }),
  z.object({ op: z.literal('remove_dynamic'), target }),
  z.object({ op: z.literal('add_articulation'), target, articulation: z.string().min(1).max(40).describe('MusicXML names: "staccato", "accent", "tenuto", "strong-accent", or an ornament: "trill-mark", "mordent", "turn".') }),
  z.object({ op: z.literal('remove_articulation'), target, articulation: z.string().min(1).max(40).optional().describe('Default: every articulation and ornament of the event.') }),
  z.object({ op: z.literal('add_slur'), from: target, to: target }),
  z.object({ op: z.literal('remove_slur'), target: target.describe('The note the slur starts on.') }),
  z.object({ op: z.literal('add_hairpin'), from: target, to: target, type: z.enum(['crescendo', 'diminuendo']) }),
  z.object({ op: z.literal('remove_hairpin'), target: target.describe('The note the hairpin starts at.') }),
  z.object({ op: z.literal('set_chord_symbol'), part: part.optional(), measure, beat: z.number().min(1).max(1e6).optional(), symbol: z.string().max(20).describe('"C", "F#m7", "Bbmaj7", "G7/B"; "" removes the symbol there.') }),
  z.object({ op: z.literal('move_measures'), from: measure, to: measure.optional(), before: measure.optional().describe('Default: to the end.') }),
]);

export const editScore = defineScoreTool({
  name: 'edit_score',
  title: 'Edit a score',
  description:
    'Change a stored score with one batch of operations, applied all together or not at all, making a new version ' +
    '(list_versions; revert_score undoes it). Name notes, chords and rests by id (analysis findings give `noteIds`) or by ' +
    '{ part, measure, beat, voice }. Operations: set_pitch (spelled, "F#4"), set_duration (quarters), set_tie, set_lyric, ' +
    'insert (pitches: none = rest, one = note, several = chord; what follows in the voice moves later), delete (a note ' +
    'becomes a rest; a chord note leaves its chord), insert_measures, delete_measures, set_key, set_time, set_clef, set_tempo, ' +
    'transpose (measures from–to by an interval), move_measures, set_chord_symbol ("F#m7"), add_/remove_dynamic, ' +
    'add_/remove_articulation (also ornaments), add_/remove_slur, add_/remove_hairpin (marks are named by the note they stand on). Every measure touched must still add up, or the batch is refused with ' +
    'INVALID_EDIT naming the bar. Give `baseVersion` (the version you read) so that a change made meanwhile by someone else ' +
    'is never overwritten: then the call fails with CONFLICT naming the current version.',
  input: z.object({
    id: scoreIdInput,
    operations: z.array(operation).min(1).max(MAX_OPERATIONS),
    baseVersion: z.number().int().min(1).optional().describe('The version the edit is based on; CONFLICT when the score has moved on.'),
    note: z.string().max(200).optional().describe('One line saying why, kept with the version.'),
  }),
  output: z.object({
    id: z.string(),
    version: z.number().int().describe('The new current version.'),
    baseVersion: z.number().int(),
    operations: z.number().int(),
    measureCount: z.number().int(),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  scope: 'scores:write',
  scoreIds: (input) => [input.id],
  compute(input, [stored]) {
    const base = versionOf(stored!).version;
    if (input.baseVersion !== undefined && input.baseVersion !== base) {
      throw new CadenzaError('CONFLICT', `Score "${stored!.id}" is at version ${base}, not ${input.baseVersion}: someone changed it since; nothing was changed.`);
    }
    const edited = applyEdits(stored!.score, input.operations as EditOperation[]);
    const summary = summarizeScore(edited);
    const change = input.note?.trim() || describeBatch(input.operations as EditOperation[]);
    return {
      structured: { id: stored!.id, version: base + 1, baseVersion: base, operations: input.operations.length, measureCount: summary.measureCount },
      summary: `Applied ${count(input.operations.length, 'operation')} to ${stored!.id}: version ${base + 1}.`,
      revised: { data: encodeScore(edited), summary, delta: scoreDelta(stored!.score, edited), baseVersion: base, change },
    };
  },
  async finish(result, _input, services, call) {
    const { revised, ...rest } = result;
    const current = await services.store.get(call.tenantId, result.structured.id);
    if (!revised || !current) throw new CadenzaError('SCORE_NOT_FOUND', `No score with id "${result.structured.id}".`);
    const at = services.now();
    await services.store.commit(call.tenantId, {
      entry: { ...current, data: revised.data, summary: revised.summary, revision: { version: revised.baseVersion + 1, author: authorOf(call), at, change: revised.change } },
      baseVersion: revised.baseVersion,
      replaced: { info: versionOf(current), delta: revised.delta },
    });
    return rest;
  },
});

/** describeBatch([set_pitch …, set_pitch …]) → "Edited: 2 × set_pitch" */
function describeBatch(operations: readonly EditOperation[]): string {
  const counts = new Map<string, number>();
  for (const { op } of operations) counts.set(op, (counts.get(op) ?? 0) + 1);
  return `Edited: ${[...counts].map(([op, times]) => (times > 1 ? `${times} × ${op}` : op)).join(', ')}`;
}
