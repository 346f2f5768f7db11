/**
 * Forte set classes (Allen Forte, The Structure of Atonal Music, 1973): the set class of a collection of
 * pitch classes, named "4-Z15", with its prime form and interval-class vector, for post-tonal music.
 */

/**
 * The prime forms in Forte's order, one string per cardinality (1 … 12): digits are pitch classes (A = 10,
 * B = 11), a trailing "z" marks a Z-related class. Numbering and prime forms as music21's chord/tables.py
 * holds them (BSD licence; Rahn's prime forms where Rahn and Forte differ, e.g. 5-20 = 01378), so names
 * agree with music21's `Chord.forteClass` (test/analysis/set-classes.test.ts checks every class).
 */
const FORTE_ORDER: readonly string[] = [
  '0',
  '01 02 03 04 05 06',
  '012 013 014 015 016 024 025 026 027 036 037 048',
  '0123 0124 0134 0125 0126 0127 0145 0156 0167 0235 0135 0236 0136 0237 0146z 0157 0347 0147 0148 0158 0246 0247 0257 0248 0268 0358 0258 0369 0137z',
  '01234 01235 01245 01236 01237 01256 01267 02346 01246 01346 02347 01356z 01248 01257 01268 01347 01348z 01457z 01367 01378 01458 01478 02357 01357 02358 02458 01358 02368 01368 01468 01369 01469 02468 02469 02479 01247z 03458z 01258z',
  '012345 012346 012356z 012456z 012367 012567z 012678 023457 012357 013457z 012457z 012467z 013467z 013458 012458 014568 012478z 012578 013478z 014589 023468 012468 023568z 013468z 013568z 013578z 013469 013569z 013689z 013679 013589 024579 023579 013579 02468A 012347z 012348z 012378z 023458z 012358z 012368z 012369z 012568z 012569z 023469z 012469z 012479z 012579z 013479z 014679z',
  '0123456 0123457 0123458 0123467 0123567 0123478 0123678 0234568 0123468 0123469 0134568 0123479z 0124568 0123578 0124678 0123569 0124569z 0123589z 0123679 0124789 0124589 0125689 0234579 0123579 0234679 0134579 0124579 0135679 0124679 0124689 0134679 0134689 012468A 013468A 013568A 0123568z 0134578z 0124578z',
  '01234567 01234568 01234569 01234578 01234678 01235678 01234589 01234789 01236789 02345679 01234579 01345679 01234679 01245679 01234689z 01235789 01345689 01235689 01245689 01245789 0123468A 0123568A 0123578A 0124568A 0124678A 0124579A 0124578A 0134679A 01235679z',
  '012345678 012345679 012345689 012345789 012346789 01234568A 01234578A 01234678A 01235678A 01234679A 01235679A 01245689A',
  '0123456789 012345678A 012345679A 012345689A 012345789A 012346789A',
  '0123456789A',
  '0123456789AB',
];

export interface SetClass {
  /** Forte name with its Z where it has one: "4-Z15", "3-11" */
  readonly forteName: string;
  readonly cardinality: number;
  /** Forte's number within the cardinality */
  readonly forteNumber: number;
  /** the most packed form up to transposition and inversion: [0, 1, 4, 6] */
  readonly primeForm: readonly number[];
  /** how many of each interval class, 1 … 6: [1, 1, 1, 1, 1, 1] */
  readonly intervalVector: readonly number[];
  /** the set shares its interval vector with another class (Forte's Z relation) */
  readonly zRelated: boolean;
  /** the pitch classes in normal order (most packed rotation, smallest first interval to the left) */
  readonly normalOrder: readonly number[];
}

interface TableEntry {
  readonly cardinality: number;
  readonly forteNumber: number;
  readonly primeForm: readonly number[];
  readonly zRelated: boolean;
}

/** every set class, found by the smallest bit mask among its transpositions and inversions */
const BY_CLASS_MASK: ReadonlyMap<number, TableEntry> = new Map(
  FORTE_ORDER.flatMap((row, index) =>
    row.split(' ').map((written, position) => {
      const primeForm = [...written.replace('z', '')].map((digit) => parseInt(digit, 16));
      const entry = { cardinality: index + 1, forteNumber: position + 1, primeForm, zRelated: written.endsWith('z') };
      return [classMask(primeForm), entry] as const;
    }),
  ),
);

/** setClass([0, 4, 7]) → { forteName: "3-11", primeForm: [0, 3, 7], intervalVector: [0, 0, 1, 1, 1, 0], … }; undefined for the empty set */
export function setClass(pitchClasses: Iterable<number>): SetClass | undefined {
  const distinct = [...new Set([...pitchClasses].map((pitchClass) => ((pitchClass % 12) + 12) % 12))].sort((a, b) => a - b);
  if (distinct.length === 0) return undefined;
  const entry = BY_CLASS_MASK.get(classMask(distinct))!;
  return {
    forteName: `${entry.cardinality}-${entry.zRelated ? 'Z' : ''}${entry.forteNumber}`,
    cardinality: entry.cardinality,
    forteNumber: entry.forteNumber,
    primeForm: entry.primeForm,
    intervalVector: intervalVector(distinct),
    zRelated: entry.zRelated,
    normalOrder: normalOrder(distinct),
  };
}

/** intervalVector([0, 4, 7]) → [0, 0, 1, 1, 1, 0]: the count of each interval class among all pairs */
export function intervalVector(pitchClasses: readonly number[]): number[] {
  const vector = [0, 0, 0, 0, 0, 0];
  pitchClasses.forEach((low, index) =>
    pitchClasses.slice(index + 1).forEach((high) => {
      const interval = (((high - low) % 12) + 12) % 12;
      vector[Math.min(interval, 12 - interval) - 1]! += 1;
    }),
  );
  return vector;
}

/**
 * normalOrder([7, 0, 4]) → [0, 4, 7]: of the rotations of the sorted set, the one spanning least,
 * ties broken by the smaller interval from the first note to each next-to-last, as Rahn orders them
 */
export function normalOrder(sorted: readonly number[]): number[] {
  const rotations = sorted.map((_, start) => [...sorted.slice(start), ...sorted.slice(0, start)]);
  const span = (rotation: readonly number[], to: number) => (((rotation[to]! - rotation[0]!) % 12) + 12) % 12;
  return rotations.reduce((best, rotation) => {
    for (let to = rotation.length - 1; to > 0; to--) {
      if (span(rotation, to) !== span(best, to)) return span(rotation, to) < span(best, to) ? rotation : best;
    }
    return best;
  });
}

/** the smallest 12-bit mask among the set's 12 transpositions and their inversions: one number per set class */
function classMask(pitchClasses: readonly number[]): number {
  let smallest = Infinity;
  for (let transposition = 0; transposition < 12; transposition++) {
    let up = 0;
    let down = 0;
    for (const pitchClass of pitchClasses) {
      up |= 1 << (pitchClass + transposition) % 12;
      down |= 1 << (12 - pitchClass + transposition) % 12;
    }
    smallest = Math.min(smallest, up, down);
  }
  return smallest;
}
