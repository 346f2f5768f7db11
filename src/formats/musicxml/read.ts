/**
 * MusicXML importer: .xml/.musicxml text or compressed .mxl bytes → Score, with diagnostics for what
 * was recoverable. Partwise and timewise documents; safe against entity attacks and oversized input.
 */
import type { Diagnostic, ImportResult } from '../../core/diagnostics.js';
import { CadenzaError } from '../../core/errors.js';
import type { Part } from '../../core/score.js';
import { DEFAULT_MAX_UNPACKED_BYTES, decodeXmlText, isZip, unpackMxl } from './decode.js';
import { isEncodedByFinale, readMetadata, readPartList, readPercussionKits } from './header.js';
import { joinOpenTies } from './open-ties.js';
import { readPart } from './part.js';
import type { InflateRaw } from './zip.js';
import { DEFAULT_XML_LIMITS, attribute, parseXml, type XmlElement, type XmlLimits } from './xml-scanner.js';

/** Engraving detail the model does not keep; skipping it saves a third of the scanning. */
const LAYOUT_ELEMENTS: ReadonlySet<string> = new Set(['defaults', 'print', 'stem', 'beam', 'notehead', 'accidental', 'appearance']);

export interface MusicXmlOptions {
  /** bound on the unpacked size of the score inside an .mxl */
  readonly maxUnpackedBytes?: number;
  readonly xmlLimits?: XmlLimits;
  /** the raw-DEFLATE step of .mxl unpacking; fflate's when not given (a host may pass a native zlib's) */
  readonly inflateRaw?: InflateRaw;
}

/** readMusicXml(bytes of bwv66.6.mxl) → { score: 4 parts, 10 measures each, …, diagnostics: [] } */
export function readMusicXml(input: Uint8Array | string, options: MusicXmlOptions = {}): ImportResult {
  const compressed = typeof input !== 'string' && isZip(input);
  const text =
    typeof input === 'string'
      ? input
      : decodeXmlText(compressed ? unpackMxl(input, options.maxUnpackedBytes ?? DEFAULT_MAX_UNPACKED_BYTES, options.inflateRaw) : input);
  const root = parseXml(text, options.xmlLimits ?? DEFAULT_XML_LIMITS, LAYOUT_ELEMENTS);
  const partElements = partwiseParts(root);
  const headers = readPartList(root);
  const diagnostics: Diagnostic[] = [];
  const context = { source: text, diagnostics, forwardIsRest: isEncodedByFinale(root), kits: readPercussionKits(root) };
  const parts: Part[] = partElements.map((element) => {
    const id = attribute(element, 'id') ?? '';
    if (!headers.has(id)) diagnostics.push({ severity: 'warning', message: `Part "${id}" is not declared in <part-list>.`, partId: id });
    return withJoinedTies(withExactTime(() => readPart(element, headers.get(id), context), id), diagnostics);
  });
  return { score: { metadata: readMetadata(root, compressed ? 'mxl' : 'musicxml'), parts }, diagnostics };
}

/** tie starts a writer left without their stop, joined to the next note of the pitch as music21 joins them, and said */
function withJoinedTies(part: Part, diagnostics: Diagnostic[]): Part {
  const { part: joinedPart, joined } = joinOpenTies(part);
  if (joined > 0) {
    diagnostics.push({
      severity: 'info',
      message: `${joined} tie start${joined === 1 ? '' : 's'} had no written tie stop; each was joined to the next note of the same pitch in its voice, as music21 reads them.`,
      partId: part.id,
    });
  }
  return joinedPart;
}

/** Exact time overflows only on absurd input (ever-changing prime divisions); say so instead of crashing. */
function withExactTime<T>(read: () => T, partId: string): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new CadenzaError('PARSE_FAILED', `The durations in part "${partId}" cannot be kept exactly (${error.message}).`, {
      cause: error,
      hint: 'The file mixes <divisions> values whose common multiple is too large; re-export it from the notation program.',
    });
  }
}

function partwiseParts(root: XmlElement): XmlElement[] {
  let parts: XmlElement[];
  if (root.name === 'score-partwise') parts = root.children.filter((element) => element.name === 'part');
  else if (root.name === 'score-timewise') parts = timewiseToPartwise(root);
  else {
    throw new CadenzaError('PARSE_FAILED', `This XML is not a MusicXML score: its root element is <${root.name}>.`, {
      hint: 'A MusicXML score starts with <score-partwise> or <score-timewise>.',
    });
  }
  if (parts.length === 0) {
    throw new CadenzaError('PARSE_FAILED', 'The MusicXML score has no <part>.', { hint: 'Export the score with at least one part.' });
  }
  return parts;
}

/** Timewise documents nest parts in measures; regroup them as partwise parts, in first-seen order. */
function timewiseToPartwise(root: XmlElement): XmlElement[] {
  const parts = new Map<string, XmlElement>();
  for (const measure of root.children) {
    if (measure.name !== 'measure') continue;
    for (const part of measure.children) {
      if (part.name !== 'part') continue;
      const id = attribute(part, 'id') ?? '';
      let target = parts.get(id);
      if (!target) parts.set(id, (target = { ...part, children: [] }));
      target.children.push({ ...measure, children: part.children });
    }
  }
  return [...parts.values()];
}
