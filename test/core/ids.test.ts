/** Stable ids: kept from the file (MusicXML id, MEI xml:id), made from the position otherwise, written back. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasEveryId, idsOf, withIds, xmlName } from '../../src/core/ids.js';
import type { Score } from '../../src/core/score.js';
import { writeMei } from '../../src/formats/mei/write.js';
import { writeMusicXml } from '../../src/formats/musicxml/write.js';
import { readScore } from '../../src/formats/read-score.js';
import { TEST_SCORES } from '../support/corpus.js';

const chorale = () => readScore(readFileSync(`${TEST_SCORES}bach/bwv113.8.mxl`), 'mxl').score;
const text = (value: string) => new TextEncoder().encode(value);

function eventIds(score: Score): string[] {
  return score.parts.flatMap((part) =>
    part.measures.flatMap((measure) => [measure.id!, ...measure.voices.flatMap((voice) => voice.events.flatMap((event) => [event.id!, ...(event.kind === 'chord' ? event.notes.map((note) => note.id!) : [])]))]),
  );
}

describe('withIds', () => {
  it('gives every measure, event and chord note an id, all unique, the same on every import', () => {
    const first = withIds(chorale());
    const ids = eventIds(first);
    expect(ids.every((id) => typeof id === 'string' && /^[A-Za-z_][\w.-]*$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(eventIds(withIds(chorale()))).toEqual(ids);
    expect(withIds(first)).toBe(first);
    expect(idsOf(first).size).toBe(ids.length + first.parts.length);
  });

  it('keeps the ids a MusicXML file gives, and MusicXML and MEI written from the score read back with the same ids', () => {
    const score = withIds(chorale());
    const fromMusicXml = withIds(readScore(text(writeMusicXml(score)), 'musicxml').score);
    expect(eventIds(fromMusicXml)).toEqual(eventIds(score));
    const fromMei = readScore(text(writeMei(score)), 'mei').score;
    const meiEvents = fromMei.parts.flatMap((part) => part.measures.flatMap((measure) => measure.voices.flatMap((voice) => voice.events.map((event) => event.id))));
    const ours = new Set(eventIds(score));
    expect(meiEvents.filter((id) => id !== undefined && ours.has(id)).length).toBeGreaterThan(50);
  });

  it('renames a duplicate id from a file rather than keep two things under one name', () => {
    const score = withIds(chorale());
    const [first, second] = score.parts[0]!.measures;
    const twice = { ...score, parts: [{ ...score.parts[0]!, measures: [first!, { ...second!, id: first!.id }, ...score.parts[0]!.measures.slice(2)] }, ...score.parts.slice(1)] };
    const ids = eventIds(withIds(twice));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('makes XML names of what formats without ids call their parts', () => {
    expect([xmlName('P1'), xmlName('V:1'), xmlName('1')]).toEqual(['P1', 'V_1', 'p1']);
  });
});

describe('withIds on hostile input', () => {
  it('stays linear when a file gives every note the same id', () => {
    const bars = Array.from({ length: 3000 }, (_, bar) => `<measure number="${bar + 1}" id="x">${'<note id="x"><pitch><step>C</step><octave>4</octave></pitch><duration>1</duration></note>'.repeat(4)}</measure>`).join('');
    const xml = `<?xml version="1.0"?><score-partwise version="4.0"><part-list><score-part id="P1"><part-name>A</part-name></score-part></part-list><part id="P1"><measure number="0"><attributes><divisions>1</divisions></attributes></measure>${bars}</part></score-partwise>`;
    const ids = eventIds(withIds(readScore(text(xml), 'musicxml').score));
    expect(ids.length).toBeGreaterThan(15_000);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tells a score that has every id (one a Cadenza with ids wrote) from one that lacks any', () => {
    const read = chorale();
    const complete = withIds(read);
    expect(hasEveryId(complete)).toBe(true);
    const part = complete.parts[1]!;
    const lacking = {
      ...complete,
      parts: complete.parts.map((entry) => (entry !== part ? entry : { ...part, measures: part.measures.map((measure, index) => (index !== 4 ? measure : { ...measure, voices: measure.voices.map((voice) => ({ ...voice, events: voice.events.map((event, at) => (at === 0 ? { ...event, id: undefined } : event)) })) })) })),
    };
    expect(hasEveryId(lacking)).toBe(false);
    expect(hasEveryId(withIds(lacking))).toBe(true);
  });
});
