/**
 * How chord-alternatives.ts tempers its scores into confidences: fitted by bench/harmony-alternatives.mjs on
 * the tuning fold of the When in Rome development set: the temperatures by the likelihood of the analysts'
 * chords and keys over 32nd-note frames, the label share by the binary log loss (0.950) of each listed
 * reading's confidence as the probability that it is the analyst's full label. Generated, do not edit.
 * Re-run it whenever the chord or key model's weights change.
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

export const READING_CALIBRATION: ReadingCalibration = {"chordTemperature":1.5,"lengthExponent":1,"keyTemperature":1,"chosenKeyBonus":0.5,"labelShare":0.75};

/** a harmony whose reading is less likely than this is ambiguous: analyze_harmony lists its alternatives unasked */
export const AMBIGUOUS = 0.3;
