/** Four-part (or any-part) chorales in 4/4 written as lists of [pitch, quarters] per voice, top voice first, for harmony tests. */
import { pitch, type Step } from '../../src/core/pitch.js';
import { rational } from '../../src/core/rational.js';
import type { Event, Measure, Score } from '../../src/core/score.js';

export type Voice = [string, number][]; // ["C4", quarters]

/** parseName("F#4") → F♯4; flats as "b" ("Bb3") */
function parseName(name: string) {
  const match = /^([A-G])(#|b)?(\d)$/.exec(name)!;
  return pitch(match[1] as Step, match[2] === '#' ? 1 : match[2] === 'b' ? -1 : 0, Number(match[3]));
}

/** chorale([[['E5', 4]], [['C5', 4]], [['G4', 4]], [['C3', 4]]]) → one measure of 4/4, each voice a part whose notes have ids "P1-e1", "P1-e2", …; "C5~" ties over */
export function chorale(voices: Voice[]): Score {
  const parts = voices.map((voice, index) => {
    const measures: Measure[] = [];
    let at = 0;
    let events: Event[] = [];
    let counter = 0;
    let tiedOver = false;
    for (const [name, length] of voice) {
      // "C5~" is tied to the next note
      const tiesOn = name.endsWith('~');
      const tie = tiedOver ? { tie: tiesOn ? ('continue' as const) : ('stop' as const) } : tiesOn ? { tie: 'start' as const } : {};
      events.push({ kind: 'note', id: `P${index + 1}-e${++counter}`, pitch: parseName(name.replace('~', '')), offset: rational((at % 4) * 2, 2), duration: rational(length * 2, 2), ...tie });
      tiedOver = tiesOn;
      at += length;
      if (at % 4 === 0) {
        const measureIndex = at / 4 - 1;
        measures.push({ number: String(measureIndex + 1), index: measureIndex, offset: rational(measureIndex * 4), duration: rational(4), voices: [{ id: '1', events }], ...(measureIndex === 0 ? { times: [{ offset: rational(0), value: { beats: '4', beatType: 4 } }] } : {}) });
        events = [];
      }
    }
    return { id: `P${index + 1}`, name: ['Soprano', 'Alto', 'Tenor', 'Bass'][index] ?? `Voice ${index + 1}`, staffCount: 1, measures };
  });
  return { metadata: { sourceFormat: 'generated' }, parts };
}
