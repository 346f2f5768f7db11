/**
 * A score as compact text for a model to read: one line per voice per measure, each note as
 * pitch:value ("C#5:q", "[C4 E4 G4]:h.", "r:e"), the meter, key, clef and tempo written where they
 * change. Lines name their measure as printed, so a reader can quote them back ("m12 Alto: …").
 */
import { pitchName } from '../../core/pitch.js';
import { positionsOf } from '../../core/beats.js';
import { noteValue, impliedTuplet, type NoteValue } from '../../core/notation/note-values.js';
import { add, compare, formatRational, sub, ZERO, type Rational } from '../../core/rational.js';
import type { ChordNote, Event, Measure, Part, Score, TempoMark, Tuplet, Voice } from '../../core/score.js';

/** what the notation in the lines means, for the top of an answer */
export const MEASURE_TEXT_LEGEND =
  'Each line: m<measure> <part>[ v<voice>]: notes in order. A note is pitch:value (C#5 = C sharp above middle C; ' +
  'w h q e s t x = whole, half, quarter, eighth, 16th, 32nd, 64th; "." dotted; "/3" in a triplet, "/5:4" another tuplet; ' +
  '"3/5q" a length in quarters no value has). r rest, _ unwritten silence, [C4 E4]:q a chord, ~ tied to the next note, ^ fermata, ' +
  '"text" a lyric, grace notes as pitch:grace.';

export interface MeasureTextOptions {
  /** name each line by part id and voice, each note by its beat (@2.5) and by its id where it has one (#n12) */
  readonly ids?: boolean;
}

const VALUE_LETTERS: Readonly<Record<string, string>> = { breve: 'b', whole: 'w', half: 'h', quarter: 'q', eighth: 'e', '16th': 's', '32nd': 't', '64th': 'x' };

export interface MeasureTextWriter {
  /**
   * the lines of the measure at a position (0-based, as in part.measures), every part in turn; the first
   * measure a reader sees (`opening`) also says the meter, key and tempo in force there
   */
  lines(index: number, opening?: boolean): string[];
}

/** measureTextWriter(bwv66.6).lines(1) → ["m1 Soprano: C#5:q B4:q A4:q B4:q", "m1 Alto: …", …] */
export function measureTextWriter(score: Score, options: MeasureTextOptions = {}): MeasureTextWriter {
  const position = positionsOf(score);
  const labels = partLabels(score.parts);
  return {
    lines(index, opening = false) {
      const lines: string[] = [];
      const first = score.parts[0];
      const context = contextLine(first && opening ? inForce(first, index) : first?.measures[index], index);
      if (context) lines.push(context);
      score.parts.forEach((part, partIndex) => {
        const measure = part.measures[index];
        if (!measure) return;
        const label = options.ids ? part.id : labels[partIndex]!;
        // beats counted from the first part's measure, so every part's notes meet at the measure's numbers
        const start = first?.measures[index]?.offset ?? measure.offset;
        const beatOf = (event: Event) => position(add(start, event.offset)).beat;
        for (const voice of measure.voices) lines.push(voiceLine(measure, voice, label, options.ids ? beatOf : undefined));
        if (measure.voices.length === 0) lines.push(`m${measure.number} ${label}: (empty)`);
      });
      return lines;
    },
  };
}

/** part names as lines show them: the name, else the abbreviation, else the id; repeated names numbered */
export function partLabels(parts: readonly Part[]): string[] {
  const names = parts.map((part) => (part.name?.trim() || part.abbreviation?.trim() || part.id).replace(/\s+/g, ' '));
  return names.map((name, index) => (names.filter((other) => other === name).length > 1 ? `${name} (${index + 1})` : name));
}

/** the measure with the last meter, key and tempo written up to it, as they are in force at its start */
function inForce(part: Part, index: number): Measure | undefined {
  const measure = part.measures[index];
  if (!measure) return undefined;
  const earlier = part.measures.slice(0, index).reverse();
  const last = <T>(pick: (candidate: Measure) => readonly T[] | undefined): T[] | undefined => {
    const own = pick(measure);
    if (own?.length) return [...own];
    const found = earlier.find((candidate) => pick(candidate)?.length);
    return found ? [pick(found)!.at(-1)!] : undefined;
  };
  const times = last((candidate) => candidate.times);
  const keys = last((candidate) => candidate.keys);
  const tempos = last((candidate) => candidate.tempos);
  return { ...measure, ...(times ? { times } : {}), ...(keys ? { keys } : {}), ...(tempos ? { tempos } : {}) };
}

