/**
 * The accidental in force on a staff line during a measure, as a reader of notation infers it: the key
 * signature, until an accidental is written on that line (step and octave) earlier in the measure. The
 * reader uses it for notes MEI leaves without @accid/@accid.ges; the writer uses the same rule to decide
 * which accidentals must be written.
 */
import { keyAlter } from './vocabulary.js';

export class StaffAccidentals {
  private readonly written = new Map<string, number>();

  constructor(private readonly fifths: number) {}

  /** new StaffAccidentals(2).expected("C", 4) → 1 (D major); after write("C", 4, 0) → 0 */
  expected(step: string, octave: number): number {
    return this.written.get(`${step}${octave}`) ?? keyAlter(this.fifths, step);
  }

  write(step: string, octave: number, alter: number): void {
    this.written.set(`${step}${octave}`, alter);
  }
}
