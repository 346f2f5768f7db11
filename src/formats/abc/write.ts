/**
 * ABC 2.1 writer: one tune (X: T: C: M: L: Q: K:), a V: voice for every voice of every part (grouped into
 * parts with %%score), and per measure the notes with octave marks, accidentals where the bar's carry and
 * the key signature do not already give them, lengths in multiples of L:, rests, chords, ties, tuplets,
 * grace notes, fermatas, inline [K:] and [M:] changes, barlines, repeats and voltas, navigation marks as
 * decorations (!segno! !D.C.! …). Systems break at barlines, every voice at the same measure. readAbc reads
 * the text back to the same notes, barlines and marks.
 */
import { add, compare, mul, rational, sub, type Rational } from '../../core/rational.js';
import type { Clef, KeySignature, Measure, Part, Score, TimeSignature } from '../../core/score.js';
import { keyAlterations } from './key.js';
import { clefName, keyText, lengthText, meterText, tempoText } from './write-fields.js';
import { heldTies, measureText, type VoiceWriting } from './write-measure.js';

/** one ABC voice: a voice of a part, on one of its staves */
interface AbcVoice {
  readonly abcId: string;
  readonly part: Part;
  readonly voiceId: string;
  readonly staff: number;
  /** the first voice of its part */
  readonly lead: boolean;
}

const LINE_WIDTH = 72;

/** writeAbc(score) → "X:1\nT:…\nM:4/4\nL:1/8\nK:G\n…": an ABC 2.1 tune that readAbc reads back to the same notes */
export function writeAbc(score: Score): string {
  const voices = abcVoices(score);
  const unit = chooseUnit(score);
  const first = score.parts[0]?.measures[0];
  const time = first?.times?.find((entry) => entry.offset.n === 0)?.value;
  const key = first?.keys?.find((entry) => entry.offset.n === 0)?.value ?? { fifths: 0 };
  const tempo = first?.tempos?.find((entry) => entry.offset.n === 0)?.value;
  const { metadata } = score;
  const title = metadata.title ?? metadata.movementTitle ?? metadata.workTitle;
  const lines = ['X:1', ...(title ? [`T:${oneLine(title)}`] : []), ...(metadata.composer ? [`C:${oneLine(metadata.composer)}`] : [])];
  lines.push(`M:${time ? meterText(time) : 'none'}`, `L:${unit.n}/${unit.d * 4}`);
  const q = tempo ? tempoText(tempo) : undefined;
  if (q) lines.push(`Q:${q}`);
  const grouped = score.parts.some((part) => voices.filter((voice) => voice.part === part).length > 1);
  if (grouped) lines.push(`%%score ${scoreDirective(score, voices)}`);
  // chord symbols are written to be read and seen; players would add accompaniment our MIDI export does not play
  // (abc2midi 4.84 needs the switch both in the header and after K: to silence every voice)
  const silentChords = score.parts.some((part) => part.measures.some((measure) => measure.harmonies?.length)) ? ['%%MIDI gchordoff'] : [];
  lines.push(...silentChords);
  // a lone voice needs a V: line only to carry its name or clef
  for (const voice of voices) if (voices.length > 1 || voice.part.name || voiceClef(voice)) lines.push(voiceLine(voice));
  lines.push(`K:${keyText(key)}`, ...silentChords);
  lines.push(...body(voices, unit, key, time));
  return `${lines.join('\n')}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** the voices of every part, ordered by staff, then as they first appear */
function abcVoices(score: Score): AbcVoice[] {
  const voices: AbcVoice[] = [];
  for (const part of score.parts) {
    const found = new Map<string, number>();
    for (const measure of part.measures) {
      for (const voice of measure.voices) {
        if (!found.has(voice.id)) found.set(voice.id, voice.events.find((event) => event.staff !== undefined)?.staff ?? 1);
      }
    }
    if (found.size === 0) found.set('1', 1);
    const ordered = [...found].map(([voiceId, staff], order) => ({ voiceId, staff, order })).sort((a, b) => a.staff - b.staff || a.order - b.order);
    ordered.forEach(({ voiceId, staff }, index) => voices.push({ abcId: String(voices.length + 1), part, voiceId, staff, lead: index === 0 }));
  }
  return voices;
}

/** "(1 2) {(3 4) 5}": a part's voices on one staff in parentheses, a part of several staves in braces */
function scoreDirective(score: Score, voices: readonly AbcVoice[]): string {
  return score.parts.map((part) => {
    const own = voices.filter((voice) => voice.part === part);
    const staves = [...new Set(own.map((voice) => voice.staff))].map((staff) => own.filter((voice) => voice.staff === staff).map((voice) => voice.abcId));
    const staffText = staves.map((ids) => (ids.length > 1 ? `(${ids.join(' ')})` : ids[0]!));
    return staves.length > 1 ? `{${staffText.join(' ')}}` : staffText[0]!;
  }).join(' ');
}

function voiceLine(voice: AbcVoice): string {
  const name = voice.lead && voice.part.name ? ` name="${oneLine(voice.part.name).replace(/"/g, "'")}"` : '';
  const clef = voiceClef(voice);
  return `V:${voice.abcId}${name}${clef ? ` clef=${clef}` : ''}`;
}

function voiceClef(voice: AbcVoice): string | undefined {
  const clef = openingClef(voice);
  return clef ? clefName(clef) : undefined;
}

function openingClef(voice: AbcVoice): Clef | undefined {
  return voice.part.measures[0]?.clefs?.find((entry) => entry.offset.n === 0 && (entry.staff === undefined || entry.staff === voice.staff))?.value;
}

