/** The score header: metadata from work/movement/identification, and the part list. */
import type { Instrument, Metadata, SourceFormat, Unpitched } from '../../core/score.js';
import { attribute, child, childText, type XmlElement } from './xml-scanner.js';

export interface PartHeader {
  readonly name?: string;
  readonly abbreviation?: string;
  readonly instrument?: Instrument;
}

/** readMetadata(<score-partwise>) → { title: "Jesu, meine Freude", composer: "J. S. Bach", … } */
export function readMetadata(root: XmlElement, sourceFormat: SourceFormat): Metadata {
  const work = child(root, 'work');
  const identification = child(root, 'identification');
  const creators = identification ? identification.children.filter((element) => element.name === 'creator') : [];
  const creator = (type: string) => nonEmpty(creators.find((element) => attribute(element, 'type') === type)?.text);
  const workTitle = work ? nonEmpty(childText(work, 'work-title')) : undefined;
  const movementTitle = nonEmpty(childText(root, 'movement-title'));
  const metadata: Record<string, string | undefined> = {
    title: workTitle ?? movementTitle ?? creditTitle(root),
    composer: creator('composer'),
    lyricist: creator('lyricist') ?? creator('poet'),
    movementTitle,
    movementNumber: nonEmpty(childText(root, 'movement-number')),
    workTitle,
    workNumber: work ? nonEmpty(childText(work, 'work-number')) : undefined,
    rights: identification ? nonEmpty(childText(identification, 'rights')) : undefined,
  };
  return { ...dropUndefined(metadata), sourceFormat };
}

/** True when the first <software> of <encoding> is Finale, whose <forward> tags stand for hidden rests. */
export function isEncodedByFinale(root: XmlElement): boolean {
  const identification = child(root, 'identification');
  const encoding = identification && child(identification, 'encoding');
  const software = encoding?.children.find((element) => element.name === 'software' && element.text.trim() !== '');
  return software !== undefined && software.text.includes('Finale');
}

/** readPartList(<score-partwise>) → Map of part id → name, abbreviation, instrument */
export function readPartList(root: XmlElement): Map<string, PartHeader> {
  const headers = new Map<string, PartHeader>();
  const partList = child(root, 'part-list');
  if (!partList) return headers;
  for (const scorePart of partList.children) {
    if (scorePart.name !== 'score-part') continue;
    const id = attribute(scorePart, 'id');
    if (id === undefined) continue;
    const header: Record<string, unknown> = {
      name: nonEmpty(childText(scorePart, 'part-name')),
      abbreviation: nonEmpty(childText(scorePart, 'part-abbreviation')),
      instrument: readInstrument(scorePart),
    };
    headers.set(id, dropUndefined(header) as PartHeader);
  }
  return headers;
}

/**
 * readPercussionKits(<score-partwise>) → per part id, its instruments by id with name and General MIDI key:
 * what an <unpitched> note's <instrument id> plays. MusicXML's <midi-unpitched> counts keys from 1.
 */
export function readPercussionKits(root: XmlElement): Map<string, Map<string, Unpitched>> {
  const kits = new Map<string, Map<string, Unpitched>>();
  for (const scorePart of child(root, 'part-list')?.children ?? []) {
    const partId = scorePart.name === 'score-part' ? attribute(scorePart, 'id') : undefined;
    if (partId === undefined) continue;
    const kit = new Map<string, Unpitched>();
    for (const entry of scorePart.children) {
      const id = attribute(entry, 'id');
      if (id === undefined || (entry.name !== 'score-instrument' && entry.name !== 'midi-instrument')) continue;
      const known = kit.get(id) ?? {};
      const key = integer(childText(entry, 'midi-unpitched'));
      const name = entry.name === 'score-instrument' ? nonEmpty(childText(entry, 'instrument-name')) : undefined;
      kit.set(id, { ...known, ...(name !== undefined ? { instrument: name } : {}), ...(key !== undefined && key >= 1 && key <= 128 ? { midiKey: key - 1 } : {}) });
    }
    kits.set(partId, kit);
  }
  return kits;
}

function readInstrument(scorePart: XmlElement): Instrument | undefined {
  const scoreInstrument = child(scorePart, 'score-instrument');
  const midi = child(scorePart, 'midi-instrument');
  const instrument = dropUndefined({
    name: scoreInstrument ? nonEmpty(childText(scoreInstrument, 'instrument-name')) : undefined,
    midiProgram: midi ? integer(childText(midi, 'midi-program')) : undefined,
    midiChannel: midi ? integer(childText(midi, 'midi-channel')) : undefined,
    midiUnpitched: midi ? integer(childText(midi, 'midi-unpitched')) : undefined,
  });
  return Object.keys(instrument).length > 0 ? instrument : undefined;
}

function creditTitle(root: XmlElement): string | undefined {
  for (const credit of root.children) {
    if (credit.name !== 'credit' || childText(credit, 'credit-type') !== 'title') continue;
    const words = nonEmpty(childText(credit, 'credit-words'));
    if (words) return words;
  }
  return undefined;
}

function nonEmpty(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

function integer(text: string | undefined): number | undefined {
  const value = text === undefined ? NaN : Number(text);
  return Number.isInteger(value) ? value : undefined;
}

function dropUndefined<T extends Record<string, unknown>>(record: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) result[key] = value;
  return result as { [K in keyof T]: Exclude<T[K], undefined> };
}
