/**
 * Performance marks: dynamics, hairpins and pedal placed in a measure; articulations, ornaments and slurs
 * on an event. Names are MusicXML's element names (music21 and MEI map onto them), so the formats only
 * translate spellings. Slurs and hairpins are kept as their written ends (start, stop), as MusicXML and
 * kern write them, so a score read part by part keeps a slur that crosses a barline without a pairing pass.
 */

/** the dynamics MusicXML 4.0 names (<dynamics><p/></dynamics>) */
export const DYNAMIC_MARKS = [
  'pppppp', 'ppppp', 'pppp', 'ppp', 'pp', 'p', 'mp', 'mf', 'f', 'ff', 'fff', 'ffff', 'fffff', 'ffffff',
  'sf', 'sfz', 'sffz', 'sfp', 'sfpp', 'fp', 'fz', 'rf', 'rfz', 'pf', 'sfzp', 'n',
] as const;
export type DynamicMark = (typeof DYNAMIC_MARKS)[number];

/** the articulations MusicXML 4.0 names as empty elements (<articulations><staccato/></articulations>) */
export const ARTICULATIONS = [
  'accent', 'strong-accent', 'staccato', 'tenuto', 'detached-legato', 'staccatissimo', 'spiccato',
  'scoop', 'plop', 'doit', 'falloff', 'breath-mark', 'caesura', 'stress', 'unstress', 'soft-accent',
] as const;
export type Articulation = (typeof ARTICULATIONS)[number];

/** the ornaments MusicXML 4.0 names as empty elements (<ornaments><trill-mark/></ornaments>) */
export const ORNAMENTS = [
  'trill-mark', 'turn', 'delayed-turn', 'inverted-turn', 'delayed-inverted-turn', 'vertical-turn',
  'inverted-vertical-turn', 'shake', 'mordent', 'inverted-mordent', 'schleifer', 'haydn',
] as const;
export type Ornament = (typeof ORNAMENTS)[number];

/** one end of a slur; `number` tells overlapping slurs apart (MusicXML's number, 1–16) */
export interface SlurMark {
  readonly type: 'start' | 'stop';
  readonly number?: number;
}

/** a hairpin's start (crescendo or diminuendo) or its stop, as MusicXML's <wedge> */
export interface HairpinMark {
  readonly type: 'crescendo' | 'diminuendo' | 'stop';
  readonly number?: number;
}

/** the sustain pedal pressed, released, or released and pressed again (MusicXML <pedal>) */
export interface PedalMark {
  readonly type: 'start' | 'stop' | 'change';
}

const DYNAMIC_SET: ReadonlySet<string> = new Set(DYNAMIC_MARKS);
const ARTICULATION_SET: ReadonlySet<string> = new Set(ARTICULATIONS);
const ORNAMENT_SET: ReadonlySet<string> = new Set(ORNAMENTS);

/** isDynamicMark("mf") → true; isDynamicMark("loud") → false */
export function isDynamicMark(name: string): name is DynamicMark {
  return DYNAMIC_SET.has(name);
}

/** isArticulation("staccato") → true */
export function isArticulation(name: string): name is Articulation {
  return ARTICULATION_SET.has(name);
}

/** isOrnament("trill-mark") → true */
export function isOrnament(name: string): name is Ornament {
  return ORNAMENT_SET.has(name);
}

/**
 * MIDI velocity of a dynamic level, as MuseScore's defaults space them (mf 80, f 96); undefined for a
 * mark that only accents its note (sf, fz): see `accentVelocity`.
 */
const LEVEL_VELOCITIES: Readonly<Partial<Record<DynamicMark, number>>> = {
  pppppp: 1, ppppp: 5, pppp: 10, ppp: 16, pp: 33, p: 49, mp: 64, mf: 80, f: 96, ff: 112, fff: 126, ffff: 127, fffff: 127, ffffff: 127,
  n: 1, fp: 49, sfp: 49, sfpp: 33, pf: 96, sfzp: 49,
};

/** velocity of the note a sforzando-like mark stands on (fp: loud, then soft) */
const ACCENT_VELOCITIES: Readonly<Partial<Record<DynamicMark, number>>> = {
  sf: 112, sfz: 112, sffz: 124, fz: 112, rf: 104, rfz: 108, fp: 96, sfp: 112, sfpp: 112, sfzp: 112,
};

/** levelVelocity("mf") → 80: the velocity from this mark on; undefined for sf, which leaves the level as it was */
export function levelVelocity(mark: DynamicMark): number | undefined {
  return LEVEL_VELOCITIES[mark];
}

/** accentVelocity("sf") → 112: the velocity of the notes the mark stands on; undefined for a plain level */
export function accentVelocity(mark: DynamicMark): number | undefined {
  return ACCENT_VELOCITIES[mark];
}