/** "m1 (3/4, key 1#, q=60, pickup)": what the reader needs to know before the notes of this measure */
function contextLine(measure: Measure | undefined, index: number): string | undefined {
  if (!measure) return undefined;
  const time = measure.times?.[0]?.value;
  const key = measure.keys?.[0]?.value;
  const facts = [
    time ? `${time.beats}/${time.beatType}` : '',
    key ? `key ${key.fifths === 0 ? '0' : `${Math.abs(key.fifths)}${key.fifths > 0 ? '#' : 'b'}`}${key.mode && key.mode !== 'none' ? ` ${key.mode}` : ''}` : '',
    ...(measure.clefs ?? []).map((clef) => `clef ${clef.value.sign}${clef.value.line ?? ''}${clef.staff ? ` staff ${clef.staff}` : ''}`),
    ...(measure.tempos ?? []).map((tempo) => tempoText(tempo.value)),
    ...(measure.harmonies?.length ? [`chords ${measure.harmonies.map((harmony) => harmony.value.figure).join(' ')}`] : []),
    index === 0 && measure.implicit ? 'pickup' : '',
  ].filter(Boolean);
  return facts.length > 0 ? `m${measure.number} (${facts.join(', ')})` : undefined;
}

function tempoText(tempo: TempoMark): string {
  const metronome = tempo.quarterBpm ? `q=${Math.round(tempo.quarterBpm * 100) / 100}` : '';
  return [tempo.text ? `"${tempo.text}"` : '', metronome].filter(Boolean).join(' ') || 'tempo';
}

function voiceLine(measure: Measure, voice: Voice, label: string, beatOf: ((event: Event) => number) | undefined): string {
  const several = measure.voices.length > 1 || beatOf !== undefined;
  const tokens: string[] = [];
  let reached: Rational = ZERO;
  for (const event of voice.events) {
    if (compare(event.offset, reached) > 0) tokens.push(`_:${valueText(sub(event.offset, reached))}`);
    tokens.push(eventToken(event, beatOf));
    const end = add(event.offset, event.duration);
    if (compare(end, reached) > 0) reached = end;
  }
  return `m${measure.number} ${label}${several ? ` v${voice.id}` : ''}: ${tokens.join(' ')}`;
}

/** eventToken(a dotted quarter F#4 tied on) → "F#4:q.~" */
export function eventToken(event: Event, beatOf?: (event: Event) => number): string {
  const value = event.kind !== 'rest' && event.grace ? 'grace' : event.kind === 'rest' && event.measureRest ? 'bar' : writtenValue(event);
  const sounds = event.kind === 'rest' ? (event.hidden ? '_' : 'r') : event.kind === 'note' ? noteName(event) : `[${event.notes.map(noteName).join(' ')}]`;
  const tied = event.kind === 'note' ? event.tie : event.kind === 'chord' ? event.notes.find((note) => note.tie)?.tie : undefined;
  const marks = `${tied === 'start' || tied === 'continue' ? '~' : ''}${event.fermata ? '^' : ''}`;
  const lyric = event.kind !== 'rest' && event.lyrics?.[0] ? `"${lyricText(event.lyrics[0])}"` : '';
  const where = beatOf ? `@${beatOf(event)}` : '';
  const id = idOf(event);
  return `${sounds}:${value}${marks}${lyric}${where}${id ? `#${id}` : ''}`;
}

/** an id the model carries for a part, measure or event, when it has one */
export function idOf(item: object): string | undefined {
  const id = (item as { readonly id?: unknown }).id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function noteName(note: ChordNote): string {
  if (note.unpitched) return `x${note.unpitched.instrument ? `(${note.unpitched.instrument.replace(/[\s:]+/g, '-')})` : ''}`;
  const alter = note.pitch.alter;
  // microtones: a quarter-tone alteration shown as a signed fraction
  return Number.isInteger(alter) ? pitchName(note.pitch) : `${note.pitch.step}(${alter > 0 ? '+' : ''}${alter})${note.pitch.octave}`;
}

function lyricText(lyric: { readonly text: string; readonly syllabic?: string }): string {
  const joined = lyric.syllabic === 'begin' || lyric.syllabic === 'middle' ? `${lyric.text}-` : lyric.text;
  return joined.replace(/"/g, "'");
}

/** the written value of an event: its notated type when the source gave one, else the value that lasts as long */
function writtenValue(event: Event): string {
  const written: NoteValue | undefined = event.noteType ? { type: event.noteType, dots: event.dots ?? 0 } : undefined;
  if (written && VALUE_LETTERS[written.type]) return valueCode(written, event.tuplet);
  return valueText(event.duration, event.tuplet);
}

/** valueText(3/2) → "q."; valueText(1/3) → "e/3"; valueText(5/3) → "5/3q" */
export function valueText(duration: Rational, tuplet?: Tuplet): string {
  const tupletUsed = tuplet ?? impliedTuplet(duration);
  const value = noteValue(duration, tupletUsed) ?? noteValue(duration);
  if (value && VALUE_LETTERS[value.type]) return valueCode(value, noteValue(duration, tupletUsed) ? tupletUsed : undefined);
  return `${formatRational(duration)}q`;
}

function valueCode(value: NoteValue, tuplet: Tuplet | undefined): string {
  const tupletText = tuplet ? (tuplet.normal === 2 && tuplet.actual === 3 ? '/3' : `/${tuplet.actual}:${tuplet.normal}`) : '';
  return `${VALUE_LETTERS[value.type]}${'.'.repeat(value.dots)}${tupletText}`;
}
