/** A note heard in a recording: when it starts and ends (seconds), its MIDI key, and how strongly it sounds (0…1). */
export interface TimedNote {
  readonly start: number;
  readonly end: number;
  readonly midi: number;
  readonly amplitude: number;
}
