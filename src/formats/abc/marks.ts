/**
 * Performance marks in ABC 2.1 (§4.14 decorations, §4.11 slurs): !p! … !sfz! dynamics, !<(! !<)! !>(! !>)!
 * (and !crescendo(! …) hairpins, !ped! !ped-up! pedal, "." staccato and !tenuto! !accent! … articulations,
 * T !trill! M !mordent! P !uppermordent! !turn! ornaments, and slurs "(" … ")". A decoration binds to the
 * next note, chord or rest; a dynamic, hairpin or pedal mark is placed where it is written.
 */
import { isDynamicMark, type Articulation, type DynamicMark, type HairpinMark, type Ornament, type PedalMark, type SlurMark } from '../../core/marks.js';
import type { Rational } from '../../core/rational.js';
import type { Event, Measure, Timed } from '../../core/score.js';

const ARTICULATION_DECORATIONS: Readonly<Partial<Record<Articulation, string>>> = {
  staccato: '.', accent: '!accent!', tenuto: '!tenuto!', staccatissimo: '!wedge!', 'strong-accent': '!marcato!', 'breath-mark': '!breath!',
};
const ORNAMENT_DECORATIONS: Readonly<Partial<Record<Ornament, string>>> = {
  'trill-mark': '!trill!', mordent: '!mordent!', 'inverted-mordent': '!uppermordent!', turn: '!turn!', 'inverted-turn': '!invertedturn!',
};
const HAIRPIN_DECORATIONS: Readonly<Record<string, HairpinMark['type']>> = {
  '<(': 'crescendo', 'crescendo(': 'crescendo', '>(': 'diminuendo', 'diminuendo(': 'diminuendo',
  '<)': 'stop', 'crescendo)': 'stop', '>)': 'stop', 'diminuendo)': 'stop',
};
const PEDAL_DECORATIONS: Readonly<Record<string, PedalMark['type']>> = { ped: 'start', 'ped-up': 'stop' };

/** the decoration each mark is read from, beyond the ones it is written as */
const READ_AS: ReadonlyMap<string, Articulation | Ornament> = new Map<string, Articulation | Ornament>([
  ...Object.entries(ARTICULATION_DECORATIONS).map(([name, text]) => [text, name as Articulation] as const),
  ...Object.entries(ORNAMENT_DECORATIONS).map(([name, text]) => [text, name as Ornament] as const),
  ['!>!', 'accent'], ['!emphasis!', 'accent'], ['L', 'accent'], ['!staccato!', 'staccato'], ['T', 'trill-mark'],
  ['M', 'mordent'], ['!lowermordent!', 'mordent'], ['P', 'inverted-mordent'], ['!pralltriller!', 'inverted-mordent'],
]);
const ORNAMENT_NAMES: ReadonlySet<string> = new Set(Object.keys(ORNAMENT_DECORATIONS));

/** what a voice has read and not yet placed: marks for the next event, and a measure's dynamics, hairpins and pedal */
export interface AbcMarks {
  articulations: Articulation[];
  ornaments: Ornament[];
  slurStarts: number;
  dynamics: Timed<DynamicMark>[];
  hairpins: Timed<HairpinMark>[];
  pedals: Timed<PedalMark>[];
}

export function emptyMarks(): AbcMarks {
  return { articulations: [], ornaments: [], slurStarts: 0, dynamics: [], hairpins: [], pedals: [] };
}

/** shorthands this reader takes as decorations: . L T M P */
export const SHORTHAND_DECORATIONS: ReadonlySet<string> = new Set(['.', 'L', 'T', 'M', 'P']);

