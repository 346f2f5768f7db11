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
  | { readonly op: 'transpose'; readonly from: string; readonly to: string; readonly interval: string; readonly parts?: readonly (string | number)[] }
  | MarkOperation;

export type OperationName = EditOperation['op'];

/**
 * Performance marks and chord symbols, named by the event they stand on (dynamics, articulations,
 * ornaments, slur and hairpin ends), and moving measures.
 */
export type MarkOperation =
  /** a dynamic (p, mf, sfz…) at the event's onset, on its staff; it replaces one marked there */
  | { readonly op: 'add_dynamic'; readonly target: Target; readonly mark: string }
  | { readonly op: 'remove_dynamic'; readonly target: Target }
  /** an articulation (staccato, accent, tenuto…) or ornament (trill-mark, mordent, turn…) on the event */
  | { readonly op: 'add_articulation'; readonly target: Target; readonly articulation: string }
  /** one articulation or ornament, or without a name all of them */
  | { readonly op: 'remove_articulation'; readonly target: Target; readonly articulation?: string }
  | { readonly op: 'add_slur'; readonly from: Target; readonly to: Target }
  /** the slur starting on the event, with its end */
  | { readonly op: 'remove_slur'; readonly target: Target }
  /** from the onset of `from` to the end of `to` */
  | { readonly op: 'add_hairpin'; readonly from: Target; readonly to: Target; readonly type: 'crescendo' | 'diminuendo' }
  | { readonly op: 'remove_hairpin'; readonly target: Target }
  /** "C", "F#m7", "Bbmaj7", "G7/B" at a place (part default 1, beat default 1); "" removes the one there */
  | { readonly op: 'set_chord_symbol'; readonly part?: string | number; readonly measure: string; readonly beat?: number; readonly symbol: string }
  /** measures from–to (every part) moved to stand before measure `before`, or at the end */
  | { readonly op: 'move_measures'; readonly from: string; readonly to?: string; readonly before?: string };
