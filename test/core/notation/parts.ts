/** Small parts written as text for the notation tests: "F#4:1/2" is F♯4 lasting an eighth, "r:1" a quarter rest, "C4+E4:1" a chord, a trailing "~" starts a tie. */
import { isStep, pitch, type Pitch } from '../../../src/core/pitch.js';
import { add, rational, ZERO, type Rational } from '../../../src/core/rational.js';
import type { Event, Measure, Part, TieType, TimeSignature } from '../../../src/core/score.js';

function parsePitch(text: string): Pitch {
  const match = /^([A-G])(#{1,2}|b{1,2}|)(-?\d)$/.exec(text);
  if (!match || !isStep(match[1]!)) throw new Error(`bad pitch ${text}`);
  const alter = match[2]!.startsWith('#') ? match[2]!.length : -match[2]!.length;
  return pitch(match[1], alter, Number(match[3]));
}

function parseLength(text: string): Rational {
  const [n, d = '1'] = text.split('/');
  return rational(Number(n), Number(d));
}

/** bars of events in one voice; ties given with "~" continue into the next note of the same pitch */
export function part(bars: readonly string[], options: { fifths?: number; time?: TimeSignature; staffCount?: number } = {}): Part {
  const time = options.time ?? { beats: '4', beatType: 4 };
  let measureOffset: Rational = ZERO;
  const tiedInto = new Set<number>();
  const measures: Measure[] = bars.map((bar, index) => {
    let offset: Rational = ZERO;
    const events: Event[] = bar.split(/\s+/).filter(Boolean).map((token) => {
      const [body, lengthText] = token.replace(/~$/, '').split(':');
      const duration = parseLength(lengthText!);
      const start = offset;
      offset = add(offset, duration);
      if (body === 'r') return { kind: 'rest', offset: start, duration };
      const pitches = body!.split('+').map(parsePitch);
      const ties = pitches.map((p) => {
        const stops = tiedInto.has(p.midi);
        const starts = token.endsWith('~');
        tiedInto.delete(p.midi);
        if (starts) tiedInto.add(p.midi);
        const tie: TieType | undefined = stops && starts ? 'continue' : stops ? 'stop' : starts ? 'start' : undefined;
        return tie;
      });
      if (pitches.length === 1) return { kind: 'note', offset: start, duration, pitch: pitches[0]!, ...(ties[0] ? { tie: ties[0] } : {}) };
      return { kind: 'chord', offset: start, duration, notes: pitches.map((p, i) => ({ pitch: p, ...(ties[i] ? { tie: ties[i] } : {}) })) };
    });
    const measure: Measure = {
      number: String(index + 1),
      index,
      offset: measureOffset,
      duration: offset,
      ...(index === 0 ? { keys: [{ offset: ZERO, value: { fifths: options.fifths ?? 0 } }], times: [{ offset: ZERO, value: time }] } : {}),
      voices: [{ id: '1', events }],
    };
    measureOffset = add(measureOffset, offset);
    return measure;
  });
  return { id: 'P1', staffCount: options.staffCount ?? 1, measures };
}

/** every event of the part, in order */
export function eventsOf(target: Part): Event[] {
  return target.measures.flatMap((measure) => measure.voices.flatMap((voice) => voice.events));
}
