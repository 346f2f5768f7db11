/** <attributes>, <direction> tempo marks and <barline>: the non-note content of a measure. */
import type { Barline, Clef, ClefSign, KeyMode, KeySignature, TempoMark, TimeSignature, Transposition } from '../../core/score.js';
import { staffTuning } from './tablature.js';
import { attribute, child, childText, type XmlElement } from './xml-scanner.js';

export interface StaffScoped<T> {
  /** 1-based staff the element applies to; undefined for all staves */
  readonly staff?: number;
  readonly value: T;
}

export interface ParsedAttributes {
  divisions?: number;
  staves?: number;
  keys: StaffScoped<KeySignature>[];
  times: StaffScoped<TimeSignature>[];
  clefs: StaffScoped<Clef>[];
  transposition?: Transposition;
  /** a tablature staff's strings as MIDI keys, lowest first (<staff-details><staff-tuning>) */
  tuning?: number[];
  /** key elements that could not be understood (non-traditional keys) */
  skipped: string[];
}

const KEY_MODES: ReadonlySet<string> = new Set([
  'major', 'minor', 'dorian', 'phrygian', 'lydian', 'mixolydian', 'aeolian', 'ionian', 'locrian', 'none',
]);
const CLEF_SIGNS: ReadonlySet<string> = new Set(['G', 'F', 'C', 'percussion', 'TAB', 'none']);
const TIME_SYMBOLS: ReadonlySet<string> = new Set(['common', 'cut', 'single-number', 'normal', 'note', 'dotted-note']);

/** parseAttributes(<attributes><divisions>2</divisions><key><fifths>1</fifths></key>…) */
export function parseAttributes(element: XmlElement): ParsedAttributes {
  const parsed: ParsedAttributes = { keys: [], times: [], clefs: [], skipped: [] };
  for (const item of element.children) {
    switch (item.name) {
      case 'divisions':
        parsed.divisions = Number(item.text);
        break;
      case 'staves':
        parsed.staves = Number(item.text);
        break;
      case 'key': {
        const key = parseKey(item);
        if (key) parsed.keys.push(scoped(item, key));
        else parsed.skipped.push('a non-traditional key signature');
        break;
      }
      case 'time': {
        const time = parseTime(item);
        if (time) parsed.times.push(scoped(item, time));
        break;
      }
      case 'clef':
        parsed.clefs.push(scoped(item, parseClef(item)));
        break;
      case 'staff-details': {
        const tuning = staffTuning(item);
        if (tuning) parsed.tuning = tuning;
        break;
      }
      case 'transpose':
        parsed.transposition = {
          diatonic: Number(childText(item, 'diatonic') ?? 0) || 0,
          chromatic: Number(childText(item, 'chromatic') ?? 0) || 0,
          octaveChange: Number(childText(item, 'octave-change') ?? 0) || 0,
        };
        break;
    }
  }
  return parsed;
}

function scoped<T>(element: XmlElement, value: T): StaffScoped<T> {
  const staff = Number(attribute(element, 'number'));
  return Number.isInteger(staff) && staff > 0 ? { staff, value } : { value };
}

function parseKey(element: XmlElement): KeySignature | undefined {
  const fifths = Number(childText(element, 'fifths'));
  if (!Number.isInteger(fifths)) return undefined;
  const mode = childText(element, 'mode');
  return mode !== undefined && KEY_MODES.has(mode) ? { fifths, mode: mode as KeyMode } : { fifths };
}

function parseTime(element: XmlElement): TimeSignature | undefined {
  const beats = childText(element, 'beats');
  const beatType = Number(childText(element, 'beat-type'));
  if (beats === undefined || !(beatType > 0)) return undefined;
  const symbol = attribute(element, 'symbol');
  return symbol !== undefined && TIME_SYMBOLS.has(symbol)
    ? { beats, beatType, symbol: symbol as TimeSignature['symbol'] }
    : { beats, beatType };
}

function parseClef(element: XmlElement): Clef {
  const sign = childText(element, 'sign') ?? 'G';
  const line = Number(childText(element, 'line'));
  const octaveChange = Number(childText(element, 'clef-octave-change'));
  return {
    sign: (CLEF_SIGNS.has(sign) ? sign : 'none') as ClefSign,
    ...(Number.isInteger(line) && line > 0 ? { line } : {}),
    ...(Number.isInteger(octaveChange) && octaveChange !== 0 ? { octaveChange } : {}),
  };
}

const BEAT_UNIT_QUARTERS: Readonly<Record<string, number>> = {
  long: 16, breve: 8, whole: 4, half: 2, quarter: 1, eighth: 0.5, '16th': 0.25, '32nd': 0.125,
};

/** parseTempo(<direction> with <metronome> or <sound tempo>) → a tempo mark, or undefined */
export function parseTempo(direction: XmlElement): TempoMark | undefined {
  let mark: Record<string, unknown> = {};
  for (const directionType of direction.children) {
    if (directionType.name !== 'direction-type') continue;
    const metronome = child(directionType, 'metronome');
    const words = childText(directionType, 'words');
    if (words) mark.text = words;
    if (metronome) mark = { ...mark, ...readMetronome(metronome) };
  }
  const sound = child(direction, 'sound');
  const soundTempo = sound ? Number(attribute(sound, 'tempo')) : NaN;
  if (soundTempo > 0) mark.quarterBpm = soundTempo;
  return mark.quarterBpm !== undefined || mark.perMinute !== undefined ? (mark as TempoMark) : undefined;
}

function readMetronome(metronome: XmlElement): Record<string, unknown> {
  const beatUnit = childText(metronome, 'beat-unit');
  const perMinute = Number(childText(metronome, 'per-minute'));
  const dots = metronome.children.filter((element) => element.name === 'beat-unit-dot').length;
  if (beatUnit === undefined || !(perMinute > 0)) return {};
  const unitQuarters = BEAT_UNIT_QUARTERS[beatUnit];
  const dotted = unitQuarters === undefined ? undefined : unitQuarters * (2 - 1 / 2 ** dots);
  return {
    beatUnit,
    ...(dots > 0 ? { beatUnitDots: dots } : {}),
    perMinute,
    ...(dotted !== undefined ? { quarterBpm: perMinute * dotted } : {}),
  };
}

/** parseBarline(<barline location="right"><repeat direction="backward"/></barline>) */
export function parseBarline(element: XmlElement): Barline {
  const location = attribute(element, 'location');
  const repeat = child(element, 'repeat');
  const direction = repeat ? attribute(repeat, 'direction') : undefined;
  const times = repeat ? Number(attribute(repeat, 'times')) : NaN;
  const ending = child(element, 'ending');
  const endingType = ending ? attribute(ending, 'type') : undefined;
  const style = childText(element, 'bar-style');
  return {
    location: location === 'left' || location === 'middle' ? location : 'right',
    ...(style ? { style } : {}),
    ...(direction === 'forward' || direction === 'backward' ? { repeat: direction } : {}),
    ...(Number.isInteger(times) && times > 0 ? { times } : {}),
    ...(ending && (endingType === 'start' || endingType === 'stop' || endingType === 'discontinue')
      ? { ending: { numbers: endingNumbers(attribute(ending, 'number')), type: endingType } }
      : {}),
  };
}

function endingNumbers(text: string | undefined): number[] {
  return (text ?? '').split(/[\s,]+/).map(Number).filter((value) => Number.isInteger(value) && value > 0);
}
