/**
 * Humdrum spine paths: how the columns of a **kern file change from one line to the next.
 * `*^` splits a spine in two, `*v` merges adjacent spines of one part, `*x` exchanges two adjacent spines,
 * `*+` adds a spine after its own, `*-` ends a spine (Humdrum Toolkit reference manual, "spine paths").
 * Every **kern column feeds one voice of its part; other columns (**dynam, **text …) carry no voice but
 * are followed all the same, so that the tokens of later lines land in the right column.
 */
import type { Diagnostic } from '../../core/diagnostics.js';
import { CadenzaError } from '../../core/errors.js';
import { ZERO, compare, max, type Rational } from '../../core/rational.js';
import type { DynamicMark, HairpinMark, PedalMark } from '../../core/marks.js';
import type { Clef, Event, KeySignature, Measure, Timed, TimeSignature } from '../../core/score.js';

/** One voice of a part while its measure is being read. */
export interface KernVoice {
  readonly id: number;
  events: Event[];
  /** where the voice's next event starts, from the start of the measure */
  position: Rational;
}

/** One part: a **kern spine of the header, with every sub-spine split off from it. */
export interface KernPart {
  /** its column in the header, 0-based */
  readonly spine: number;
  readonly label: { name?: string; instrument?: string };
  readonly measures: Measure[];
  keys: Timed<KeySignature>[];
  times: Timed<TimeSignature>[];
  clefs: Timed<Clef>[];
  /** marks of the measure being read: from its **dynam spine, and *ped / *Xped */
  dynamics: Timed<DynamicMark>[];
  hairpins: Timed<HairpinMark>[];
  pedals: Timed<PedalMark>[];
  /** *partN and *staffN: spines of one part (a piano's two staves) are read as one part */
  partNumber?: number;
  staffNumber?: number;
  /** the barline that opened the measure being read began a repeat (!|:) */
  leftRepeat?: boolean;
  /** under a percussion clef (*clefX): its notes are unpitched, their letters only where they are drawn */
  percussion?: boolean;
  /** voices fed by a column that is still open */
  readonly active: Set<KernVoice>;
  /** every voice that was open at some point of the measure being read */
  touched: KernVoice[];
  /** voice numbers given back by merges and endings, smallest first (a binary heap) */
  readonly freeIds: number[];
  nextId: number;
  /** the line of the latest split or added spine, for the message when one is never closed */
  lastOpened?: number;
}

/** A column of the file. Columns split from the same header spine share an origin. */
export interface Column {
  readonly origin: number;
  readonly part?: KernPart;
  readonly voice?: KernVoice;
  /** a **dynam column: the part whose dynamics it carries */
  readonly dynam?: KernPart;
}

export function newPart(spine: number): KernPart {
  const part: KernPart = { spine, label: {}, measures: [], keys: [], times: [], clefs: [], dynamics: [], hairpins: [], pedals: [], active: new Set(), touched: [], freeIds: [], nextId: 1 };
  openVoice(part, ZERO);
  return part;
}

/** Humdrum line ${line}: problem. — the one shape of every refusal of this reader */
export function failure(line: number, problem: string): CadenzaError {
  return new CadenzaError('PARSE_FAILED', `Humdrum line ${line}: ${problem}.`, { hint: 'Check the file in a Humdrum-aware editor (e.g. the Verovio Humdrum Viewer).' });
}

const MANIPULATION = /^(\*[\^v+x-]|\*\*.*)$/;

/** whether an interpretation record changes the columns (a manipulator or an exclusive interpretation) */
export function changesColumns(tokens: readonly string[]): boolean {
  return tokens.some((token) => MANIPULATION.test(token));
}

export interface LayoutContext {
  readonly line: number;
  readonly diagnostics: Diagnostic[];
  /** a fresh origin for a column that no longer belongs with its neighbours */
  readonly newOrigin: () => number;
}

