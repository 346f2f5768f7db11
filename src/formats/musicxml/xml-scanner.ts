/**
 * A small, safe XML scanner shaped for MusicXML: it builds an ordered element tree with indexOf-based
 * scanning (general parsers cost 10–40× more on MusicXML, see bench/README.md). It never resolves
 * DTDs or entities beyond XML's five and character references, refuses entity declarations outright
 * (billion-laughs, XXE), and bounds element count and depth.
 */
import { CadenzaError } from '../../core/errors.js';

export interface XmlElement {
  readonly name: string;
  /** the document, and where this element's attributes sit in it: read on demand by `attribute` */
  readonly source: string;
  readonly attributesStart: number;
  readonly attributesEnd: number;
  /** shared and empty until the first child arrives (most elements are leaves) */
  children: XmlElement[];
  /** a leaf's character data, entity-decoded ('' for elements with children) */
  text: string;
  /** offset of the start tag in the source, to name a line in messages */
  readonly start: number;
}

const NO_CHILDREN: XmlElement[] = [];

export interface XmlLimits {
  readonly maxElements: number;
  readonly maxDepth: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxElements: 4_000_000, maxDepth: 256 };

const NOTHING_SKIPPED: ReadonlySet<string> = new Set();

const GT = 62; // >
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;

/**
 * parseXml('<a x="1"><b>hi</b></a>') → the <a> element with one child <b> whose text is "hi".
 * Elements named in `skip` are left out with their content (a reader that ignores them need not pay for them).
 */
export function parseXml(source: string, limits: XmlLimits = DEFAULT_XML_LIMITS, skip = NOTHING_SKIPPED): XmlElement {
  return new Scanner(source, limits, skip).document();
}

/** attribute(<note print-object="no">, 'print-object') → "no"; absent → undefined */
export function attribute(element: XmlElement, name: string): string | undefined {
  if (element.attributesEnd - element.attributesStart <= name.length) return undefined;
  // A slice bounds the search to this tag; indexOf on the whole document would scan to its end.
  const source = element.source.slice(element.attributesStart, element.attributesEnd);
  for (let at = source.indexOf(name); at >= 0; at = source.indexOf(name, at + 1)) {
    let after = at + name.length;
    while (isSpace(source.charCodeAt(after))) after++;
    if (isSpace(source.charCodeAt(at - 1)) && source.charCodeAt(after) === 61 /* = */) {
      let quoteAt = after + 1;
      while (isSpace(source.charCodeAt(quoteAt))) quoteAt++;
      const valueEnd = source.indexOf(source[quoteAt]!, quoteAt + 1);
      const raw = source.slice(quoteAt + 1, valueEnd);
      return raw.indexOf('&') >= 0 ? decodeEntities(raw, 0) : raw;
    }
  }
  return undefined;
}

/** child(<note>, 'pitch') → the first <pitch> child, or undefined */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  const children = element.children;
  for (let i = 0; i < children.length; i++) if (children[i]!.name === name) return children[i];
  return undefined;
}

/** childText(<pitch>, 'step') → "G"; trimmed; absent → undefined */
export function childText(element: XmlElement, name: string): string | undefined {
  const found = child(element, name);
  return found === undefined ? undefined : found.text.trim();
}

/** lineOf(source, offset) → 1-based line number (one scan: for a single message) */
export function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let at = source.indexOf('\n'); at >= 0 && at < offset; at = source.indexOf('\n', at + 1)) line++;
  return line;
}

/**
 * lineLocator(source)(offset) → 1-based line number, for a reader that names many lines: the newlines
 * are found once, on the first question, and each answer is a binary search (not a scan per message).
 */
export function lineLocator(source: string): (offset: number) => number {
  let newlines: number[] | undefined;
  return (offset) => {
    if (newlines === undefined) {
      newlines = [];
      for (let at = source.indexOf('\n'); at >= 0; at = source.indexOf('\n', at + 1)) newlines.push(at);
    }
    let [low, high] = [0, newlines.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (newlines[middle]! < offset) low = middle + 1;
      else high = middle;
    }
    return low + 1;
  };
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}

/** a Map, not an object literal: `&__proto__;` or `&toString;` must not find Object.prototype's members */
const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['quot', '"'], ['apos', "'"]]);

