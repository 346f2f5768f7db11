/** What a part's notation has in force at a given measure: key, meter, clefs, transposition, tempo. */
import { compare, ZERO } from '../../core/rational.js';
import type { Clef, KeySignature, Measure, Part, TempoMark, TimeSignature, Timed, Transposition } from '../../core/score.js';

export interface InForce {
  readonly key?: KeySignature;
  readonly time?: TimeSignature;
  /** the last clef of each staff (key: staff number, 0 when the clef was for every staff) */
  readonly clefs: ReadonlyMap<number, Clef>;
  readonly transposition?: Transposition;
  readonly tempo?: TempoMark;
}

/** inForceAt(part, 2) → the key, meter and clefs a reader has in mind at the start of the third measure */
export function inForceAt(part: Part, index: number): InForce {
  let key: KeySignature | undefined;
  let time: TimeSignature | undefined;
  let transposition = part.transposition;
  let tempo: TempoMark | undefined;
  const clefs = new Map<number, Clef>();
  part.measures.slice(0, index + 1).forEach((measure, at) => {
    // in the measure itself only what stands at its very start counts
    const upTo = <T>(items: readonly Timed<T>[] | undefined): Timed<T>[] => (items ?? []).filter((item) => at < index || compare(item.offset, ZERO) <= 0);
    key = upTo(measure.keys).at(-1)?.value ?? key;
    time = upTo(measure.times).at(-1)?.value ?? time;
    transposition = upTo(measure.transpositions).at(-1)?.value ?? transposition;
    tempo = upTo(measure.tempos).at(-1)?.value ?? tempo;
    for (const clef of upTo(measure.clefs)) clefs.set(clef.staff ?? 0, clef.value);
  });
  return { ...(key ? { key } : {}), ...(time ? { time } : {}), clefs, ...(transposition ? { transposition } : {}), ...(tempo ? { tempo } : {}) };
}

/** withInForce(measure, inForce) → the measure with the key, meter, clefs, … written at its start where it lacks them */
export function withInForce(measure: Measure, inForce: InForce): Measure {
  const atStart = <T>(items: readonly Timed<T>[] | undefined) => (items ?? []).some((item) => compare(item.offset, ZERO) <= 0);
  const clefs = [...inForce.clefs].map(([staff, value]) => ({ offset: ZERO, ...(staff ? { staff } : {}), value }));
  return {
    ...measure,
    ...(inForce.key && !atStart(measure.keys) ? { keys: [{ offset: ZERO, value: inForce.key }, ...(measure.keys ?? [])] } : {}),
    ...(inForce.time && !atStart(measure.times) ? { times: [{ offset: ZERO, value: inForce.time }, ...(measure.times ?? [])] } : {}),
    ...(clefs.length > 0 && !atStart(measure.clefs) ? { clefs: [...clefs, ...(measure.clefs ?? [])] } : {}),
    ...(inForce.tempo && !atStart(measure.tempos) ? { tempos: [{ offset: ZERO, value: inForce.tempo }, ...(measure.tempos ?? [])] } : {}),
  };
}
