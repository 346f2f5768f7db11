/**
 * Beams by the meter's beat grouping (Gould, "Behind Bars", ch. 9): eighths and shorter are beamed
 * within a beat — a quarter in 2/4, 3/4 and 4/4, a half in 2/2, a dotted quarter in 6/8, the whole bar
 * in 3/8, the written groups in 3+2/8 — and a rest, a longer note or a beat's end breaks the beam.
 * Secondary beams join the shorter notes of a group; a lone one gets a hook.
 */
import { add, compare, mul, rational, sub, ZERO, type Rational } from '../rational.js';
import type { Event, TimeSignature } from '../score.js';

export type BeamState = 'begin' | 'continue' | 'end' | 'forward hook' | 'backward hook';

/** beatGroups(6/8) → [3/2, 3/2]; (4/4) → [1, 1, 1, 1]; (3+2/8) → [3/2, 1] — in quarters */
export function beatGroups(time: TimeSignature): Rational[] {
  const unit = rational(4, time.beatType);
  const addends = time.beats.split('+').map(Number);
  if (addends.length > 1 && addends.every((count) => Number.isInteger(count) && count > 0)) return addends.map((count) => mul(unit, rational(count)));
  const count = Number(time.beats);
  if (!Number.isInteger(count) || count <= 0) return [rational(1)];
  if (time.beatType >= 8 && count === 3) return [mul(unit, rational(3))];
  if (time.beatType >= 8 && count % 3 === 0) return Array.from({ length: count / 3 }, () => mul(unit, rational(3)));
  return Array.from({ length: count }, () => unit);
}

/** the start and end of the beat group holding `offset` (groups repeat past the bar; `shift` places a pickup's start) */
function groupAround(offset: Rational, groups: readonly Rational[], shift: Rational): { start: Rational; end: Rational } {
  let start = sub(ZERO, shift);
  for (let index = 0; ; index = (index + 1) % groups.length) {
    const end = add(start, groups[index]!);
    if (compare(offset, end) < 0) return { start, end };
    start = end;
  }
}

/** the notated value's beam count of an event, 0 for rests, grace notes and quarters or longer */
export type BeamCountOf = (event: Event) => number;

/**
 * beamVoice(four eighths in 4/4) → begin end begin end; per event, its state on each beam level (level 1
 * first). `shift` is how far into the bar the measure starts (a pickup's missing part).
 */
export function beamVoice(events: readonly Event[], time: TimeSignature, countOf: BeamCountOf, shift: Rational = ZERO): Map<Event, BeamState[]> {
  const groups = beatGroups(time);
  const beams = new Map<Event, BeamState[]>();
  let run: Event[] = [];
  let runEnd: Rational | undefined;
  const close = () => {
    if (run.length > 1) beamRun(run, countOf, beams);
    run = [];
    runEnd = undefined;
  };
  for (const event of events) {
    if (countOf(event) === 0) {
      close();
      continue;
    }
    const group = groupAround(event.offset, groups, shift);
    const end = add(event.offset, event.duration);
    const joins = runEnd !== undefined && compare(runEnd, event.offset) === 0 && compare(groupAround(run[0]!.offset, groups, shift).start, group.start) === 0;
    if (!joins) close();
    if (compare(end, group.end) > 0) {
      close();
      continue;
    }
    run.push(event);
    runEnd = end;
  }
  close();
  return beams;
}

function beamRun(run: readonly Event[], countOf: BeamCountOf, beams: Map<Event, BeamState[]>): void {
  const counts = run.map(countOf);
  const deepest = Math.max(...counts);
  run.forEach((event) => beams.set(event, []));
  for (let level = 1; level <= deepest; level++) {
    for (let index = 0; index < run.length; index++) {
      if (counts[index]! < level) continue;
      const before = index > 0 && counts[index - 1]! >= level;
      const after = index < run.length - 1 && counts[index + 1]! >= level;
      const state: BeamState = before && after ? 'continue' : before ? 'end' : after ? 'begin' : index === 0 ? 'forward hook' : 'backward hook';
      beams.get(run[index]!)!.push(state);
    }
  }
}

/** the part of a bar a first measure shorter than its meter leaves out (a pickup starts that far in) */
export function pickupShift(measureDuration: Rational, barLength: Rational): Rational {
  return compare(measureDuration, barLength) < 0 ? sub(barLength, measureDuration) : ZERO;
}
