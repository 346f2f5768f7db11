/**
 * Non-chord tones, each labelled by how its line reaches and leaves it (after Aldwell & Schachter, Harmony
 * and Voice Leading): passing (step, step on), neighbour (step, step back), suspension (held or struck
 * again from a chord tone, resolving down by step; retardation, resolving up), appoggiatura (leapt to,
 * left by step), escape tone (stepped to, left by leap), anticipation (struck again as the next chord's
 * tone), pedal (in a pedal point); "other" where none fits.
 */
import { pitchName } from '../core/pitch.js';
import { toNumber } from '../core/rational.js';
import { chordPitchClasses, harmoniesOver } from './chord-tones.js';
import type { Harmony } from './harmony.js';
import type { PedalPoint } from './pedal-points.js';
import type { Line, LineNote } from './voice-leading.js';

export type NonChordToneKind = 'passing' | 'neighbour' | 'suspension' | 'retardation' | 'appoggiatura' | 'escape' | 'anticipation' | 'pedal' | 'other';

export interface NonChordTone {
  /** the harmony it sounds against, by index in the analysis */
  readonly harmonyIndex: number;
  readonly kind: NonChordToneKind;
  /** "C5" */
  readonly pitch: string;
  readonly voice: string;
  readonly offsetQuarters: number;
  readonly noteIds: readonly string[];
}

/** nonChordTones(voiceLines(chorale), analyzeHarmony(chorale), pedals) → [{ kind: "passing", pitch: "A4", voice: "Alto", … }, …] */
export function nonChordTones(lines: readonly Line[], harmonies: readonly Harmony[], pedals: readonly PedalPoint[] = []): NonChordTone[] {
  const chords = harmonies.map(chordPitchClasses);
  const spans = harmonies.map((harmony) => [toNumber(harmony.offset), toNumber(harmony.offset) + toNumber(harmony.duration)] as const);
  const [starts, ends] = [spans.map(([from]) => from), spans.map(([, to]) => to)];
  const inPedal = new Set(pedals.flatMap((pedal) => pedal.noteIds));
  const found: NonChordTone[] = [];
  for (const line of lines) {
    line.notes.forEach((note, index) => {
      const [start, end] = [toNumber(note.start), toNumber(note.end)];
      const neighbours = { before: joined(line.notes[index - 1], note) ? line.notes[index - 1] : undefined, after: joined(note, line.notes[index + 1]) ? line.notes[index + 1] : undefined };
      for (const harmonyIndex of harmoniesOver(starts, ends, start, end)) {
        const from = starts[harmonyIndex]!;
        if (chords[harmonyIndex]!.has(note.pitch.pitchClass)) continue;
        const pedal = (note.ids ?? []).some((id) => inPedal.has(id));
        const kind = pedal ? 'pedal' : classify(note, neighbours, start < from, (at) => chords[harmoniesOver(starts, ends, at, at + 1e-9)[0] ?? -1]);
        found.push({ harmonyIndex, kind, pitch: pitchName(note.pitch), voice: line.name, offsetQuarters: Math.max(start, from), noteIds: note.ids ?? [] });
      }
    });
  }
  return found.sort((a, b) => a.harmonyIndex - b.harmonyIndex || a.offsetQuarters - b.offsetQuarters);
}

interface Neighbours {
  readonly before?: LineNote | undefined;
  readonly after?: LineNote | undefined;
}

function classify(note: LineNote, { before, after }: Neighbours, heldInto: boolean, chordAtTime: (at: number) => Set<number> | undefined): NonChordToneKind {
  const approach = before ? note.pitch.midi - before.pitch.midi : undefined;
  const departure = after ? after.pitch.midi - note.pitch.midi : undefined;
  const step = (move: number | undefined) => move !== undefined && Math.abs(move) >= 1 && Math.abs(move) <= 2;
  const leap = (move: number | undefined) => move !== undefined && Math.abs(move) > 2;
  // held over from the chord before, or struck again at its own pitch: prepared, then resolved by step
  if (heldInto || approach === 0) {
    if (step(departure)) return departure! < 0 ? 'suspension' : 'retardation';
    return 'other';
  }
  if (departure === 0 && after && chordAtTime(toNumber(after.start))?.has(after.pitch.pitchClass)) return 'anticipation';
  if (step(approach) && step(departure)) return Math.sign(approach!) === Math.sign(departure!) ? 'passing' : 'neighbour';
  if ((leap(approach) || approach === undefined) && step(departure)) return 'appoggiatura';
  if (step(approach) && leap(departure)) return 'escape';
  return 'other';
}

/** the second note follows the first without a rest between */
function joined(first: LineNote | undefined, second: LineNote | undefined): boolean {
  return first !== undefined && second !== undefined && toNumber(first.end) === toNumber(second.start);
}
