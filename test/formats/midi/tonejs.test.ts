/**
 * Our MIDI export read by an independent decoder (@tonejs/midi): as many notes as the score has once ties
 * are merged and repeats played out, each at the onset and key the score gives it.
 */
import { Midi } from '@tonejs/midi';
import { describe, expect, it } from 'vitest';
import { heardNotes } from '../../../src/core/notes.js';
import { toNumber } from '../../../src/core/rational.js';
import { unfoldRepeats } from '../../../src/core/unfold.js';
import { readScore } from '../../../src/formats/read-score.js';
import { writeMidi } from '../../../src/formats/midi/write.js';
import { bundledScores } from '../../support/bundled-corpus.js';

describe('@tonejs/midi on the MIDI Cadenza writes', () => {
  it.each(bundledScores().map((entry) => [entry.id, entry] as const))('%s: the tie-merged notes of the played-out score', (_id, entry) => {
    const score = readScore(entry.bytes, entry.format).score;
    const expected = unfoldRepeats(score).parts.flatMap((part) => heardNotes(part).map((note) => `${toNumber(note.start)}@${note.unpitched?.midiKey ?? note.pitch.midi}`)).sort();
    const midi = new Midi(writeMidi(score));
    const decoded = midi.tracks.flatMap((track) => track.notes.map((note) => `${note.ticks / midi.header.ppq}@${note.midi}`)).sort();
    expect(decoded).toHaveLength(expected.length);
    expect(decoded).toEqual(expected);
  });
});

describe('velocities in the MIDI Cadenza writes', () => {
  it('follow the dynamics of a Mozart quartet movement, read back by @tonejs/midi', async () => {
    const { readFileSync } = await import('node:fs');
    const { velocityAt } = await import('../../../src/core/loudness.js');
    const { TEST_SCORES } = await import('../../support/corpus.js');
    const score = readScore(new Uint8Array(readFileSync(`${TEST_SCORES}mozart/k156/movement1.mxl`)), 'mxl').score;
    const played = unfoldRepeats(score);
    const midi = new Midi(writeMidi(score));
    const tracks = midi.tracks.filter((track) => track.notes.length > 0);
    expect(tracks).toHaveLength(played.parts.length);
    const velocities = new Set<number>();
    played.parts.forEach((part, index) => {
      const loud = velocityAt(part);
      for (const note of tracks[index]!.notes) {
        const velocity = Math.round(note.velocity * 127);
        velocities.add(velocity);
        expect(velocity).toBe(loud(note.ticks / midi.header.ppq));
      }
    });
    // the movement's f and p, not one velocity for everything
    expect([...velocities]).toEqual(expect.arrayContaining([49, 96]));
  });
});
