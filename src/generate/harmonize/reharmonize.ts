/**
 * Reharmonizing a passage of a score: the melody kept, new chords from the harmonizer in the given
 * measures, everything outside them untouched. A score of four voices (four parts, or two staves of two
 * voices; the melody on top) gets a new alto, tenor and bass there, led in from the chord before the
 * passage and out to the chord after it; a single melody line or lead sheet gets new chord symbols there.
 */
import { pickLine, voiceLines, type Line } from '../../analysis/voice-leading.js';
import { CadenzaError } from '../../core/errors.js';
import { eventsWithin, type WrittenNote } from '../../core/build-score.js';
import { add, compare, sub, type Rational } from '../../core/rational.js';
import type { Measure, Part, Score, Voice } from '../../core/score.js';
import { loosenTies, measureRange } from '../transform/extract.js';
import { retitled } from '../transform/title.js';
import { chordsInKey, type HarmonizerKey } from './chords.js';
import { harmonizeChorale, keptVoicing, type Surroundings } from './chorale.js';
import { lowerVoiceNotes, namedChord, symbolizedChord, symbolizedLeadSheetChord, type HarmonizedChord, type HarmonizeStyle } from './harmonize.js';
import { leadSheetChords, type TimeSpan } from './lead-sheet.js';
import { keyOfMelody, melodyOf, type Melody } from './melody.js';
import { symbolChanges } from './write-harmonization.js';

export interface ReharmonizeRequest {
  /** first and last measure of the passage, as printed */
  readonly from: string;
  readonly to: string;
  /** default chorale */
  readonly style?: HarmonizeStyle;
  /** default: the key the whole melody is in */
  readonly key?: HarmonizerKey;
  readonly seed?: number;
}

export interface Reharmonization {
  readonly score: Score;
  readonly key: HarmonizerKey;
  /** "four-part": new lower voices; "lead-sheet": new chord symbols */
  readonly texture: 'four-part' | 'lead-sheet';
  /** the new chords, in the passage only */
  readonly chords: readonly HarmonizedChord[];
}

interface Passage {
  readonly melody: Melody;
  /** the melody's slots inside the passage only */
  readonly inside: Melody;
  readonly span: TimeSpan;
  readonly measures: { readonly start: number; readonly end: number };
  readonly key: HarmonizerKey;
  readonly title: string;
}

/** reharmonizeRange(bwv66.6, { from: "3", to: "4" }) → the chorale with new alto, tenor and bass in measures 3–4 */
export function reharmonizeRange(source: Score, request: ReharmonizeRequest): Reharmonization {
  const lines = voiceLines(source);
  const passage = passageOf(source, lines, request);
  const style = request.style ?? 'chorale';
  if (lines.length === 4) {
    if (style !== 'chorale') {
      throw new CadenzaError('INVALID_ARGUMENT', `A four-part score is reharmonized in chorale style, not "${style}".`, {
        hint: 'For pop or jazz chords, extract the melody first (operation "extract", parts [0]) and reharmonize that.',
      });
    }
    return reharmonizeFourVoices(source, lines, passage, request.seed ?? 1);
  }
  if (source.parts.length === 1 && lines.length === 1) return reharmonizeLeadSheet(source, passage, style, request.seed ?? 1);
  throw new CadenzaError(
    'INVALID_ARGUMENT',
    `reharmonize rewrites a score of four voices (in four parts, or two voices on each of two staves; the melody on top) or a single melody line; this score has ${lines.length} voices in ${source.parts.length} parts.`,
    { hint: 'Extract the four voices, or the melody alone, first with operation "extract".' },
  );
}

function passageOf(source: Score, lines: readonly Line[], request: ReharmonizeRequest): Passage {
  const measures = measureRange(source, request.from, request.to);
  const reference = source.parts[0]!.measures;
  const last = reference[measures.end]!;
  const span = { start: reference[measures.start]!.offset, end: add(last.offset, last.duration) };
  const line = pickLine(lines, 0);
  // the passage's notes and the one after it (so its last note knows whether a phrase ends there): the
  // work, and the note limit, follow the passage, not the piece
  const first = line.notes.findIndex((note) => compare(note.end, span.start) > 0);
  const following = line.notes.findIndex((note) => compare(note.start, span.end) >= 0);
  const notes = first < 0 ? [] : line.notes.slice(first, following < 0 ? undefined : following + 1);
  const nothing = () => new CadenzaError('INVALID_ARGUMENT', `Measures ${request.from}–${request.to} hold no melody notes to harmonize.`);
  if (notes.length === 0) throw nothing();
  const melody = melodyOf(source, { ...line, notes });
  const slots = melody.slots.filter((slot) => compare(slot.start, span.start) >= 0 && compare(slot.start, span.end) < 0);
  if (slots.length === 0) throw nothing();
  const title = `measures ${request.from}–${request.to} reharmonized`;
  // the key is the whole tune's: a passage of two bars says too little about it
  return { melody, inside: { ...melody, slots }, span, measures, key: request.key ?? keyOfMelody({ ...melody, line }), title };
}

