/**
 * Note-level transcription accuracy as mir_eval's `transcription` module defines it (Raffel et al., ISMIR
 * 2014): a transcribed note matches a reference note of the same pitch whose onset is within 50 ms; with
 * offsets, its offset must also be within 20% of the reference note's length or 50 ms, whichever is more.
 * Each note matches at most one other. Within one pitch the candidates lie on a line, so taking them in
 * time order and matching each reference note to the earliest unmatched candidate it accepts gives a
 * largest matching on onsets, as mir_eval's bipartite matching does (with offsets, nearly always the same).
 */

export interface NoteSpan {
  /** seconds */
  readonly start: number;
  readonly end: number;
  readonly midi: number;
}

export interface Accuracy {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly matched: number;
  readonly reference: number;
  readonly estimated: number;
}

export const ONSET_TOLERANCE = 0.05;
const OFFSET_RATIO = 0.2;

/** noteAccuracy(reference, transcribed) → precision, recall and F1 of onset-and-pitch matches (with offsets if asked) */
export function noteAccuracy(reference: readonly NoteSpan[], estimated: readonly NoteSpan[], withOffsets = false): Accuracy {
  const accepts = (ref: NoteSpan, est: NoteSpan) =>
    Math.abs(ref.start - est.start) <= ONSET_TOLERANCE && (!withOffsets || Math.abs(ref.end - est.end) <= Math.max(ONSET_TOLERANCE, OFFSET_RATIO * (ref.end - ref.start)));
  let matched = 0;
  const byPitch = (notes: readonly NoteSpan[]) => {
    const groups = new Map<number, NoteSpan[]>();
    for (const note of notes) groups.set(note.midi, [...(groups.get(note.midi) ?? []), note]);
    for (const group of groups.values()) group.sort((a, b) => a.start - b.start);
    return groups;
  };
  const estimatedByPitch = byPitch(estimated);
  for (const [midi, references] of byPitch(reference)) {
    const candidates = estimatedByPitch.get(midi) ?? [];
    const used = new Set<number>();
    let from = 0;
    for (const ref of references) {
      while (from < candidates.length && candidates[from]!.start < ref.start - ONSET_TOLERANCE) from++;
      for (let index = from; index < candidates.length && candidates[index]!.start <= ref.start + ONSET_TOLERANCE; index++) {
        if (!used.has(index) && accepts(ref, candidates[index]!)) {
          used.add(index);
          matched++;
          break;
        }
      }
    }
  }
  const precision = estimated.length === 0 ? 0 : matched / estimated.length;
  const recall = reference.length === 0 ? 0 : matched / reference.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, matched, reference: reference.length, estimated: estimated.length };
}