/** readDecoration(marks, "p", position) places a p; readDecoration(marks, "!accent!"'s "accent") waits for the next note */
export function readDecoration(marks: AbcMarks, decoration: string, position: Rational): void {
  if (isDynamicMark(decoration)) marks.dynamics.push({ offset: position, value: decoration });
  else if (HAIRPIN_DECORATIONS[decoration]) marks.hairpins.push({ offset: position, value: { type: HAIRPIN_DECORATIONS[decoration] } });
  else if (PEDAL_DECORATIONS[decoration]) marks.pedals.push({ offset: position, value: { type: PEDAL_DECORATIONS[decoration] } });
  else {
    const name = READ_AS.get(decoration.length === 1 ? decoration : `!${decoration}!`);
    if (name === undefined) return;
    if (ORNAMENT_NAMES.has(name)) marks.ornaments.push(name as Ornament);
    else marks.articulations.push(name as Articulation);
  }
}

/** the marks waiting for the next note, chord or rest, taken for it */
export function takeEventMarks(marks: AbcMarks): { articulations?: Articulation[]; ornaments?: Ornament[]; slurs?: SlurMark[] } {
  const taken = {
    ...(marks.articulations.length > 0 ? { articulations: [...new Set(marks.articulations)] } : {}),
    ...(marks.ornaments.length > 0 ? { ornaments: [...new Set(marks.ornaments)] } : {}),
    ...(marks.slurStarts > 0 ? { slurs: Array.from({ length: marks.slurStarts }, (): SlurMark => ({ type: 'start' })) } : {}),
  };
  marks.articulations = [];
  marks.ornaments = [];
  marks.slurStarts = 0;
  return taken;
}

/** a ")" ends a slur on the event just read */
export function closeSlur(event: Event | undefined): void {
  if (!event) return;
  const target = event as { slurs?: SlurMark[] };
  target.slurs = [...(target.slurs ?? []), { type: 'stop' }];
}

/** the measure's dynamics, hairpins and pedal marks, taken when it closes */
export function takeMeasureMarks(marks: AbcMarks | undefined): Pick<Measure, 'dynamics' | 'hairpins' | 'pedals'> {
  if (!marks) return {};
  const taken = {
    ...(marks.dynamics.length > 0 ? { dynamics: marks.dynamics } : {}),
    ...(marks.hairpins.length > 0 ? { hairpins: marks.hairpins } : {}),
    ...(marks.pedals.length > 0 ? { pedals: marks.pedals } : {}),
  };
  marks.dynamics = [];
  marks.hairpins = [];
  marks.pedals = [];
  return taken;
}

/** eventDecorations(staccato note ending a slur) → { before: ".", after: ")" } */
export function eventDecorations(event: Event): { before: string; after: string } {
  const opens = (event.slurs ?? []).filter((slur) => slur.type === 'start').length;
  const closes = (event.slurs ?? []).filter((slur) => slur.type === 'stop').length;
  const decorations = [...(event.ornaments ?? []).map((name) => ORNAMENT_DECORATIONS[name]), ...(event.articulations ?? []).map((name) => ARTICULATION_DECORATIONS[name])].filter(Boolean).join('');
  return { before: `${'('.repeat(opens)}${decorations}`, after: ')'.repeat(closes) };
}

/** measureMarkDecorations(measure) → [{ offset, text: "!p!" }, { offset, text: "!<(!" }…]: written where they stand */
export function measureMarkDecorations(measure: Measure): { offset: Rational; text: string }[] {
  const hairpin = (type: HairpinMark['type'], open: string) => (type === 'crescendo' ? '!<(!' : type === 'diminuendo' ? '!>(!' : open);
  // a stop closes the hairpin that is open: a crescendo's with "<)", a diminuendo's with ">)"; both read as a stop
  return [
    ...(measure.dynamics ?? []).map((mark) => ({ offset: mark.offset, text: `!${mark.value}!` })),
    ...(measure.hairpins ?? []).map((mark) => ({ offset: mark.offset, text: hairpin(mark.value.type, '!<)!') })),
    ...(measure.pedals ?? []).map((mark) => ({ offset: mark.offset, text: mark.value.type === 'stop' ? '!ped-up!' : '!ped!' })),
  ];
}
