/**
 * How chord-alternatives.ts tempers its scores into confidences: placeholder values until
 * bench/harmony-alternatives.mjs fits them on the tuning fold of the When in Rome development set.
 */
export interface ReadingCalibration {
  /** the chord scores summed over a harmony are divided by chordTemperature × slots^lengthExponent */
  readonly chordTemperature: number;
  readonly lengthExponent: number;
  /** the key model's averaged log probabilities are divided by keyTemperature … */
  readonly keyTemperature: number;
  /** … and the key the key HMM chose gains this much */
  readonly chosenKeyBonus: number;
  /** the share of a chord and key's probability its label keeps (the rest: boundaries and inversions heard otherwise) */
  readonly labelShare: number;
}

export const READING_CALIBRATION: ReadingCalibration = { chordTemperature: 1, lengthExponent: 0, keyTemperature: 1, chosenKeyBonus: 0, labelShare: 1 };

/** a harmony whose reading is less likely than this is ambiguous: analyze_harmony lists its alternatives unasked */
export const AMBIGUOUS = 0.3;
