/** <tupletSpan>: a tuplet written as a control event that names its first and last notes, instead of a <tuplet> container. */
import { attribute, type XmlElement } from '../musicxml/xml-scanner.js';

/** a tuplet given as a control event, from the note with @startid to the one with @endid */
export interface TupletSpan {
  readonly actual: number;
  readonly normal: number;
  readonly end: string;
}

/** tupletSpansOf(<score>) → each <tupletSpan startid endid num numbase> by the id it starts at */
export function tupletSpansOf(score: XmlElement): Map<string, TupletSpan> {
  const spans = new Map<string, TupletSpan>();
  const visit = (element: XmlElement): void => {
    for (const item of element.children) {
      if (item.name === 'tupletSpan') {
        const [start, end] = [attribute(item, 'startid'), attribute(item, 'endid')].map((value) => value?.trim().replace(/^#/, ''));
        const [actual, normal] = [Number(attribute(item, 'num')), Number(attribute(item, 'numbase'))];
        const valid = Number.isInteger(actual) && Number.isInteger(normal) && actual > 0 && normal > 0 && actual <= 1000 && normal <= 1000;
        if (start && end && valid) spans.set(start, { actual, normal, end });
      } else if (item.name === 'section' || item.name === 'ending' || item.name === 'measure' || item.name === 'app' || item.name === 'lem' || item.name === 'rdg') visit(item);
    }
  };
  visit(score);
  return spans;
}

/** idsOf(<chord xml:id="c"><note xml:id="n"/></chord>) → ["c", "n"]: the xml:ids of an event and, for a chord, of its notes */
export function idsOf(element: XmlElement): string[] {
  const ids: string[] = [];
  for (const item of [element, ...(element.name === 'chord' ? element.children : [])]) {
    const id = attribute(item, 'xml:id');
    if (id !== undefined) ids.push(id);
  }
  return ids;
}
