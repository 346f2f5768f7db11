/**
 * Operations on performance marks and chord symbols, each addressed by the note, chord or rest it stands
 * on (an id, or a place): dynamics and hairpins are placed in the event's measure at its onset, on its
 * staff; articulations, ornaments and slurs go on the event itself (a chord note's on its chord).
 */
import { parseChordSymbolFigure, realizeChordSymbol, chordSymbolFigure } from '../core/chord-symbol.js';
import { isArticulation, isDynamicMark, isOrnament, type HairpinMark, type SlurMark } from '../core/marks.js';
import { add, compare, type Rational } from '../core/rational.js';
import type { Event, Timed } from '../core/score.js';
import type { DraftMeasure, Found, ScoreDraft } from './draft.js';
import type { EditOperation } from './operations.js';
import { invalid, resolvePlace, resolveTarget } from './places.js';

type Op<Name extends EditOperation['op']> = Extract<EditOperation, { op: Name }>;

/** the event a target names, its measure copied for editing, and where it stands */
function standing(draft: ScoreDraft, target: Op<'add_dynamic'>['target']): { found: Found; measure: DraftMeasure; event: Event } {
  const found = resolveTarget(draft, target);
  const measure = draft.measure(found.part, found.measure);
  return { found, measure, event: measure.voices[found.voice]!.events[found.event]! };
}

function onStaff<T>(event: Event, offset: Rational, value: T): Timed<T> {
  return event.staff === undefined ? { offset, value } : { offset, staff: event.staff, value };
}

const sameSpot = (event: Event) => (mark: Timed<unknown>) => compare(mark.offset, event.offset) === 0 && (mark.staff ?? 1) === (event.staff ?? 1);

export function addDynamic(draft: ScoreDraft, operation: Op<'add_dynamic'>): void {
  if (!isDynamicMark(operation.mark)) throw invalid(`"${operation.mark}" is not a dynamic (p, mf, ff, sfz…).`);
  const { measure, event } = standing(draft, operation.target);
  // one dynamic per spot: a new one replaces what was marked there
  measure.dynamics = [...(measure.dynamics ?? []).filter((mark) => !sameSpot(event)(mark)), onStaff(event, event.offset, operation.mark)];
}

export function removeDynamic(draft: ScoreDraft, operation: Op<'remove_dynamic'>): void {
  const { measure, event } = standing(draft, operation.target);
  const kept = (measure.dynamics ?? []).filter((mark) => !sameSpot(event)(mark));
  if (kept.length === (measure.dynamics ?? []).length) throw invalid(`No dynamic is marked at ${describe(event)}.`);
  setList(measure, 'dynamics', kept);
}

export function addArticulation(draft: ScoreDraft, operation: Op<'add_articulation'>): void {
  const name = operation.articulation;
  if (!isArticulation(name) && !isOrnament(name)) throw invalid(`"${name}" is not an articulation or ornament (staccato, accent, tenuto, trill-mark, mordent…).`);
  changeEvent(draft, operation.target, (event) => {
    const key = isArticulation(name) ? 'articulations' : 'ornaments';
    const held = (event[key] ?? []) as readonly string[];
    return held.includes(name) ? event : { ...event, [key]: [...held, name] };
  });
}

export function removeArticulation(draft: ScoreDraft, operation: Op<'remove_articulation'>): void {
  changeEvent(draft, operation.target, (event) => {
    const { articulations, ornaments, ...rest } = event;
    const keep = (names: readonly string[] | undefined) => (operation.articulation === undefined ? [] : (names ?? []).filter((name) => name !== operation.articulation));
    const [kept, keptOrnaments] = [keep(articulations), keep(ornaments)];
    if (kept.length === (articulations ?? []).length && keptOrnaments.length === (ornaments ?? []).length) throw invalid(`${describe(event)} has no ${operation.articulation ?? 'articulation or ornament'}.`);
    return { ...rest, ...(kept.length > 0 ? { articulations: kept } : {}), ...(keptOrnaments.length > 0 ? { ornaments: keptOrnaments } : {}) } as Event;
  });
}

