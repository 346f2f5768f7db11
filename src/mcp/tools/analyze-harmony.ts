import { z } from 'zod';
import { findCadences, phraseEndTimes } from '../../analysis/cadence.js';
import type { HarmonyReadings, Reading } from '../../analysis/chord-alternatives.js';
import { AMBIGUOUS } from '../../analysis/chord-alternatives-calibration.js';
import type { Harmony } from '../../analysis/harmony.js';
import { analyzeHarmonyReadings } from '../../analysis/harmony-readings.js';
import { isLeadSheet, writtenHarmony } from '../../analysis/lead-sheet.js';
import { noteIdsAt } from '../../analysis/note-ids.js';
import { nonChordTones, type NonChordTone } from '../../analysis/non-chord-tones.js';
import { pedalPoints } from '../../analysis/pedal-points.js';
import { modulations } from '../../analysis/pivot-chords.js';
import { tendencyTones } from '../../analysis/tendency-tones.js';
import { voiceLines } from '../../analysis/voice-leading.js';
import { toNumber } from '../../core/rational.js';
import type { Score } from '../../core/score.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { modalInput, modalKeyOf, modalKeyOutput, modalSummary } from '../modal-key.js';
import { measureNumberInput, measureRangeInput, resolveMeasureRange, type MeasureRangeInput, type ResolvedRange } from '../measure-range.js';
import { cursorInput, nextCursorOutput, PAGE_BUDGET_BYTES, pageOf, pageSpan } from '../paging.js';
import { noteIdsInput, noteIdsOutput, scoreIdInput } from '../schemas.js';
import { count } from '../wording.js';

const readingOutput = z.object({
  key: z.string(),
  figure: z.string().describe('The chord read another way, in RomanText spelling, in `key`.'),
  root: z.string(),
  quality: z.string(),
  bass: z.string(),
  confidence: z.number().describe('How likely an analyst writes this label (key, numeral, inversion), 0 … 1.'),
});

const harmonyOutput = z.object({
  offsetQuarters: z.number().describe('From the start of the score, in quarter notes.'),
  durationQuarters: z.number(),
  measure: z.string().describe('The measure number as printed (a pickup is 0).'),
  beat: z.number().describe('1-based beat in the meter (a pickup counted from where a full bar would begin); 2.5 is halfway through beat 2.'),
  key: z.string().describe('Local key (or the global key with keys: "global"), e.g. "G major".'),
  figure: z.string().describe('Roman numeral in RomanText spelling: "I", "V65", "viio7", "V7/V".'),
  function: z.enum(['T', 'PD', 'D', '?']).describe('Tonic, predominant or dominant function.'),
  root: z.string(),
  quality: z.string(),
  bass: z.string(),
  symbol: z.string().optional().describe('The chord symbol as written (lead sheets).'),
  confidence: z
    .number()
    .optional()
    .describe(`How likely an analyst writes this label (key, numeral and inversion), 0 … 1, calibrated on human analyses; below ${AMBIGUOUS} the chord is ambiguous and its alternatives are listed. Absent for a lead sheet's written symbols.`),
  alternatives: z
    .array(readingOutput)
    .optional()
    .describe('Up to two other readings (another chord, or the same chord in another key), most likely first: where the chord is ambiguous, or for every chord with detail ["alternatives"].'),
  noteIds: noteIdsOutput.optional().describe('With ids: true, the notes sounding at its start (none for a lead sheet\'s written symbols).'),
  chromatic: z
    .enum(['augmented sixth', 'Neapolitan', 'mixture', 'applied', 'cadential six-four'])
    .optional()
    .describe('The kind of chromatic chord: augmented sixth (It6, Fr43, Ger65), Neapolitan (bII6), mixture (iv, bVI in major), applied (V7/V), cadential six-four (I64 before V).'),
  nonChordTones: z
    .array(
      z.object({
        kind: z.enum(['passing', 'neighbour', 'suspension', 'retardation', 'appoggiatura', 'escape', 'anticipation', 'pedal', 'other']),
        pitch: z.string(),
        voice: z.string(),
        offsetQuarters: z.number(),
        noteIds: noteIdsOutput,
      }),
    )
    .optional()
    .describe('With detail ["nonChordTones"]: the notes foreign to the chord, by kind, with their voice and note ids.'),
  tendencyTones: z
    .array(z.object({ pitch: z.string(), direction: z.enum(['up', 'down']), resolvesTo: z.string(), reason: z.string() }))
    .optional()
    .describe('With detail ["tendencyTones"]: leading tones, sevenths and chromatic tones, and where each wants to go.'),
});

