/**
 * <scoreDef>, <staffGrp> and <staffDef>: which staves make up which part, and what each staff's clef,
 * key, meter and ppq are. Attributes (MEI 4's key.sig, meter.count, clef.shape; MEI 5's keysig) and
 * child elements (<keySig>, <meterSig>, <clef>, <label>) are both read.
 */
import type { Clef, KeySignature, TimeSignature, Transposition } from '../../core/score.js';
import { attribute, child, type XmlElement } from '../musicxml/xml-scanner.js';
import { keySignature, meiClef } from './vocabulary.js';

/** What a scoreDef or staffDef says; each field only when it says it. */
export interface StaffSettings {
  clef?: Clef;
  key?: KeySignature;
  time?: TimeSignature;
  /** pulses per quarter note, for @dur.ppq */
  ppq?: number;
  transposition?: Transposition;
}

export interface PartLayout {
  /** the staves' @n, top to bottom */
  readonly staves: readonly string[];
  readonly name?: string;
  readonly abbreviation?: string;
}

/** settingsOf(<staffDef n="1" clef.shape="G" clef.line="2" key.sig="1s" meter.count="3" meter.unit="4"/>) */
export function settingsOf(element: XmlElement): StaffSettings {
  const settings: StaffSettings = {};
  const keySig = child(element, 'keySig');
  const key = keySig
    ? keySignature(attribute(keySig, 'sig'), attribute(keySig, 'mode'))
    : keySignature(attribute(element, 'key.sig') ?? attribute(element, 'keysig'), attribute(element, 'key.mode'));
  if (key) settings.key = key;
  const meterSig = child(element, 'meterSig');
  const time = meterSig
    ? meter(attribute(meterSig, 'count'), attribute(meterSig, 'unit'), attribute(meterSig, 'sym'))
    : meter(attribute(element, 'meter.count'), attribute(element, 'meter.unit'), attribute(element, 'meter.sym'));
  if (time) settings.time = time;
  const clefElement = child(element, 'clef');
  const clef = clefElement
    ? meiClef(attribute(clefElement, 'shape'), attribute(clefElement, 'line'), attribute(clefElement, 'dis'), attribute(clefElement, 'dis.place'))
    : meiClef(attribute(element, 'clef.shape'), attribute(element, 'clef.line'), attribute(element, 'clef.dis'), attribute(element, 'clef.dis.place'));
  if (clef) settings.clef = clef;
  const ppq = Number(attribute(element, 'ppq'));
  if (Number.isInteger(ppq) && ppq > 0 && ppq <= 1_000_000) settings.ppq = ppq;
  const diatonic = Number(attribute(element, 'trans.diat'));
  const chromatic = Number(attribute(element, 'trans.semi'));
  if (Number.isInteger(diatonic) && Number.isInteger(chromatic) && (diatonic !== 0 || chromatic !== 0)) {
    settings.transposition = { diatonic, chromatic, octaveChange: 0 };
  }
  return settings;
}

/** meter("3", "4") → 3/4; meter(undefined, undefined, "cut") → 2/2 */
export function meter(count: string | undefined, unit: string | undefined, sym: string | undefined): TimeSignature | undefined {
  const symbol = sym === 'common' || sym === 'cut' ? sym : undefined;
  const beats = count?.trim() || (symbol === 'common' ? '4' : symbol === 'cut' ? '2' : undefined);
  const beatType = Number(unit ?? (symbol === 'common' ? 4 : symbol === 'cut' ? 2 : NaN));
  if (beats === undefined || !/^\d+(\+\d+)*$/.test(beats) || !Number.isInteger(beatType) || beatType <= 0) return undefined;
  return symbol ? { beats, beatType, symbol } : { beats, beatType };
}

/** every <staffDef> under a scoreDef (or staffGrp), in document order */
export function staffDefsOf(element: XmlElement): XmlElement[] {
  const found: XmlElement[] = [];
  for (const item of element.children) {
    if (item.name === 'staffDef') found.push(item);
    else if (item.name === 'staffGrp') found.push(...staffDefsOf(item));
  }
  return found;
}

/**
 * partsOf(<scoreDef>) → the parts: a braced group of staves (a piano, an organ) is one part written on
 * several staves; every other staff is a part of its own.
 */
export function partsOf(scoreDef: XmlElement): PartLayout[] {
  const parts: PartLayout[] = [];
  const visit = (group: XmlElement): void => {
    const staffDefs = group.children.filter((item) => item.name === 'staffDef');
    if (isOnePart(group, staffDefs)) {
      parts.push(layout(staffDefs.map((def) => attribute(def, 'n') ?? ''), labelOf(group) ?? labelOf(staffDefs[0]!), abbreviationOf(group) ?? abbreviationOf(staffDefs[0]!)));
      return;
    }
    for (const item of group.children) {
      if (item.name === 'staffGrp') visit(item);
      else if (item.name === 'staffDef') parts.push(layout([attribute(item, 'n') ?? ''], labelOf(item), abbreviationOf(item)));
    }
  };
  visit(scoreDef);
  return parts;
}

function isOnePart(group: XmlElement, staffDefs: readonly XmlElement[]): boolean {
  if (group.name !== 'staffGrp' || staffDefs.length < 2 || group.children.some((item) => item.name === 'staffGrp')) return false;
  const grpSym = child(group, 'grpSym');
  const symbol = attribute(group, 'symbol') ?? (grpSym ? attribute(grpSym, 'symbol') : undefined);
  if (symbol === 'brace') return true;
  return labelOf(group) !== undefined && staffDefs.every((def) => labelOf(def) === undefined);
}

function layout(staves: string[], name: string | undefined, abbreviation: string | undefined): PartLayout {
  return { staves, ...(name ? { name } : {}), ...(abbreviation ? { abbreviation } : {}) };
}

function labelOf(element: XmlElement): string | undefined {
  return (child(element, 'label')?.text.trim() || attribute(element, 'label')?.trim()) || undefined;
}

function abbreviationOf(element: XmlElement): string | undefined {
  return (child(element, 'labelAbbr')?.text.trim() || attribute(element, 'label.abbr')?.trim()) || undefined;
}
