/**
 * A score as compact text for a model to read: one line per voice per measure, each note as
 * pitch:value ("C#5:q", "[C4 E4 G4]:h.", "r:e"), the meter, key, clef and tempo written where they
 * change. Lines name their measure as printed, so a reader can quote them back ("m12 Alto: …").
 */
import { positionsOf } from '../../core/beats.js';
import { eventToken, valueText } from '../../core/event-text.js';
import { add, compare, sub, ZERO, type Rational } from '../../core/rational.js';
import type { Event, KeySignature, Measure, Part, Score, TempoMark, Voice } from '../../core/score.js';

/** what the notation in the lines means, for the top of an answer */
export const MEASURE_TEXT_LEGEND =
  'Each line: m<measure> <part>[ v<voice>]: notes in order. A note is pitch:value (C#5 = C sharp above middle C; ' +
  'w h q e s t x = whole, half, quarter, eighth, 16th, 32nd, 64th; "." dotted; "/3" in a triplet, "/5:4" another tuplet; ' +
  '"3/5q" a length in quarters no value has). r rest (r:bar a whole-measure rest), _ unwritten silence, [C4 E4]:q a chord, ~ tied to the next note, ^ fermata, ' +
  '"text" a lyric, grace notes as pitch:grace.';

export interface MeasureTextOptions {
  /** name each line by part id and voice, each note by its beat (@2.5, thirds as @1.33) and by its id where it has one (#n12) */
  readonly ids?: boolean;
}

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
        const beatOf = (event: Event) => Math.round(position(add(start, event.offset)).beat * 100) / 100;
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
    key ? keyText(key) : '',
    ...(measure.clefs ?? []).map((clef) => `clef ${clef.value.sign}${clef.value.line ?? ''}${clef.staff ? ` staff ${clef.staff}` : ''}`),
    ...(measure.tempos ?? []).map((tempo) => tempoText(tempo.value)),
    ...(measure.harmonies?.length ? [`chords ${measure.harmonies.map((harmony) => harmony.value.figure).join(' ')}`] : []),
    index === 0 && measure.implicit ? 'pickup' : '',
  ].filter(Boolean);
  return facts.length > 0 ? `m${measure.number} (${facts.join(', ')})` : undefined;
}

/** tonics along the line of fifths, Cb (-7) … A# (+10): a major key's at fifths + 7, a minor key's three further */
const TONICS = ['Cb', 'Gb', 'Db', 'Ab', 'Eb', 'Bb', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#', 'G#', 'D#', 'A#'];

/** keyText({ fifths: 3, mode: "minor" }) → "key 3# (F# minor)"; without a mode → "key 3# (A major / F# minor)" */
function keyText(key: KeySignature): string {
  const signature = key.fifths === 0 ? '0' : `${Math.abs(key.fifths)}${key.fifths > 0 ? '#' : 'b'}`;
  const [major, minor] = [TONICS[key.fifths + 7], TONICS[key.fifths + 10]];
  if (!major || !minor) return `key ${signature}`;
  if (key.mode === 'major' || key.mode === 'ionian') return `key ${signature} (${major} major)`;
  if (key.mode === 'minor' || key.mode === 'aeolian') return `key ${signature} (${minor} minor)`;
  return `key ${signature} (${key.mode && key.mode !== 'none' ? key.mode : `${major} major / ${minor} minor`})`;
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
    tokens.push(eventToken(event, { beatOf, withId: beatOf !== undefined }));
    const end = add(event.offset, event.duration);
    if (compare(end, reached) > 0) reached = end;
  }
  return `m${measure.number} ${label}${several ? ` v${voice.id}` : ''}: ${tokens.join(' ')}`;
}

