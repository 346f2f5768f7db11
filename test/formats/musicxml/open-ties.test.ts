/** Tie starts without a written tie stop (Sibelius and Dolet exports) are joined as music21 joins them, and said. */
import { Midi } from '@tonejs/midi';
import { describe, expect, it } from 'vitest';
import { heardNotes } from '../../../src/core/notes.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';
import { writeMidi } from '../../../src/formats/midi/write.js';

const note = (step: string, tie = '') => `<note><pitch><step>${step}</step><octave>4</octave></pitch><duration>4</duration><voice>1</voice><type>whole</type>${tie}</note>`;
const START = '<tie type="start"/><notations><tied type="start"/></notations>';
const score = (...measures: string[]) =>
  `<score-partwise><part-list><score-part id="P1"/></part-list><part id="P1">${measures.map((body, index) => `<measure number="${index + 1}">${index === 0 ? '<attributes><divisions>1</divisions><time><beats>4</beats><beat-type>4</beat-type></time></attributes>' : ''}${body}</measure>`).join('')}</part></score-partwise>`;

describe('a tie start with no tie stop', () => {
  it('is joined to the next note of the same pitch, which MIDI then holds instead of striking again', () => {
    const { score: read, diagnostics } = readMusicXml(score(note('C', START), note('C'), note('C')));
    expect(heardNotes(read.parts[0]!).map((heard) => [heard.start.n, heard.end.n])).toEqual([[0, 8], [8, 12]]);
    expect(diagnostics.map((diagnostic) => diagnostic.message)).toEqual([expect.stringMatching(/^1 tie start had no written tie stop; each was joined/)]);
    const midi = new Midi(writeMidi(read));
    expect(midi.tracks.flatMap((track) => track.notes).length).toBe(2);
  });

  it('is left open when the next note has another pitch, and a written tie stop is not doubled', () => {
    const { score: read, diagnostics } = readMusicXml(score(note('C', START), note('D'), note('D', START), note('D', '<tie type="stop"/>')));
    expect(heardNotes(read.parts[0]!)).toHaveLength(3);
    expect(diagnostics).toEqual([]);
  });
});