/** a treble-8 voice's notes are written an octave above their sound, as its clef shows them (ABC 2.1, abc2midi) */
function writtenOctaveShift(clef: Clef | undefined): number {
  return clef && clefName(clef) ? -(clef.octaveChange ?? 0) : 0;
}

/** the unit note length (in quarters) among 1/16, 1/8 and 1/4 that writes the score in the fewest characters */
function chooseUnit(score: Score): Rational {
  const candidates = [rational(1, 2), rational(1, 4), rational(1)];
  const costs = candidates.map(() => 0);
  for (const part of score.parts) {
    for (const measure of part.measures) {
      for (const voice of measure.voices) {
        for (const event of voice.events) {
          if (event.duration.n === 0) continue;
          const written = event.tuplet ? mul(event.duration, rational(event.tuplet.actual, event.tuplet.normal)) : event.duration;
          candidates.forEach((unit, index) => {
            costs[index]! += lengthText(written, unit).length;
          });
        }
      }
    }
  }
  const best = costs.indexOf(Math.min(...costs));
  return candidates[best]!;
}

/** every voice's measures, broken into systems at the same barlines, each system a line per voice */
function body(voices: readonly AbcVoice[], unit: Rational, key: KeySignature, time: TimeSignature | undefined): string[] {
  const texts = voices.map((voice) => voiceMeasures(voice, unit, key, time));
  const multi = voices.length > 1;
  const count = Math.max(0, ...texts.map((measures) => measures.length));
  const lines: string[] = [];
  let start = 0;
  while (start < count) {
    let end = start + 1;
    const width = (from: number, to: number) => Math.max(...texts.map((measures) => measures.slice(from, to).map((measure) => measure.music).join(' ').length));
    while (end < count && width(start, end + 1) <= LINE_WIDTH) end++;
    texts.forEach((measures, index) => {
      const system = measures.slice(start, end);
      const line = system.map((measure) => measure.music).join(' ');
      if (line) lines.push(multi ? `[V:${voices[index]!.abcId}] ${line}` : line);
      // w: follows its music line; "|" moves the words on to the next bar
      if (line && system.some((measure) => measure.lyrics)) lines.push(`w:${system.map((measure) => measure.lyrics ?? '').join(' | ')}`);
    });
    start = end;
  }
  return lines;
}

/** each measure of a voice: its music with the barline, and its w: syllables when the voice has lyrics */
function voiceMeasures(voice: AbcVoice, unit: Rational, key: KeySignature, time: TimeSignature | undefined): { music: string; lyrics?: string | undefined }[] {
  const measures = voice.part.measures;
  const timeline = measures.flatMap((measure) => (measure.voices.find((entry) => entry.id === voice.voiceId)?.events ?? []).map((event) => ({ start: add(measure.offset, event.offset), event })));
  const ties = heldTies(timeline);
  const verse = timeline.flatMap(({ event }) => (event.kind !== 'rest' ? event.lyrics ?? [] : []))[0]?.number ?? (timeline.some(({ event }) => event.kind !== 'rest' && event.lyrics?.length) ? '1' : undefined);
  const writing: VoiceWriting = { abcId: voice.abcId, unit, key, keyAlters: keyAlterations(key.fifths, {}), time, staff: voice.staff, writesNavigation: voice.lead, barAlters: new Map(), octaveShift: writtenOctaveShift(openingClef(voice)), ties, ...(verse !== undefined ? { verse } : {}), syllables: [] };
  return measures.map((measure, index) => {
    const events = measure.voices.find((entry) => entry.id === voice.voiceId)?.events ?? [];
    const opening = openingMarks(measure, index === 0);
    const next = measures[index + 1];
    // the next measure's start, not this one's duration, keeps onsets where they were if a voice overran the bar
    const length = next && compare(next.offset, measure.offset) >= 0 ? sub(next.offset, measure.offset) : measure.duration;
    const music = `${opening}${measureText(measure, index, length, events, writing)}${barlineAfter(measure, next)}`;
    return { music, lyrics: verse === undefined ? undefined : joinSyllables(writing.syllables) };
  });
}

/** joinSyllables(["Ky-", "ri-", "e", "*"]) → "Ky-ri-e *": a hyphen already parts two syllables */
function joinSyllables(syllables: readonly string[]): string {
  return syllables.map((syllable, index) => (index === syllables.length - 1 || syllable.endsWith('-') ? syllable : `${syllable} `)).join('');
}

/** the volta "[1 " that opens a measure, and "|:" before it on the first measure */
function openingMarks(measure: Measure, first: boolean): string {
  const forward = first && measure.barlines?.some((entry) => entry.location === 'left' && entry.repeat === 'forward');
  const ending = measure.barlines?.find((entry) => entry.location === 'left' && entry.ending?.type === 'start')?.ending;
  return `${forward ? '|:' : ''}${ending ? `[${ending.numbers.join(',')} ` : ''}`;
}

/** the barline that ends `measure`, joined with a forward repeat that opens `next`: "|", ":|", "|:", "::", "|]", "||", "[|", "||:", "|]|:" */
function barlineAfter(measure: Measure, next: Measure | undefined): string {
  const right = measure.barlines?.find((barline) => barline.location === 'right');
  const style = right?.repeat === 'backward' ? ':|' : right?.style === 'light-heavy' ? '|]' : right?.style === 'light-light' ? '||' : right?.style === 'heavy-light' ? '[|' : '|';
  if (!next?.barlines?.some((entry) => entry.location === 'left' && entry.repeat === 'forward')) return style;
  return style === ':|' ? '::' : style === '||' ? '||:' : style === '|]' ? '|]|:' : '|:';
}
