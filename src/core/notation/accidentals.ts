/**
 * Which accidentals a staff shows, as engravers decide (Gould, "Behind Bars", ch. 3): an accidental
 * holds for its line (step and octave) to the end of the bar; a note that differs from what is in force
 * shows its accidental (a natural to cancel); a note tied over shows none; a courtesy (cautionary)
 * accidental reminds the reader where another octave of the step is altered in the bar, or where the
 * previous bar altered the line.
 */
import type { Pitch, Step } from '../pitch.js';
import { compare, type Rational } from '../rational.js';
import type { Event, Part } from '../score.js';

export type AccidentalSign =
  | 'natural' | 'sharp' | 'flat' | 'double-sharp' | 'flat-flat' | 'triple-sharp' | 'triple-flat'
  | 'quarter-sharp' | 'quarter-flat' | 'three-quarters-sharp' | 'three-quarters-flat';

export interface ShownAccidental {
  readonly sign: AccidentalSign;
  /** a reminder the rules do not require */
  readonly cautionary: boolean;
}

const SIGNS: ReadonlyMap<number, AccidentalSign> = new Map([
  [0, 'natural'], [1, 'sharp'], [-1, 'flat'], [2, 'double-sharp'], [-2, 'flat-flat'], [3, 'triple-sharp'], [-3, 'triple-flat'],
  [0.5, 'quarter-sharp'], [-0.5, 'quarter-flat'], [1.5, 'three-quarters-sharp'], [-1.5, 'three-quarters-flat'],
]);

/** accidentalSign(-1) → "flat"; an alteration no sign names (a third of a tone) → undefined */
export function accidentalSign(alter: number): AccidentalSign | undefined {
  return SIGNS.get(alter);
}

const ORDER_OF_SHARPS: readonly Step[] = ['F', 'C', 'G', 'D', 'A', 'E', 'B'];

/** keySignatureAlter(3, "G") → 1 (A major sharpens G); keySignatureAlter(-2, "E") → -1 */
export function keySignatureAlter(fifths: number, step: Step): number {
  const sharpIndex = ORDER_OF_SHARPS.indexOf(step);
  if (fifths > 0) return Math.floor((fifths - 1 - sharpIndex + 7) / 7);
  if (fifths < 0) return 0 - Math.floor((-fifths - 1 - (6 - sharpIndex) + 7) / 7);
  return 0;
}

/** per event, the accidental shown on each of its pitches (a note has one, a chord one per member) */
export type ShownAccidentals = ReadonlyMap<Event, readonly (ShownAccidental | undefined)[]>;

/** displayAccidentals(part) → for F#4 then F4 in a bar of C major: sharp, then natural */
export function displayAccidentals(part: Part): ShownAccidentals {
  const shown = new Map<Event, (ShownAccidental | undefined)[]>();
  const staves = Array.from({ length: Math.max(1, part.staffCount) }, () => new StaffState());
  // a tie stop with no tie started before it (a source's stray tie) is a new note and shows its sign
  const openTies = new Set<number>();
  for (const measure of part.measures) {
    const events = measure.voices
      .flatMap((voice) => voice.events)
      .filter((event) => event.kind !== 'rest')
      .sort((a, b) => compare(a.offset, b.offset) || graceFirst(a) - graceFirst(b));
    const keys = [...(measure.keys ?? [])].sort((a, b) => compare(a.offset, b.offset));
    staves.forEach((staff) => staff.startBar());
    // notes struck together on a staff (a chord, or two voices at once) are judged together, so each shows its sign
    const changeKeysUntil = (at: Rational | undefined) => {
      while (keys.length > 0 && (at === undefined || compare(keys[0]!.offset, at) <= 0)) {
        const key = keys.shift()!;
        staves.forEach((staff, index) => (key.staff === undefined || key.staff === index + 1) && staff.changeKey(key.value.fifths));
      }
    };
    for (const together of simultaneous(events)) {
      changeKeysUntil(together[0]!.offset);
      staves.forEach((staff, index) => {
        const onStaff = together.filter((event) => staffIndex(event, staves.length) === index);
        const members = onStaff.flatMap((event) => membersOf(event, openTies).map((member) => ({ ...member, event })));
        if (members.length === 0) return;
        const decisions = staff.show(members);
        members.forEach((member, position) => shown.set(member.event, [...(shown.get(member.event) ?? []), decisions[position]]));
      });
    }
    // a key signature in a bar of rests still holds for the bars after it
    changeKeysUntil(undefined);
  }
  return shown;
}

