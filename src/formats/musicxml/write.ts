/**
 * MusicXML 4.0 writer (partwise): metadata, part list, and per measure the attributes (divisions chosen
 * so every duration is a whole number of them, keys, meters, clefs, staves, transposition), tempo
 * directions, chord symbols, barlines with repeats and endings, da capo / dal segno / fine / coda marks,
 * and the voices one after another with <backup>/<forward>, chords with <chord/>, ties, tuplets, grace
 * notes, lyrics, fermatas, and the performance marks (dynamics, hairpins, pedal, articulations, ornaments, slurs).
 */
import type { ShownAccidental } from '../../core/notation/accidentals.js';
import { noteValue } from '../../core/notation/note-values.js';
import { restatedKeys } from '../../core/notation/key-changes.js';
import { engravePart, eventEngraving, type EventEngraving, type PartEngraving } from '../../core/notation/engrave.js';
import { add, compare, max, mul, rational, sub, toNumber, type Rational } from '../../core/rational.js';
import type { Barline, ChordNote, ChordSymbol, Clef, Event, KeySignature, Measure, Part, Score, TempoMark, Timed, TimeSignature, Transposition } from '../../core/score.js';
import { writeDynamic, writeHairpin, writeNoteMarks, writePedal } from './marks.js';
import { writeNavigation } from './navigation.js';
import type { PlacedXml } from './numerals.js';
import { percussionKit, type PercussionKit } from './percussion-kit.js';

const KIND_NAMES: Readonly<Record<string, string>> = { 'dominant-seventh': 'dominant', 'minor-major-seventh': 'major-minor', 'half-diminished-seventh': 'half-diminished' };

/** the <kind> values the MusicXML 4.0 schema allows; any other kind is written as "other", its name kept as text */
const SCHEMA_KINDS: ReadonlySet<string> = new Set([
  'major', 'minor', 'augmented', 'diminished', 'dominant', 'major-seventh', 'minor-seventh', 'diminished-seventh', 'augmented-seventh',
  'half-diminished', 'major-minor', 'major-sixth', 'minor-sixth', 'dominant-ninth', 'major-ninth', 'minor-ninth', 'dominant-11th',
  'major-11th', 'minor-11th', 'dominant-13th', 'major-13th', 'minor-13th', 'suspended-second', 'suspended-fourth', 'Neapolitan',
  'Italian', 'French', 'German', 'pedal', 'power', 'Tristan', 'other', 'none',
]);

export interface MusicXmlOptions {
  /** more to write in some measures (an analysis: see numerals.ts), placed by offset among the directions */
  readonly annotations?: ReadonlyMap<Measure, readonly PlacedXml[]>;
}

/** writeMusicXml(score) → MusicXML text that readMusicXml reads back to the same notes */
export function writeMusicXml(score: Score, options: MusicXmlOptions = {}): string {
  const annotations = options.annotations ?? new Map<Measure, readonly PlacedXml[]>();
  const kits = score.parts.map(percussionKit);
  const restated = restatedKeys(score);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 4.0 Partwise//EN" "http://www.musicxml.org/dtds/partwise.dtd">',
    '<score-partwise version="4.0">',
    ...header(score),
    '<part-list>',
    ...score.parts.map((part, index) => scorePart(part, kits[index]!)),
    '</part-list>',
    ...score.parts.map((part, index) => writePart(part, kits[index]!, restated, annotations)),
    '</score-partwise>',
  ];
  return `${lines.join('\n')}\n`;
}

