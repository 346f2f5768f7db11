/**
 * ABC bar lines, repeats and endings (ABC 2.1 §4.8–4.10) and navigation decorations (§4.14) into the
 * model's barlines and navigation marks, placed as the MusicXML reader places them: a forward repeat and
 * an ending's start on the left of the measure they open, a backward repeat and an ending's stop on the
 * right of the measure they close. An ending ("|1", ":|2", "[1,3", "[1-3") runs until a repeat sign,
 * a double or thick bar ("||", "|]", "[|"), the next ending, or the end of the voice: it stops with a
 * closed bracket at a repeat or a double bar and is left open ("discontinue") otherwise.
 */
import type { Barline, Measure, Navigation, NavigationKind } from '../../core/score.js';

/** a bar line as written: what it closes on its left and what it opens on its right */
export interface BarSign {
  readonly backward: boolean;
  readonly forward: boolean;
  /** MusicXML bar-style of a plain double, final or thick-thin bar */
  readonly style?: 'light-light' | 'light-heavy' | 'heavy-light';
  /** the ending it opens */
  readonly ending?: readonly number[];
}

/** what one voice carries from bar line to bar line */
export interface BarState {
  measures: Measure[];
  /** the left barline of the measure being read (a forward repeat, an ending's start) */
  opening?: Barline;
  /** the ending being read; `opened` once its first measure is closed */
  ending?: { readonly numbers: readonly number[]; opened: boolean };
  /** navigation marks met in the measure being read */
  navigation: Navigation[];
}