const modulationOutput = z.object({
  offsetQuarters: z.number(),
  measure: z.string(),
  beat: z.number(),
  from: z.string(),
  to: z.string(),
  pivot: z
    .object({ measure: z.string(), beat: z.number(), figures: z.array(z.string()).describe('The pivot chord in the old key and in the new: ["vi", "ii"].') })
    .optional()
    .describe('The last chord before the change (or the first after it) that belongs to both keys; absent for a direct modulation.'),
});

const pedalOutput = z.object({
  pitch: z.string(),
  voice: z.string(),
  fromMeasure: z.string(),
  toMeasure: z.string(),
  startQuarters: z.number(),
  endQuarters: z.number(),
  harmonies: z.number().int().describe('How many harmonies it sounds under.'),
  noteIds: noteIdsOutput,
});

const DETAILS = ['nonChordTones', 'tendencyTones', 'alternatives'] as const;
/** at most this many pedal points in an answer */
const PEDALS_SHOWN = 10;

const cadenceOutput = z.object({
  type: z.enum(['PAC', 'IAC', 'HC', 'Phrygian HC', 'plagal', 'deceptive']),
  offsetQuarters: z.number(),
  measure: z.string(),
  beat: z.number(),
  key: z.string(),
  progression: z.array(z.string()).describe('The last two harmonies, e.g. ["V7", "I"].'),
  noteIds: noteIdsOutput.describe('The notes sounding at the start of each of the two harmonies, the approach chord\'s first (none for a lead sheet).'),
});