/** ` id="P1-m3"` for an element that has an id, else nothing */
function idAttribute(id: string | undefined): string {
  return id === undefined ? '' : ` id="${escape(id)}"`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function element(name: string, value: string | number | undefined): string {
  return value === undefined ? '' : `<${name}>${escape(String(value))}</${name}>`;
}

function header(score: Score): string[] {
  const { metadata } = score;
  // the reader takes the work title, else the movement title, as the title: write it where it comes back
  const workTitle = metadata.workTitle ?? (metadata.title !== metadata.movementTitle ? metadata.title : undefined);
  const work = workTitle || metadata.workNumber ? [`<work>${element('work-number', metadata.workNumber)}${element('work-title', workTitle)}</work>`] : [];
  const movement = [element('movement-number', metadata.movementNumber), element('movement-title', metadata.movementTitle)].filter(Boolean);
  const creators = [
    metadata.composer ? `<creator type="composer">${escape(metadata.composer)}</creator>` : '',
    metadata.lyricist ? `<creator type="lyricist">${escape(metadata.lyricist)}</creator>` : '',
  ].join('');
  return [...work, ...movement, `<identification>${creators}${element('rights', metadata.rights)}<encoding><software>Cadenza</software></encoding></identification>`];
}

function scorePart(part: Part, kit: PercussionKit): string {
  const instrument = part.instrument;
  const scoreInstrument = instrument?.name ? `<score-instrument id="${escape(part.id)}-I1">${element('instrument-name', instrument.name)}</score-instrument>` : '';
  const midi = instrument && (instrument.midiChannel || instrument.midiProgram || instrument.midiUnpitched)
    ? `<midi-instrument id="${escape(part.id)}-I1">${element('midi-channel', instrument.midiChannel)}${element('midi-program', validProgram(instrument.midiProgram))}${element('midi-unpitched', instrument.midiUnpitched)}</midi-instrument>`
    : '';
  const drums = kit.instruments.map(({ id, unpitched }) => `<score-instrument id="${escape(id)}">${element('instrument-name', unpitched.instrument ?? `Percussion ${unpitched.midiKey}`)}</score-instrument>`).join('');
  const drumKeys = kit.instruments.map(({ id, unpitched }) => (unpitched.midiKey === undefined ? '' : `<midi-instrument id="${escape(id)}"><midi-channel>10</midi-channel><midi-unpitched>${unpitched.midiKey + 1}</midi-unpitched></midi-instrument>`)).join('');
  return `<score-part id="${escape(part.id)}">${element('part-name', part.name ?? '')}${element('part-abbreviation', part.abbreviation)}${scoreInstrument}${drums}${midi}${drumKeys}</score-part>`;
}

/** General MIDI programs are 1–128; a file that said 0 (or more than 128) gets none rather than an invalid one */
function validProgram(program: number | undefined): number | undefined {
  return program !== undefined && program >= 1 && program <= 128 ? program : undefined;
}

/** the smallest number of divisions per quarter that makes every offset and duration in the part whole */
function divisionsFor(part: Part, annotations: ReadonlyMap<Measure, readonly PlacedXml[]>): number {
  let divisions = 1;
  const include = (value: Rational) => {
    divisions = (divisions * value.d) / gcd(divisions, value.d);
  };
  for (const measure of part.measures) {
    for (const timed of [...(measure.harmonies ?? []), ...(measure.tempos ?? []), ...(measure.navigation ?? []), ...(annotations.get(measure) ?? []), ...performanceMarks(measure)]) include(timed.offset);
    for (const voice of measure.voices) {
      for (const event of voice.events) {
        include(event.offset);
        include(event.duration);
      }
    }
  }
  return divisions;
}

function performanceMarks(measure: Measure): readonly { readonly offset: Rational }[] {
  return [...(measure.dynamics ?? []), ...(measure.hairpins ?? []), ...(measure.pedals ?? [])];
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function writePart(part: Part, kit: PercussionKit, restated: ReadonlyMap<Measure, KeySignature>, annotations: ReadonlyMap<Measure, readonly PlacedXml[]>): string {
  const divisions = divisionsFor(part, annotations);
  // what the source may not say (types, beams, accidentals shown, a clef) decided once for the part
  const engraving = engravePart(part);
  const measures = part.measures.map((measure, index) => writeMeasure(measure, index === 0 ? { divisions, part, engraving } : undefined, divisions, engraving, kit, restated.get(measure), annotations.get(measure)));
  return [`<part id="${escape(part.id)}">`, ...measures, '</part>'].join('\n');
}

interface FirstMeasure {
  readonly divisions: number;
  readonly part: Part;
  readonly engraving: PartEngraving;
}

function writeMeasure(measure: Measure, first: FirstMeasure | undefined, divisions: number, engraving: PartEngraving, kit: PercussionKit, restatedKey?: KeySignature, annotations: readonly PlacedXml[] = []): string {
  const units = (value: Rational) => Math.round(toNumber(mul(value, rational(divisions))));
  const parts: string[] = [`<measure number="${escape(measure.number)}"${idAttribute(measure.id)}${measure.implicit ? ' implicit="yes"' : ''}>`];
  const left = measure.barlines?.filter((barline) => barline.location === 'left') ?? [];
  parts.push(...left.map(writeBarline));
  const attributes = writeAttributes(measure, first, restatedKey);
  if (attributes) parts.push(attributes);
  let position: Rational = rational(0);
  // a bar whose voices all stop short (a MIDI import's silence at a fermata) keeps its length: verovio drops a
  // trailing <forward>, so the first voice ends with a rest
  const reached = measure.voices.reduce((furthest, voice) => voice.events.reduce((end, event) => max(end, add(event.offset, event.duration)), furthest), rational(0));
  measure.voices.forEach((voice, index) => {
    if (index > 0 && position.n > 0) parts.push(`<backup>${element('duration', units(position))}</backup>`);
    position = rational(0);
    for (const event of voice.events) {
      if (compare(event.offset, position) > 0) parts.push(`<forward>${element('duration', units(sub(event.offset, position)))}${element('voice', voice.id)}</forward>`);
      parts.push(...writeEvent(event, voice.id, units, eventEngraving(engraving, event), kit));
      if (compare(event.offset, position) >= 0) position = add(event.offset, event.duration);
    }
    if (index === 0 && compare(reached, measure.duration) < 0) {
      parts.push(fillingRest(sub(measure.duration, position), voice.id, units));
      position = measure.duration;
    }
  });
  // directions and chord symbols take no time: step back (or on) to each one's place and write it there
  const placed = [
    ...(measure.tempos ?? []).map((tempo) => ({ offset: tempo.offset, text: writeTempo(tempo) })),
    ...(measure.harmonies ?? []).map((harmony) => ({ offset: harmony.offset, text: writeHarmony(harmony) })),
    ...(measure.navigation ?? []).map((mark) => ({ offset: mark.offset, text: writeNavigation(mark, escape) })),
    ...annotations.map((mark) => ({ offset: mark.offset, text: mark.xml })),
    ...(measure.dynamics ?? []).map((mark) => ({ offset: mark.offset, text: writeDynamic(mark) })),
    ...(measure.hairpins ?? []).map((mark) => ({ offset: mark.offset, text: writeHairpin(mark) })),
    ...(measure.pedals ?? []).map((mark) => ({ offset: mark.offset, text: writePedal(mark) })),
  ].sort((a, b) => compare(a.offset, b.offset));
  for (const { offset, text } of placed) {
    if (compare(position, offset) > 0) parts.push(`<backup>${element('duration', units(sub(position, offset)))}</backup>`);
    if (compare(position, offset) < 0) parts.push(`<forward>${element('duration', units(sub(offset, position)))}</forward>`);
    parts.push(text);
    position = offset;
  }
  const right = measure.barlines?.filter((barline) => barline.location !== 'left') ?? [];
  parts.push(...right.map(writeBarline), '</measure>');
  return parts.join('\n');
}

function writeAttributes(measure: Measure, first: FirstMeasure | undefined, restatedKey: KeySignature | undefined): string | undefined {
  const inferred = (first?.engraving.clefs ?? []).flatMap((clef, index) => (clef ? [{ offset: rational(0), value: clef, ...(first!.part.staffCount > 1 ? { staff: index + 1 } : {}) }] : []));
  const content = [
    first ? element('divisions', first.divisions) : '',
    ...[...(measure.keys ?? []).filter((key) => key.offset.n === 0), ...(restatedKey ? [{ offset: rational(0), value: restatedKey }] : [])].map(writeKey),
    ...(measure.times ?? []).filter((time) => time.offset.n === 0).map(writeTime),
    first && first.part.staffCount > 1 ? element('staves', first.part.staffCount) : '',
    ...[...(measure.clefs ?? []).filter((clef) => clef.offset.n === 0), ...inferred].map(writeClef),
    ...(measure.transpositions ?? []).filter((entry) => entry.offset.n === 0).map(writeTranspose),
  ].join('');
  return content ? `<attributes>${content}</attributes>` : undefined;
}

function staffNumber(timed: { staff?: number }): string {
  return timed.staff ? ` number="${timed.staff}"` : '';
}

function writeKey(key: Timed<KeySignature>): string {
  return `<key${staffNumber(key)}>${element('fifths', key.value.fifths)}${element('mode', key.value.mode)}</key>`;
}

function writeTime(time: Timed<TimeSignature>): string {
  const symbol = time.value.symbol ? ` symbol="${time.value.symbol}"` : '';
  return `<time${staffNumber(time)}${symbol}>${element('beats', time.value.beats)}${element('beat-type', time.value.beatType)}</time>`;
}

function writeClef(clef: Timed<Clef>): string {
  return `<clef${staffNumber(clef)}>${element('sign', clef.value.sign)}${element('line', clef.value.line)}${element('clef-octave-change', clef.value.octaveChange)}</clef>`;
}

function writeTranspose(entry: Timed<Transposition>): string {
  const { diatonic, chromatic, octaveChange } = entry.value;
  return `<transpose>${element('diatonic', diatonic)}${element('chromatic', chromatic)}${octaveChange ? element('octave-change', octaveChange) : ''}</transpose>`;
}

function writeTempo(tempo: Timed<TempoMark>): string {
  const mark = tempo.value;
  const metronome = mark.beatUnit && mark.perMinute
    ? `<direction-type><metronome>${element('beat-unit', mark.beatUnit)}${'<beat-unit-dot/>'.repeat(mark.beatUnitDots ?? 0)}${element('per-minute', mark.perMinute)}</metronome></direction-type>`
    : '';
  const words = mark.text ? `<direction-type>${element('words', mark.text)}</direction-type>` : '';
  const sound = mark.quarterBpm ? `<sound tempo="${mark.quarterBpm}"/>` : '';
  return `<direction placement="above">${metronome || words || '<direction-type><words/></direction-type>'}${metronome ? words : ''}${sound}</direction>`;
}

function writeHarmony(harmony: Timed<ChordSymbol>): string {
  const symbol = harmony.value;
  const named = KIND_NAMES[symbol.kind] ?? symbol.kind;
  const kind = SCHEMA_KINDS.has(named) ? named : 'other';
  const text = symbol.kindText ?? (kind === named ? undefined : named);
  const kindText = text !== undefined ? ` text="${escape(text)}"` : '';
  const bass = symbol.bass ? `<bass>${element('bass-step', symbol.bass.step)}${symbol.bass.alter ? element('bass-alter', symbol.bass.alter) : ''}</bass>` : '';
  const degrees = (symbol.degrees ?? []).map((degree) => `<degree>${element('degree-value', degree.value)}${element('degree-alter', degree.alter)}${element('degree-type', degree.type)}</degree>`).join('');
  return `<harmony><root>${element('root-step', symbol.root.step)}${symbol.root.alter ? element('root-alter', symbol.root.alter) : ''}</root><kind${kindText}>${escape(kind)}</kind>${element('inversion', symbol.inversion)}${bass}${degrees}</harmony>`;
}

function writeBarline(barline: Barline): string {
  const ending = barline.ending ? `<ending number="${barline.ending.numbers.join(', ')}" type="${barline.ending.type}"/>` : '';
  const repeat = barline.repeat ? `<repeat direction="${barline.repeat}"${barline.times ? ` times="${barline.times}"` : ''}/>` : '';
  return `<barline location="${barline.location}">${element('bar-style', barline.style)}${ending}${repeat}</barline>`;
}

function writeEvent(event: Event, voice: string, units: (value: Rational) => number, engraving: EventEngraving, kit: PercussionKit): string[] {
  const common = (member: number, body: string, tie?: string, instrument?: string, id?: string) => {
    const grace = event.kind !== 'rest' && event.grace ? `<grace${event.grace.slash ? ' slash="yes"' : ''}/>` : '';
    const duration = event.kind !== 'rest' && event.grace ? '' : element('duration', units(event.duration));
    const ties = tie ? tieElements(tie) : '';
    const value = engraving.measureRest ? undefined : engraving.value;
    const type = element('type', value?.type);
    const dots = '<dot/>'.repeat(value?.dots ?? 0);
    const accidental = writeAccidental(engraving.accidentals[member]);
    const { tuplet } = engraving;
    const timeModification = tuplet ? `<time-modification>${element('actual-notes', tuplet.actual)}${element('normal-notes', tuplet.normal)}</time-modification>` : '';
    const stem = element('stem', engraving.stem);
    const staff = element('staff', event.staff);
    // beams and tuplet brackets belong to the chord, written once on its first note
    const beams = member === 0 ? engraving.beams.map((state, level) => `<beam number="${level + 1}">${state}</beam>`).join('') : '';
    const bracket = member === 0 ? tupletNotations(engraving) : '';
    const notations = [tie ? tiedElements(tie) : '', bracket, event.fermata ? '<fermata/>' : '', member === 0 ? writeNoteMarks(event) : ''].join('');
    const lyrics = member === 0 && event.kind !== 'rest' ? (event.lyrics ?? []).map((lyric) => `<lyric${lyric.number ? ` number="${escape(lyric.number)}"` : ''}>${element('syllabic', lyric.syllabic)}${element('text', lyric.text)}</lyric>`).join('') : '';
    const hidden = event.kind === 'rest' && event.hidden ? ' print-object="no"' : '';
    const plays = instrument === undefined ? '' : `<instrument id="${escape(instrument)}"/>`;
    return `<note${idAttribute(id)}${hidden}>${grace}${member > 0 ? '<chord/>' : ''}${body}${duration}${ties}${plays}${element('voice', voice)}${type}${dots}${accidental}${timeModification}${stem}${staff}${beams}${notations ? `<notations>${notations}</notations>` : ''}${lyrics}</note>`;
  };
  if (event.kind === 'rest') return [common(0, `<rest${engraving.measureRest || event.measureRest ? ' measure="yes"' : ''}/>`, undefined, undefined, event.id)];
  const members: readonly ChordNote[] = event.kind === 'note' ? [event] : event.notes;
  // a chord's first <note> carries the chord's id, the others their own (formats/musicxml/measure.ts reads them so)
  return members.map((member, index) => common(index, pitchElement(member), member.tie, member.unpitched && kit.idOf(member.unpitched), index === 0 ? event.id : member.id));
}

/** <pitch>, or for unpitched percussion <unpitched> with the staff position it is drawn at */
function pitchElement({ pitch, unpitched }: ChordNote): string {
  if (unpitched) return `<unpitched>${element('display-step', pitch.step)}${element('display-octave', pitch.octave)}</unpitched>`;
  return `<pitch>${element('step', pitch.step)}${pitch.alter ? element('alter', pitch.alter) : ''}${element('octave', pitch.octave)}</pitch>`;
}

/** a rest of the given length: drawn when one value lasts it, else hidden */
function fillingRest(length: Rational, voice: string, units: (value: Rational) => number): string {
  const value = noteValue(length);
  const type = value ? `${element('type', value.type)}${'<dot/>'.repeat(value.dots)}` : '';
  return `<note${value ? '' : ' print-object="no"'}><rest/>${element('duration', units(length))}${element('voice', voice)}${type}</note>`;
}

function writeAccidental(shown: ShownAccidental | undefined): string {
  return shown ? `<accidental${shown.cautionary ? ' cautionary="yes"' : ''}>${shown.sign}</accidental>` : '';
}

function tupletNotations({ tuplet, tupletBracket }: EventEngraving): string {
  if (!tuplet || !tupletBracket) return '';
  const start = tupletBracket.start ? '<tuplet type="start" bracket="yes"/>' : '';
  return `${start}${tupletBracket.stop ? '<tuplet type="stop"/>' : ''}`;
}

function tieElements(tie: string): string {
  return tie === 'continue' ? '<tie type="stop"/><tie type="start"/>' : `<tie type="${tie}"/>`;
}

function tiedElements(tie: string): string {
  return tie === 'continue' ? '<tied type="stop"/><tied type="start"/>' : `<tied type="${tie}"/>`;
}