/** a bar line and the ending number that may follow it; tested where the character is "|", ":" or "[" */
export const BAR = /^(?:\[\|(?![\]|]):*|:*\|+\]?:*|:+)(?:\[?(\d+(?:[,-]\d+)*))?/;
/** an ending written apart from its bar line: "| [2" */
export const ENDING = /^\[(\d+(?:[,-]\d+)*)/;

/** parseBar(":|2") → { backward: true, forward: false, ending: [2] } */
export function parseBar(text: string, numbers?: string): BarSign {
  const sign = numbers === undefined ? text : text.slice(0, text.length - numbers.length).replace(/\[$/, '');
  // a lone ":" is no repeat sign; "::" is ":|:"
  const backward = sign.startsWith(':') && sign !== ':';
  const forward = sign.endsWith(':') && sign !== ':';
  // a backward repeat has its own style; before a forward repeat a double or final line is kept ("||:"),
  // while "[|:" is just the repeat sign
  const thickThin = sign.startsWith('[') ? (forward ? undefined : 'heavy-light') : undefined;
  const style = backward ? undefined : sign.startsWith('[') ? thickThin : sign.includes(']') ? 'light-heavy' : sign.includes('||') ? 'light-light' : undefined;
  return { backward, forward, ...(style ? { style } : {}), ...(numbers !== undefined ? { ending: endingNumbers(numbers) } : {}) };
}

/** endingNumbers("1,3") → [1, 3]; "1-3" → [1, 2, 3] */
export function endingNumbers(text: string): number[] {
  return text.split(',').flatMap((range) => {
    const [from, to] = range.split('-').map(Number) as [number, number | undefined];
    if (to === undefined || to < from || to - from > 16) return [from];
    return Array.from({ length: to - from + 1 }, (_, index) => from + index);
  });
}

/**
 * The bar line just read, after the measure it ends was closed. Its left side belongs to the last measure
 * closed, also when no music came since (a bar at the start of a line after one at the end of the last).
 */
export function applyBar(state: BarState, bar: BarSign): void {
  const last = state.measures[state.measures.length - 1];
  const closing = bar.backward || bar.forward || bar.style !== undefined || bar.ending !== undefined;
  if (last) {
    const right: Barline = {
      location: 'right',
      ...(bar.backward ? { style: 'light-heavy', repeat: 'backward' as const } : bar.style ? { style: bar.style } : {}),
    };
    const stop = state.ending?.opened && closing ? { numbers: state.ending.numbers, type: bar.ending && !bar.backward && !bar.style ? ('discontinue' as const) : ('stop' as const) } : undefined;
    if (stop) state.ending = undefined;
    if (right.style !== undefined || stop) mergeRight(state, { ...right, ...(stop ? { ending: stop } : {}) });
  }
  if (bar.forward) state.opening = { ...state.opening, location: 'left', style: 'heavy-light', repeat: 'forward' };
  if (bar.ending) startEnding(state, bar.ending);
}

/** "[2" apart from its bar line: an open ending before it ends where this one starts */
export function startEnding(state: BarState, numbers: readonly number[]): void {
  if (state.ending?.opened) mergeRight(state, { location: 'right', ending: { numbers: state.ending.numbers, type: 'discontinue' } });
  state.ending = { numbers, opened: false };
  state.opening = { ...state.opening, location: 'left', ending: { numbers, type: 'start' } };
}

/** the barlines and marks of a measure being closed; call before it joins `measures` */
export function closingMarks(state: BarState): Pick<Measure, 'barlines' | 'navigation'> {
  const marks = { ...(state.opening ? { barlines: [state.opening] } : {}), ...(state.navigation.length > 0 ? { navigation: state.navigation } : {}) };
  if (state.ending) state.ending.opened = true;
  state.opening = undefined;
  state.navigation = [];
  return marks;
}

/** the end of the voice: an ending still open stops with its last measure; marks after the last bar join it */
export function finishBars(state: BarState): void {
  const last = state.measures[state.measures.length - 1];
  if (!last) return;
  if (state.ending?.opened) mergeRight(state, { location: 'right', ending: { numbers: state.ending.numbers, type: 'discontinue' } });
  if (state.navigation.length > 0) {
    const trailing = state.navigation.map((mark) => ({ ...mark, offset: last.duration }));
    state.measures[state.measures.length - 1] = { ...last, navigation: [...(last.navigation ?? []), ...trailing] };
  }
  state.ending = undefined;
  state.navigation = [];
}

function mergeRight(state: BarState, barline: Barline): void {
  const index = state.measures.length - 1;
  const last = state.measures[index];
  if (!last) return;
  const others = last.barlines?.filter((entry) => entry.location !== 'right') ?? [];
  const right = last.barlines?.find((entry) => entry.location === 'right');
  state.measures[index] = { ...last, barlines: [...others, { ...right, ...barline }] };
}

/** ABC 2.1 decorations (and abcm2ps's "al Fine"/"al Coda" forms) that tell a player where to go */
const NAVIGATION: Readonly<Record<string, NavigationKind>> = {
  segno: 'segno', coda: 'coda', fine: 'fine', 'D.C.': 'daCapo', dacapo: 'daCapo', 'D.C.alfine': 'daCapo', 'D.C.alcoda': 'daCapo',
  'D.S.': 'dalSegno', dalsegno: 'dalSegno', 'D.S.alfine': 'dalSegno', 'D.S.alcoda': 'dalSegno', dacoda: 'toCoda', tocoda: 'toCoda',
};

/** navigationKind("D.C.alfine") → 'daCapo'; "S" → 'segno', "O" → 'coda' (the predefined shorthands) */
export function navigationKind(decoration: string): NavigationKind | undefined {
  if (decoration === 'S') return 'segno';
  if (decoration === 'O') return 'coda';
  return NAVIGATION[decoration.replace(/\s+/g, '')];
}

/** the decoration the writer gives each kind; readAbc reads each back as the same kind */
export const NAVIGATION_DECORATIONS: Readonly<Record<NavigationKind, string>> = {
  segno: '!segno!', coda: '!coda!', fine: '!fine!', daCapo: '!D.C.!', dalSegno: '!D.S.!', toCoda: '!dacoda!',
};