/** a slur from one event to a later one of the same part, numbered apart from slurs already on either end */
export function addSlur(draft: ScoreDraft, operation: Op<'add_slur'>): void {
  const [from, to] = [resolveTarget(draft, operation.from), resolveTarget(draft, operation.to)];
  if (from.part !== to.part) throw invalid('A slur joins notes of one part.');
  const [start, end] = [eventAt(draft, from), eventAt(draft, to)];
  if (compare(timeOf(draft, from, start), timeOf(draft, to, end)) >= 0) throw invalid(`A slur runs forward: ${describe(end)} does not come after ${describe(start)}.`);
  const used = new Set([...(start.slurs ?? []), ...(end.slurs ?? [])].map((slur) => slur.number ?? 1));
  const number = [1, 2, 3, 4, 5, 6].find((candidate) => !used.has(candidate));
  if (number === undefined) throw invalid('Those notes already carry six slurs.');
  const mark = (type: SlurMark['type']): SlurMark => (number === 1 ? { type } : { type, number });
  changeEvent(draft, operation.from, (event) => ({ ...event, slurs: [...(event.slurs ?? []), mark('start')] }));
  changeEvent(draft, operation.to, (event) => ({ ...event, slurs: [...(event.slurs ?? []), mark('stop')] }));
}

/** the slur that starts on an event, and its stop: the next stop of its number in the part */
export function removeSlur(draft: ScoreDraft, operation: Op<'remove_slur'>): void {
  const from = resolveTarget(draft, operation.target);
  const start = eventAt(draft, from);
  const opening = start.slurs?.find((slur) => slur.type === 'start');
  if (!opening) throw invalid(`No slur starts on ${describe(start)}.`);
  const number = opening.number ?? 1;
  const stop = findForward(draft, from, (event) => event.slurs?.some((slur) => slur.type === 'stop' && (slur.number ?? 1) === number) ?? false);
  changeEvent(draft, operation.target, (event) => withoutSlur(event, 'start', number));
  if (stop) changeFound(draft, stop, (event) => withoutSlur(event, 'stop', number));
}

/** a crescendo or diminuendo from the onset of one event to the end of another */
export function addHairpin(draft: ScoreDraft, operation: Op<'add_hairpin'>): void {
  const [from, to] = [resolveTarget(draft, operation.from), resolveTarget(draft, operation.to)];
  if (from.part !== to.part) throw invalid('A hairpin spans events of one part.');
  const [start, end] = [eventAt(draft, from), eventAt(draft, to)];
  if (compare(timeOf(draft, from, start), timeOf(draft, to, end)) > 0) throw invalid(`A hairpin runs forward: ${describe(end)} comes before ${describe(start)}.`);
  const startMeasure = draft.measure(from.part, from.measure);
  startMeasure.hairpins = [...(startMeasure.hairpins ?? []), onStaff(start, start.offset, { type: operation.type } as HairpinMark)];
  const stopMeasure = draft.measure(to.part, to.measure);
  stopMeasure.hairpins = [...(stopMeasure.hairpins ?? []), onStaff(start, add(end.offset, end.duration), { type: 'stop' } as HairpinMark)];
}

/** the hairpin that starts at an event's onset, and the first stop after it in the part */
export function removeHairpin(draft: ScoreDraft, operation: Op<'remove_hairpin'>): void {
  const { found, measure, event } = standing(draft, operation.target);
  const starting = (measure.hairpins ?? []).find((mark) => mark.value.type !== 'stop' && sameSpot(event)(mark));
  if (!starting) throw invalid(`No hairpin starts at ${describe(event)}.`);
  setList(measure, 'hairpins', (measure.hairpins ?? []).filter((mark) => mark !== starting));
  const number = starting.value.number ?? 1;
  const measures = draft.parts[found.part]!.measures;
  for (let index = found.measure; index < measures.length; index++) {
    const stop = (measures[index]!.hairpins ?? []).find((mark) => mark.value.type === 'stop' && (mark.value.number ?? 1) === number && (index > found.measure || compare(mark.offset, starting.offset) >= 0));
    if (!stop) continue;
    const holder = draft.measure(found.part, index);
    setList(holder, 'hairpins', (holder.hairpins ?? []).filter((mark) => mark !== stop));
    return;
  }
}