function reharmonizeFourVoices(source: Score, lines: readonly Line[], passage: Passage, seed: number): Reharmonization {
  const vocabulary = chordsInKey(passage.key);
  const before = sonorityBefore(lines, passage.span.start);
  const after = sonorityAt(lines, passage.span.end);
  const surroundings: Surroundings = {
    ...(before ? { before: keptVoicing(before, vocabulary) } : {}),
    ...(after ? { after: keptVoicing(after, vocabulary) } : {}),
  };
  const slots = harmonizeChorale(passage.inside, passage.key, seed, surroundings);
  const notes = lowerVoiceNotes(slots);
  // alto, tenor and bass go back where they are written: their own parts, or voices of a shared staff
  const lower = lines.slice(1).map((line, index) => ({ ...line.written!, notes: notes[index]! }));
  const parts = source.parts.map((part, partIndex) => {
    const own = lower.filter((line) => line.part === partIndex);
    if (own.length === 0) return part;
    const staffs = voiceStaffs(part);
    const measures = rewrite(part.measures, passage, (measure) => ({ voices: rewrittenVoices(measure, own, staffs) }));
    return { ...part, measures: loosenTies(measures) };
  });
  const chords = slots.map((slot) => namedChord(symbolizedChord(slot)));
  return { score: { metadata: retitled(source, passage.title), parts }, key: passage.key, texture: 'four-part', chords };
}

/** a measure's voices with the rewritten ones' events replaced (or added, where the measure lacked that voice) */
function rewrittenVoices(measure: Measure, lines: readonly { voice: string; notes: readonly WrittenNote[] }[], staffs: ReadonlyMap<string, number>): Voice[] {
  const end = add(measure.offset, measure.duration);
  const fresh = (id: string, notes: readonly WrittenNote[]): Voice => {
    const staff = staffs.get(id);
    return { id, events: eventsWithin(notes, measure.offset, end).map((event) => (staff === undefined ? event : { ...event, staff })) };
  };
  const kept = measure.voices.map((voice) => {
    const line = lines.find((candidate) => candidate.voice === voice.id);
    return line ? fresh(voice.id, line.notes) : voice;
  });
  const added = lines.filter((line) => !measure.voices.some((voice) => voice.id === line.voice)).map((line) => fresh(line.voice, line.notes));
  return [...kept, ...added];
}

/** the staff each voice of a part is written on, where its events say so */
function voiceStaffs(part: Part): Map<string, number> {
  const staffs = new Map<string, number>();
  for (const measure of part.measures) {
    for (const voice of measure.voices) {
      const staff = voice.events.find((event) => event.staff !== undefined)?.staff;
      if (staff !== undefined && !staffs.has(voice.id)) staffs.set(voice.id, staff);
    }
  }
  return staffs;
}

function reharmonizeLeadSheet(source: Score, passage: Passage, style: HarmonizeStyle, seed: number): Reharmonization {
  const harmony =
    style === 'chorale'
      ? harmonizeChorale(passage.inside, passage.key, seed).map(symbolizedChord)
      : leadSheetChords(passage.melody, passage.key, style, passage.span).map(symbolizedLeadSheetChord);
  const changes = symbolChanges(harmony);
  const [part] = source.parts;
  const measures = rewrite(part!.measures, passage, (measure) => {
    const end = add(measure.offset, measure.duration);
    const inside = changes.filter((chord) => compare(chord.start, measure.offset) >= 0 && compare(chord.start, end) < 0);
    return { harmonies: inside.map((chord) => ({ offset: sub(chord.start, measure.offset), value: chord.symbol })) };
  });
  const chords = harmony.map(namedChord);
  return { score: { metadata: retitled(source, passage.title), parts: [{ ...part!, measures }] }, key: passage.key, texture: 'lead-sheet', chords };
}

/** the passage's measures with what `change` gives them; the others as they were */
function rewrite(measures: readonly Measure[], passage: Passage, change: (measure: Measure) => Partial<Measure>): Measure[] {
  return measures.map((measure, index) => (index < passage.measures.start || index > passage.measures.end ? measure : { ...measure, ...change(measure) }));
}

type Sonority = [number, number, number, number];

/** each line's last note before `time` (across a rest too, as the voice-leading check hears it), top first */
function sonorityBefore(lines: readonly Line[], time: Rational): Sonority | undefined {
  return sonority(lines.map((line) => line.notes.filter((note) => compare(note.start, time) < 0).at(-1)?.pitch.midi));
}

/** the notes sounding at `time` in four lines, top first; undefined when one of them rests */
function sonorityAt(lines: readonly Line[], time: Rational): Sonority | undefined {
  return sonority(lines.map((line) => line.notes.find((note) => compare(note.start, time) <= 0 && compare(note.end, time) > 0)?.pitch.midi));
}

function sonority(midi: readonly (number | undefined)[]): Sonority | undefined {
  const [soprano, alto, tenor, bass] = midi;
  return soprano === undefined || alto === undefined || tenor === undefined || bass === undefined ? undefined : [soprano, alto, tenor, bass];
}