function graceFirst(event: Event): number {
  return event.kind !== 'rest' && event.grace ? 0 : 1;
}

/** events in groups struck at once; a grace note is a group of its own */
function simultaneous(events: readonly Event[]): Event[][] {
  const groups: Event[][] = [];
  for (const event of events) {
    const last = groups[groups.length - 1];
    const joins = last && graceFirst(event) === 1 && graceFirst(last[0]!) === 1 && compare(last[0]!.offset, event.offset) === 0;
    if (joins) last.push(event);
    else groups.push([event]);
  }
  return groups;
}

function staffIndex(event: Event, staffCount: number): number {
  return Math.min(Math.max((event.staff ?? 1) - 1, 0), staffCount - 1);
}

/**
 * A note's or chord's pitches, each silent (no sign shown) when a tie into it is open or when it is
 * unpitched percussion (its pitch is only a staff position); updates the open ties.
 */
function membersOf(event: Event, openTies: Set<number>): { pitch: Pitch; silent: boolean }[] {
  const members = event.kind === 'note' ? [event] : event.kind === 'chord' ? event.notes : [];
  return members.map(({ pitch, tie, unpitched }) => {
    const tiedOver = (tie === 'stop' || tie === 'continue') && openTies.has(pitch.midi);
    if (tie === 'start' || tie === 'continue') openTies.add(pitch.midi);
    else openTies.delete(pitch.midi);
    return { pitch, silent: tiedOver || unpitched !== undefined };
  });
}

const line = (pitch: Pitch) => `${pitch.step}${pitch.octave}`;

/** one staff's accidentals in force: the key, the bar's written accidentals, the previous bar's */
class StaffState {
  private fifths = 0;
  private inForce = new Map<string, number>();
  private previousBar = new Map<string, number>();

  startBar(): void {
    this.previousBar = this.inForce;
    this.inForce = new Map();
  }

  changeKey(fifths: number): void {
    this.fifths = fifths;
    this.inForce = new Map();
    this.previousBar = new Map();
  }

  /** the accidentals of simultaneous pitches, all judged against what was in force before them */
  show(members: readonly { pitch: Pitch; silent: boolean }[]): (ShownAccidental | undefined)[] {
    const decisions = members.map(({ pitch, silent }) => {
      if (silent) return undefined;
      // two members on one line (F and F# together) each need their sign
      const clash = members.some((other) => other.pitch !== pitch && line(other.pitch) === line(pitch) && other.pitch.alter !== pitch.alter);
      return this.decide(pitch, clash);
    });
    members.forEach(({ pitch, silent }) => !silent && accidentalSign(pitch.alter) && this.inForce.set(line(pitch), pitch.alter));
    return decisions;
  }

  private decide(pitch: Pitch, clash: boolean): ShownAccidental | undefined {
    const sign = accidentalSign(pitch.alter);
    if (!sign) return undefined;
    const written = this.inForce.get(line(pitch));
    const expected = written ?? keySignatureAlter(this.fifths, pitch.step);
    if (pitch.alter !== expected || clash) return { sign, cautionary: false };
    const otherOctave = [...this.inForce].some(([other, alter]) => other !== line(pitch) && other[0] === pitch.step && alter !== pitch.alter);
    const lastBar = written === undefined ? this.previousBar.get(line(pitch)) : undefined;
    if (otherOctave || (lastBar !== undefined && lastBar !== pitch.alter)) return { sign, cautionary: true };
    return undefined;
  }
}