/** the columns after an interpretation record: nextColumns([a], ["*^"]) → [a, a′], a′ feeding a new voice of a's part */
export function nextColumns(columns: readonly Column[], tokens: readonly string[], context: LayoutContext): Column[] {
  const { line } = context;
  let now: Rational | undefined;
  // a voice that begins here starts where the earliest open voice waits for its next note: the time of the next data line
  const start = (): Rational => (now ??= columns.reduce<Rational | undefined>((earliest, column) => (column.voice && (!earliest || compare(column.voice.position, earliest) < 0) ? column.voice.position : earliest), undefined) ?? ZERO);
  const result: Column[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const column = columns[index]!;
    if (token === '*^' || token === '*+') {
      if (column.part) column.part.lastOpened = line;
      result.push(column, column.part ? { origin: column.origin, part: column.part, voice: openVoice(column.part, start()) } : { origin: column.origin, ...(column.dynam ? { dynam: column.dynam } : {}) });
    } else if (token === '*-') {
      closeVoice(column);
    } else if (token === '*x') {
      if (tokens[index + 1] !== '*x') throw failure(line, `the exchange (*x) in column ${index + 1} has no partner: *x exchanges two adjacent spines`);
      result.push(columns[index + 1]!, column);
      index++;
    } else if (token === '*v') {
      let last = index;
      while (tokens[last + 1] === '*v' && columns[last + 1]!.origin === column.origin) last++;
      if (last === index) throw failure(line, `the merge (*v) in column ${index + 1} has no neighbour of the same spine to merge with`);
      result.push(merge(columns.slice(index, last + 1)));
      index = last;
    } else if (token.startsWith('**')) {
      result.push(exclusive(column, token, context, index));
    } else {
      result.push(column);
    }
  }
  return result;
}

/** the merged voice keeps the lowest voice number, and goes on from where the longest of them stopped */
function merge(group: readonly Column[]): Column {
  const voiced = group.filter((column) => column.voice);
  if (voiced.length === 0) return group[0]!;
  const kept = voiced.reduce((lowest, column) => (column.voice!.id < lowest.voice!.id ? column : lowest));
  for (const column of voiced) {
    if (column === kept) continue;
    kept.voice!.position = max(kept.voice!.position, column.voice!.position);
    closeVoice(column);
  }
  return kept;
}

/** "**kern" on a column added by *+ confirms its voice; any other exclusive interpretation makes it a column that is not read */
function exclusive(column: Column, token: string, context: LayoutContext, index: number): Column {
  const kern = token === '**kern';
  if (kern === Boolean(column.part)) return column;
  if (column.part) {
    closeVoice(column);
    return { origin: context.newOrigin() };
  }
  context.diagnostics.push({ severity: 'warning', message: `A **kern spine that begins in column ${index + 1} in the middle of the file was not read.`, line: context.line });
  return column;
}

function openVoice(part: KernPart, at: Rational): KernVoice {
  const voice: KernVoice = { id: takeId(part), events: [], position: at };
  part.active.add(voice);
  part.touched.push(voice);
  return voice;
}

function closeVoice(column: Column): void {
  if (!column.part || !column.voice || !column.part.active.delete(column.voice)) return;
  giveId(column.part, column.voice.id);
}

// a binary min-heap, so that a file of 10^5 splits and merges costs n log n, not n²
function takeId(part: KernPart): number {
  const heap = part.freeIds;
  if (heap.length === 0) return part.nextId++;
  const smallest = heap[0]!;
  const last = heap.pop()!;
  if (heap.length > 0) {
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= heap.length) break;
      const child = left + 1 < heap.length && heap[left + 1]! < heap[left]! ? left + 1 : left;
      if (heap[child]! >= last) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = last;
  }
  return smallest;
}

function giveId(part: KernPart, id: number): void {
  const heap = part.freeIds;
  let at = heap.push(id) - 1;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (heap[parent]! <= id) break;
    heap[at] = heap[parent]!;
    at = parent;
  }
  heap[at] = id;
}