/** a chord symbol ("F#m7", "Bb/D") at a place; an empty symbol removes the one there */
export function setChordSymbol(draft: ScoreDraft, operation: Op<'set_chord_symbol'>): void {
  const place = resolvePlace(draft, { part: operation.part ?? 1, measure: operation.measure, beat: operation.beat ?? 1 });
  const measure = draft.measure(place.part, place.measure);
  const others = (measure.harmonies ?? []).filter((harmony) => compare(harmony.offset, place.offset) !== 0);
  if (operation.symbol.trim() === '') {
    if (others.length === (measure.harmonies ?? []).length) throw invalid(`No chord symbol stands in measure ${operation.measure} at beat ${operation.beat ?? 1}.`);
    setList(measure, 'harmonies', others);
    return;
  }
  const spec = parseChordSymbolFigure(operation.symbol);
  if (!spec) throw invalid(`"${operation.symbol}" is not a chord symbol Cadenza reads (try "C", "F#m7", "Bbmaj7", "G7/B", "Dsus4").`);
  const value = { ...spec, figure: chordSymbolFigure(spec), pitches: realizeChordSymbol(spec) };
  measure.harmonies = [...others, { offset: place.offset, value }].sort((a, b) => compare(a.offset, b.offset));
}

function setList<Key extends 'dynamics' | 'hairpins' | 'harmonies'>(measure: DraftMeasure, key: Key, list: NonNullable<DraftMeasure[Key]>): void {
  if (list.length > 0) measure[key] = list;
  else delete measure[key];
}

function eventAt(draft: ScoreDraft, found: Found): Event {
  return draft.parts[found.part]!.measures[found.measure]!.voices[found.voice]!.events[found.event]!;
}

function timeOf(draft: ScoreDraft, found: Found, event: Event): Rational {
  return add(draft.parts[found.part]!.measures[found.measure]!.offset, event.offset);
}

function changeEvent(draft: ScoreDraft, target: Op<'add_dynamic'>['target'], change: (event: Event) => Event): void {
  changeFound(draft, resolveTarget(draft, target), change);
}

function changeFound(draft: ScoreDraft, found: Found, change: (event: Event) => Event): void {
  const events = draft.measure(found.part, found.measure).voices[found.voice]!.events;
  events[found.event] = change(events[found.event]!);
}

function withoutSlur(event: Event, type: SlurMark['type'], number: number): Event {
  const slurs = [...(event.slurs ?? [])];
  const at = slurs.findIndex((slur) => slur.type === type && (slur.number ?? 1) === number);
  if (at >= 0) slurs.splice(at, 1);
  const { slurs: _old, ...rest } = event;
  return (slurs.length > 0 ? { ...rest, slurs } : rest) as Event;
}

/** the first event after `from` in its part (any voice, in time order) that matches */
function findForward(draft: ScoreDraft, from: Found, matches: (event: Event) => boolean): Found | undefined {
  const measures = draft.parts[from.part]!.measures;
  const startTime = timeOf(draft, from, eventAt(draft, from));
  let best: { found: Found; time: Rational } | undefined;
  for (let measure = from.measure; measure < measures.length && !best; measure++) {
    measures[measure]!.voices.forEach((voice, voiceIndex) => {
      voice.events.forEach((event, eventIndex) => {
        const time = add(measures[measure]!.offset, event.offset);
        if (compare(time, startTime) <= 0 || !matches(event)) return;
        if (!best || compare(time, best.time) < 0) best = { found: { part: from.part, measure, voice: voiceIndex, event: eventIndex }, time };
      });
    });
  }
  return best?.found;
}

function describe(event: Event): string {
  return event.id ? `"${event.id}"` : 'that event';
}