export const analyzeHarmony = defineScoreTool({
  name: 'analyze_harmony',
  title: 'Roman numeral analysis',
  description:
    'Harmonic analysis of a score from its notes: one entry per change of harmony, with its local key and ' +
    'its roman numeral in RomanText spelling (inversions V65, applied chords V7/V, viio7), function (T/PD/D), ' +
    'and cadences at phrase ends (fermatas, rests and long notes in the top voice, and the end): PAC, IAC, HC, Phrygian HC, plagal, deceptive. ' +
    'Chromatic chords are named as RomanText writes them (It6, Fr43, Ger65, bII6, iv and bVI in major, V7/V) and tagged (`chromatic`). ' +
    'Each page lists the modulations in it with their pivot chords named in both keys, and the pedal points of the passage. ' +
    'Each chord has a `confidence` (how likely an analyst writes that label, calibrated on human analyses); an ambiguous chord (confidence below ' +
    `${AMBIGUOUS}) lists up to two \`alternatives\`, other readings with their confidences. ` +
    '`detail` adds per chord: "nonChordTones" (passing, neighbour, suspension, retardation, appoggiatura, escape, anticipation, pedal, with note ids), ' +
    '"tendencyTones" (leading tones, sevenths, augmented sixths: which way each resolves) and "alternatives" (for every chord); pages then hold fewer chords. ' +
    '`modal: true` (or "auto", for music the style model places before 1600) adds the piece\'s `mode` (e.g. "D dorian"); the chords\' keys stay major and minor, as numerals count in them. ' +
    'keys: "local" (default) finds modulations; "global" reads every chord in the key of the whole piece. ' +
    'Tonal music (common practice) gets the most reliable answers; modal and post-tonal music less so. ' +
    'A lead sheet (chord symbols in at least half its measures) is analysed from its written symbols, in the key of the piece (`source`). ' +
    '`measures` { from, to } (printed numbers, inclusive) limits the answer to a passage (keys still found from the whole piece). ' +
    'Each cadence names its notes (`noteIds`, as edit_score takes them); `ids: true` names each chord\'s notes too. ' +
    'Chords come in pages that fit a model\'s context, with the cadences that fall in the page: `total` counts every harmony, ' +
    '`nextCursor`, passed back as `cursor`, gives the next page.',
  input: z.object({
    id: scoreIdInput,
    keys: z.enum(['local', 'global']).optional().describe('Local keys (default) or one global key.'),
    measures: measureRangeInput.optional(),
    fromMeasure: measureNumberInput.optional().describe('First measure to report, by number as printed (the same as measures { from } to the end).'),
    ids: noteIdsInput,
    maxChords: z.number().int().min(1).max(5000).optional().describe('At most this many chords in the page; default: as many as fit about 10 KB.'),
    detail: z.array(z.enum(DETAILS)).max(3).optional().describe('More per chord: "nonChordTones", "tendencyTones", "alternatives".'),
    modal: modalInput,
    cursor: cursorInput,
  }),
  output: z.object({
    id: z.string(),
    keys: z.enum(['local', 'global']),
    source: z.enum(['notes', 'chord symbols']).describe('"chord symbols" for a lead sheet: its written symbols read in the key of the piece.'),
    chords: z.array(harmonyOutput),
    cadences: z.array(cadenceOutput).describe('The cadences within this page\'s chords.'),
    modulations: z.array(modulationOutput).describe('Changes of local key within this page\'s chords, with pivot chords.'),
    pedalPoints: z.array(pedalOutput).describe('Pedal points that begin in the passage and sound within this page\'s chords, at most 10.'),
    mode: modalKeyOutput.optional(),
    harmoniesPerMeasure: z.number().describe('Harmonic rhythm: harmony changes per measure, over the whole score.'),
    total: z.number().int().describe('Harmonies in the score (or the passage asked), all pages together.'),
    cadenceCount: z.number().int().describe('Cadences in the score (or the passage asked), all pages together.'),
    truncated: z.boolean().describe('True when more chords follow this page.'),
    nextCursor: nextCursorOutput,
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => [input.id],
  compute(input, [stored]) {
    const { score } = stored!;
    const keys = input.keys ?? 'local';
    const leadSheet = isLeadSheet(score);
    // a lead sheet's chords are written: read its symbols rather than guess chords from its melody
    const harmonies: readonly (Harmony & { symbol?: string } & Partial<HarmonyReadings>)[] = leadSheet ? writtenHarmony(score) : analyzeHarmonyReadings(score, { keys });
    const cadences = findCadences(harmonies, phraseEndTimes(score));
    const range = passage(score, input);
    const within = (at: number) => !range || (at >= toNumber(range.fromOffset) && at < toNumber(range.toOffset));
    const shown = harmonies.filter((harmony) => within(toNumber(harmony.offset)));
    const inPassage = cadences.filter((cadence) => within(cadence.offsetQuarters));
    const measureCount = score.parts[0]?.measures.length ?? 1;
    // ids only of the harmonies the answer names them for: every one shown with ids: true, else the cadences' pairs
    const named = [...(input.ids ? shown : []), ...inPassage.flatMap((cadence) => cadencePair(harmonies, cadence.offsetQuarters))];
    const soundingIds = leadSheet ? () => [] : idsAtHarmonies(score, named);
    const lines = voiceLines(score);
    const pedals = leadSheet ? [] : pedalPoints(lines, harmonies);
    const detail = new Set(input.detail ?? []);
    const mode = modalKeyOf(score, input.modal);
    const tonesByHarmony = detail.has('nonChordTones') && !leadSheet ? groupByHarmony(nonChordTones(lines, harmonies, pedals)) : undefined;
    const firstShown = shown.length > 0 ? harmonies.indexOf(shown[0]!) : 0;
    const rows = shown.map((harmony, index) => ({
      ...harmonyRow(harmony),
      ...readingsRow(harmony, detail.has('alternatives')),
      ...(input.ids ? { noteIds: soundingIds(harmony) } : {}),
      ...(tonesByHarmony ? { nonChordTones: (tonesByHarmony.get(firstShown + index) ?? []).map(({ harmonyIndex: _, ...tone }) => ({ ...tone, noteIds: [...tone.noteIds] })) } : {}),
      ...(detail.has('tendencyTones') && harmony.figure ? { tendencyTones: tendencyTones(harmony) } : {}),
    }));
    const page = pageOf(rows, { cursor: input.cursor, limit: input.maxChords, budgetBytes: PAGE_BUDGET_BYTES * 0.7 });
    const chords = page.rows;
    const pageStart = chords[0]?.offsetQuarters ?? Infinity;
    const pageEnd = page.nextCursor ? shown[page.start + chords.length]!.offset : undefined;
    const inPage = (at: number) => at >= pageStart && (!pageEnd || at < toNumber(pageEnd));
    const pageCadences = inPassage.filter((cadence) => inPage(cadence.offsetQuarters));
    const pageModulations = modulations(harmonies).filter((modulation) => inPage(modulation.offsetQuarters));
    const pagePedals = pedals.filter((pedal) => pedal.endQuarters > pageStart && (!pageEnd || pedal.startQuarters < toNumber(pageEnd)) && within(pedal.startQuarters));
    const opening = chords.slice(0, 8).map((chord) => chord.figure).join(' ');
    const listed = inPassage.slice(0, 12).map((cadence) => `${cadence.type} m${cadence.measure}`).join(', ') + (inPassage.length > 12 ? ', …' : '');
    const where = chords.length < shown.length ? `; this page: ${pageSpan(chords, page.start)}` : '';
    return {
      structured: {
        id: input.id,
        keys,
        source: leadSheet ? ('chord symbols' as const) : ('notes' as const),
        chords,
        cadences: pageCadences.map((cadence) => ({ ...cadence, progression: [...cadence.progression], noteIds: cadenceIds(harmonies, cadence.offsetQuarters, soundingIds) })),
        modulations: pageModulations.map(({ harmonyIndex: _, pivot, ...modulation }) => ({
          ...modulation,
          ...(pivot ? { pivot: { measure: pivot.measure, beat: pivot.beat, figures: [...pivot.figures] } } : {}),
        })),
        pedalPoints: pagePedals.slice(0, PEDALS_SHOWN).map((pedal) => ({ ...pedal, harmonies: pedal.harmonies.length, noteIds: [...pedal.noteIds] })),
        ...(mode ? { mode } : {}),
        harmoniesPerMeasure: Math.round((harmonies.length / Math.max(1, measureCount)) * 100) / 100,
        total: shown.length,
        cadenceCount: inPassage.length,
        truncated: page.nextCursor !== undefined,
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      },
      summary: `${count(shown.length, 'harmony', 'harmonies')}, ${count(inPassage.length, 'cadence')} (${listed || 'none found'})${where}. Opening: ${opening}.${modalSummary(mode)}`,
    };
  },
});

function harmonyRow(harmony: Harmony & { symbol?: string }) {
  return {
    offsetQuarters: toNumber(harmony.offset),
    durationQuarters: toNumber(harmony.duration),
    measure: harmony.measure,
    beat: harmony.beat,
    key: harmony.key,
    figure: harmony.figure,
    function: harmony.function,
    root: harmony.root,
    quality: harmony.quality,
    bass: harmony.bass,
    ...(harmony.symbol ? { symbol: harmony.symbol } : {}),
    ...(harmony.chromatic ? { chromatic: harmony.chromatic } : {}),
  };
}

/** confidences to two places; the alternatives where the chord is ambiguous, or for every chord when asked */
function readingsRow(harmony: Partial<HarmonyReadings>, always: boolean) {
  if (harmony.confidence === undefined) return {};
  const confidence = Math.round(harmony.confidence * 100) / 100;
  const listed = always || harmony.confidence < AMBIGUOUS ? (harmony.alternatives ?? []).map((reading: Reading) => ({ ...reading, confidence: Math.round(reading.confidence * 100) / 100 })) : [];
  return { confidence, ...(listed.length > 0 ? { alternatives: listed } : {}) };
}

/** the ids of the notes sounding at each harmony's start, found in one sweep over the score */
function idsAtHarmonies(score: Score, harmonies: readonly Harmony[]): (harmony: Harmony) => string[] {
  const ids = new Map<Harmony, string[]>();
  const found = noteIdsAt(score, harmonies.map((harmony) => harmony.offset));
  harmonies.forEach((harmony, index) => ids.set(harmony, found[index]!));
  return (harmony) => ids.get(harmony) ?? [];
}

/** the approach and arrival harmonies of the cadence arriving at `offsetQuarters` */
function cadencePair(harmonies: readonly Harmony[], offsetQuarters: number): Harmony[] {
  const arrival = harmonies.findIndex((harmony) => toNumber(harmony.offset) === offsetQuarters);
  return arrival < 1 ? [] : [harmonies[arrival - 1]!, harmonies[arrival]!];
}

/** the notes of a cadence: those sounding at its approach chord's start, then the arrival's not already named */
function cadenceIds(harmonies: readonly Harmony[], offsetQuarters: number, soundingIds: (harmony: Harmony) => string[]): string[] {
  return [...new Set(cadencePair(harmonies, offsetQuarters).flatMap(soundingIds))];
}

function groupByHarmony(tones: readonly NonChordTone[]): Map<number, NonChordTone[]> {
  const grouped = new Map<number, NonChordTone[]>();
  for (const tone of tones) grouped.set(tone.harmonyIndex, [...(grouped.get(tone.harmonyIndex) ?? []), tone]);
  return grouped;
}

/** the passage asked for: `measures`, or from `fromMeasure` to the end, or the whole score */
function passage(score: Score, input: { measures?: MeasureRangeInput | undefined; fromMeasure?: number | string | undefined }): ResolvedRange | undefined {
  if (input.measures) return resolveMeasureRange(score, input.measures);
  if (input.fromMeasure === undefined) return undefined;
  const last = score.parts[0]?.measures.at(-1);
  return resolveMeasureRange(score, { from: input.fromMeasure, to: last?.number ?? String(input.fromMeasure) });
}
