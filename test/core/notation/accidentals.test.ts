import { describe, expect, it } from 'vitest';
import { accidentalSign, displayAccidentals, keySignatureAlter } from '../../../src/core/notation/accidentals.js';
import { eventsOf, part } from './parts.js';

/** the signs shown, one string per event: "" for none, "(natural)" for a courtesy */
function shown(bars: readonly string[], fifths = 0): string[] {
  const written = part(bars, { fifths });
  const accidentals = displayAccidentals(written);
  return eventsOf(written).filter((event) => event.kind !== 'rest').map((event) =>
    accidentals.get(event)!.map((sign) => (sign ? (sign.cautionary ? `(${sign.sign})` : sign.sign) : '')).join(','),
  );
}

describe('displayAccidentals', () => {
  it('shows an accidental once per bar and line, and a natural to cancel it', () => {
    expect(shown(['F#4:1 F#4:1 F4:1 F#4:1'])).toEqual(['sharp', '', 'natural', 'sharp']);
  });

  it('shows nothing the key signature already says, and the natural against it (E♯ in F♯ minor, E after it)', () => {
    expect(shown(['F#4:1 C#5:1 E#4:1 E4:1'], 3)).toEqual(['', '', 'sharp', 'natural']);
  });

  it('starts every bar from the key signature, with a courtesy natural after an altered bar', () => {
    expect(shown(['G#4:2 A4:2', 'G4:2 G4:2'])).toEqual(['sharp', '', '(natural)', '']);
  });

  it('holds an accidental only in its octave, with a courtesy sign on the other octave', () => {
    expect(shown(['F#4:1 F#5:1 F4:1 C4:1'])).toEqual(['sharp', 'sharp', 'natural', '']);
    expect(shown(['F#4:1 F5:1 r:2'])).toEqual(['sharp', '(natural)']);
  });

  it('shows no accidental on a note tied over, even across the bar, and asks for it again afterwards', () => {
    expect(shown(['C4:2 F#4:2~', 'F#4:1 F#4:1 r:2'])).toEqual(['', 'sharp', '', 'sharp']);
  });

  it('gives each member of a chord its own sign, both on a line shared by two spellings', () => {
    expect(shown(['C4+Eb4+G4:2 F4+F#4:2'])).toEqual([',flat,', 'natural,sharp']);
  });

  it('names every alteration it can: double sharps and flats, quarter tones; none for a third of a tone', () => {
    expect([2, -2, 0.5, -1.5].map(accidentalSign)).toEqual(['double-sharp', 'flat-flat', 'quarter-sharp', 'three-quarters-flat']);
    expect(accidentalSign(1 / 3)).toBeUndefined();
  });

  it('reads key signatures in the order of sharps and flats', () => {
    expect(keySignatureAlter(3, 'G')).toBe(1);
    expect(keySignatureAlter(3, 'D')).toBe(0);
    expect(keySignatureAlter(-2, 'E')).toBe(-1);
    expect(keySignatureAlter(-2, 'A')).toBe(0);
    expect(keySignatureAlter(7, 'B')).toBe(1);
  });
});

describe('displayAccidentals across bars of rests', () => {
  it('keeps the key signature of a first bar that has only rests', () => {
    expect(shown(['r:4', 'B4:2 Bb4:2'], -1)).toEqual(['natural', 'flat']);
  });
});

describe('displayAccidentals on a stray tie', () => {
  it('shows the sign of a note marked tied over when no tie leads into it', () => {
    const written = part(['F#4:4']);
    const [event] = eventsOf(written);
    const stray = { ...written, measures: [{ ...written.measures[0]!, voices: [{ id: '1', events: [{ ...event!, tie: 'stop' as const }] }] }] };
    expect(displayAccidentals(stray).get(eventsOf(stray)[0]!)).toEqual([{ sign: 'sharp', cautionary: false }]);
  });
});