function decodeEntities(raw: string, offset: number, source?: string): string {
  return raw.replace(/&([^;&\s]{1,10});/g, (whole, name: string) => {
    if (name.charCodeAt(0) === 35 /* # */) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (Number.isInteger(code) && code > 0 && code <= 0x10ffff) return String.fromCodePoint(code);
    } else {
      const character = NAMED_ENTITIES.get(name);
      if (character !== undefined) return character;
    }
    const where = source === undefined ? '' : ` at line ${lineOf(source, offset)}`;
    throw new CadenzaError('PARSE_FAILED', `Unknown XML entity ${whole}${where}.`, {
      hint: 'Only the five XML entities and numeric character references are accepted.',
    });
  });
}

class Scanner {
  private at = 0;
  private elementCount = 0;
  private doubleQuoteAt = -1;
  private singleQuoteAt = -1;
  private readonly stack: XmlElement[] = [];

  constructor(
    private readonly source: string,
    private readonly limits: XmlLimits,
    private readonly skip: ReadonlySet<string>,
  ) {}

  document(): XmlElement {
    let root: XmlElement | undefined;
    const source = this.source;
    while (this.at < source.length) {
      const lt = source.indexOf('<', this.at);
      if (lt < 0) {
        this.text(source.length);
        break;
      }
      if (lt > this.at) this.text(lt);
      this.at = lt;
      const next = source.charCodeAt(lt + 1);
      if (next === SLASH) this.closeTag();
      else if (next === BANG) this.markup();
      else if (next === QUESTION) this.skipPast('?>', 'processing instruction');
      else {
        const element = this.openTag();
        if (element) root ??= element;
      }
    }
    if (this.stack.length > 0) {
      const open = this.stack[this.stack.length - 1]!;
      this.fail(`end of input inside <${open.name}> (opened at line ${lineOf(source, open.start)})`, source.length);
    }
    if (root === undefined) this.fail('no root element', 0);
    return root;
  }

  private text(end: number): void {
    const parent = this.stack[this.stack.length - 1];
    const start = this.at;
    this.at = end;
    if (parent === undefined) {
      if (!this.isBlank(start, end)) this.fail('text outside the root element', start);
      return;
    }
    // MusicXML has no mixed content: only a leaf's text, right before its end tag, means anything.
    // Everything else between tags is indentation, skipped unread.
    if (parent.children !== NO_CHILDREN || this.source.charCodeAt(end + 1) !== SLASH) return;
    const raw = this.source.slice(start, end);
    parent.text += raw.indexOf('&') >= 0 ? decodeEntities(raw, start, this.source) : raw;
  }

  private isBlank(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (!isSpace(this.source.charCodeAt(i))) return false;
    return true;
  }

  private openTag(): XmlElement | undefined {
    const source = this.source;
    const start = this.at;
    let nameEnd = start + 1;
    for (let code = source.charCodeAt(nameEnd); ; code = source.charCodeAt(++nameEnd)) {
      if (code === GT || code === SLASH || isSpace(code) || Number.isNaN(code)) break;
    }
    if (nameEnd === start + 1) this.fail('a "<" that starts no element', start);
    const end = this.tagEnd(nameEnd);
    const selfClosing = source.charCodeAt(end - 1) === SLASH;
    const name = source.slice(start + 1, nameEnd);
    if (this.skip.has(name) && this.stack.length > 0) return this.skipElement(name, end, selfClosing);
    const element: XmlElement = {
      name,
      source,
      attributesStart: nameEnd,
      attributesEnd: selfClosing ? end - 1 : end,
      children: NO_CHILDREN,
      text: '',
      start,
    };
    if (++this.elementCount > this.limits.maxElements) {
      throw new CadenzaError('LIMIT_EXCEEDED', `The document has more than ${this.limits.maxElements} XML elements.`);
    }
    const parent = this.stack[this.stack.length - 1];
    if (parent !== undefined) {
      if (parent.children === NO_CHILDREN) parent.children = [element];
      else parent.children.push(element);
    } else if (this.elementCount > 1) this.fail(`a second root element <${element.name}>`, start);
    if (!selfClosing) {
      if (this.stack.length >= this.limits.maxDepth) {
        throw new CadenzaError('LIMIT_EXCEEDED', `XML elements are nested more than ${this.limits.maxDepth} deep.`);
      }
      this.stack.push(element);
    }
    this.at = end + 1;
    return element;
  }

  private skipElement(name: string, end: number, selfClosing: boolean): undefined {
    if (selfClosing) {
      this.at = end + 1;
      return undefined;
    }
    const close = this.source.indexOf(`</${name}`, end);
    if (close < 0) this.fail(`<${name}> is never closed`, this.at);
    this.at = close;
    this.closeTagOf(name);
    return undefined;
  }

