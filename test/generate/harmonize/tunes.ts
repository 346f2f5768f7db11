/** Small melodies for the harmonizer's tests. */
import { buildScore } from '../../../src/core/build-score.js';
import { rational } from '../../../src/core/rational.js';
import type { Score } from '../../../src/core/score.js';
import { parsePitch } from '../../analysis/one-part-score.js';

/** "Twinkle, twinkle" in C: two bars of 4/4 per phrase, quarter notes, half notes at phrase ends */
export function twinkle(): Score {
  const tune = 'C4 C4 G4 G4 A4 A4 G4- F4 F4 E4 E4 D4 D4 C4-'.split(' ');
  let start = 0;
  const notes = tune.map((name) => {
    const duration = name.endsWith('-') ? 2 : 1;
    const note = { pitches: [parsePitch(name.replace('-', ''))], start: rational(start), duration: rational(duration) };
    start += duration;
    return note;
  });
  return buildScore({ title: 'Twinkle', key: { fifths: 0 }, time: { beats: '4', beatType: 4 }, parts: [{ name: 'Melody', notes }] });
}
