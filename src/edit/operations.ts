/**
 * The operations edit_score takes, as plain data. A note, chord, rest or chord note is named by its id
 * (as findings and read tools give them) or by a place: part, measure as printed, 1-based beat, voice.
 */

/** where in the score: `part` is a part id, name or 1-based number; `beat` counts as findings do (default 1); `voice` defaults to the first */
export interface Place {
  readonly part: string | number;
  readonly measure: string;
  readonly beat?: number;
  readonly voice?: string;
}

/** an id, or the event sounding at a place */
export type Target = string | Place;

/** a length in quarter notes: 1.5, or "3/2" for exact thirds ("1/3") */
export type Quarters = number | string;

export type EditOperation =
  | { readonly op: 'set_pitch'; readonly target: Target; readonly pitch: string }
  | { readonly op: 'set_duration'; readonly target: Target; readonly duration: Quarters }
  | { readonly op: 'set_tie'; readonly target: Target; readonly tie: 'start' | 'stop' | 'continue' | 'none' }
  | { readonly op: 'set_lyric'; readonly target: Target; readonly text: string; readonly verse?: string }
  /** a note (one pitch), a chord (several) or a rest (none), at a place or right after an event; what follows in the voice moves later */
  | { readonly op: 'insert'; readonly at?: Place; readonly after?: string; readonly pitches: readonly string[]; readonly duration: Quarters }
  /** an event becomes a rest of its length; a chord note leaves its chord */
  | { readonly op: 'delete'; readonly target: Target }
  /** empty measures (a whole-bar rest in every part) before measure `before`, or at the end */
  | { readonly op: 'insert_measures'; readonly before?: string; readonly count: number }
  | { readonly op: 'delete_measures'; readonly from: string; readonly to?: string }
  | { readonly op: 'set_key'; readonly measure: string; readonly fifths: number; readonly mode?: 'major' | 'minor' }
  | { readonly op: 'set_time'; readonly measure: string; readonly beats: number; readonly beatType: number }
  | { readonly op: 'set_clef'; readonly part: string | number; readonly measure: string; readonly sign: 'G' | 'F' | 'C'; readonly line: number; readonly octaveChange?: number }
  | { readonly op: 'set_tempo'; readonly measure: string; readonly bpm: number }
  /** every note of measures from–to (all parts, or those named) moved by a spelled interval ("M2", "-P4") */
  | { readonly op: 'transpose'; readonly from: string; readonly to: string; readonly interval: string; readonly parts?: readonly (string | number)[] };

export type OperationName = EditOperation['op'];