  /** index of the ">" closing a start tag, jumping over quoted attribute values (which may hold ">") */
  private tagEnd(from: number): number {
    const source = this.source;
    for (let at = from; ; ) {
      const gt = source.indexOf('>', at);
      if (gt < 0) break;
      const quote = this.nextQuote(at);
      if (quote > gt) return gt;
      const closing = source.indexOf(source[quote]!, quote + 1);
      if (closing < 0) break;
      at = closing + 1;
    }
    return this.fail('a start tag that never closes', this.at);
  }

  /**
   * The next ' or " at or after `from`. Positions are cached and only move forward, so the document
   * is searched once per quote character however many tags ask (no quadratic rescans).
   */
  private nextQuote(from: number): number {
    if (this.doubleQuoteAt < from) this.doubleQuoteAt = this.indexOrEnd('"', from);
    if (this.singleQuoteAt < from) this.singleQuoteAt = this.indexOrEnd("'", from);
    return Math.min(this.doubleQuoteAt, this.singleQuoteAt);
  }

  private indexOrEnd(character: string, from: number): number {
    const index = this.source.indexOf(character, from);
    return index < 0 ? this.source.length : index;
  }

  private closeTagOf(name: string): void {
    const end = this.source.indexOf('>', this.at);
    if (end < 0 || this.source.slice(this.at + 2, end).trim() !== name) this.fail(`<${name}> is never closed`, this.at);
    this.at = end + 1;
  }

  private closeTag(): void {
    const source = this.source;
    const end = source.indexOf('>', this.at);
    if (end < 0) this.fail('an end tag that never closes', this.at);
    const open = this.stack.pop();
    const nameEnd = this.at + 2 + (open?.name.length ?? 0);
    const matches = open !== undefined && source.startsWith(open.name, this.at + 2) && nameEnd <= end && this.isBlank(nameEnd, end);
    if (!matches) {
      const name = source.slice(this.at + 2, end).trim();
      if (open === undefined) this.fail(`</${name}> with no open element`, this.at);
      this.fail(`</${name}> closing <${open.name}> (opened at line ${lineOf(source, open.start)})`, this.at);
    }
    this.at = end + 1;
  }

  private markup(): void {
    const source = this.source;
    if (source.startsWith('<!--', this.at)) this.skipPast('-->', 'comment');
    else if (source.startsWith('<![CDATA[', this.at)) this.cdata();
    else if (source.startsWith('<!DOCTYPE', this.at)) this.doctype();
    else this.fail('unexpected markup "<!"', this.at);
  }

  private cdata(): void {
    const end = this.source.indexOf(']]>', this.at);
    if (end < 0) this.fail('a CDATA section that never closes', this.at);
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined) this.fail('CDATA outside the root element', this.at);
    parent.text += this.source.slice(this.at + 9, end);
    this.at = end + 3;
  }

  /** Skips a DOCTYPE; an internal subset that declares entities is refused, nothing is ever fetched. */
  private doctype(): void {
    const source = this.source;
    const start = this.at;
    const bracket = source.indexOf('[', start);
    const close = source.indexOf('>', start);
    if (close < 0) this.fail('a DOCTYPE that never closes', start);
    if (bracket >= 0 && bracket < close) {
      const subsetEnd = source.indexOf(']', bracket);
      const subset = source.slice(bracket, subsetEnd < 0 ? source.length : subsetEnd);
      if (/<!ENTITY/i.test(subset)) {
        throw new CadenzaError('UNSAFE_INPUT', `The XML declares entities in its DOCTYPE (line ${lineOf(source, start)}).`, {
          hint: 'Entity declarations are refused to prevent entity-expansion and external-entity attacks; remove the internal DTD subset.',
        });
      }
      this.at = subsetEnd < 0 ? source.length : subsetEnd;
      this.skipPast('>', 'DOCTYPE');
      return;
    }
    this.at = close + 1;
  }

  private skipPast(terminator: string, what: string): void {
    const end = this.source.indexOf(terminator, this.at);
    if (end < 0) this.fail(`a ${what} that never closes`, this.at);
    this.at = end + terminator.length;
  }

  private fail(problem: string, offset: number): never {
    const line = lineOf(this.source, offset);
    const inside = this.stack.length > 0 ? ` inside <${this.stack[this.stack.length - 1]!.name}>` : '';
    throw new CadenzaError('PARSE_FAILED', `Malformed XML at line ${line}${inside}: ${problem}.`, {
      hint: 'The file is not well-formed XML; re-export it from the notation program.',
    });
  }
}
