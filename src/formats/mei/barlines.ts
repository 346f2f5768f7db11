/** A measure's @left/@right bar renditions and its place in an <ending> → the model's barlines. */
import type { Barline } from '../../core/score.js';
import { attribute, type XmlElement } from '../musicxml/xml-scanner.js';

/** MEI data.BARRENDITION → MusicXML bar-style, which the model keeps */
const BARLINE_STYLES: Readonly<Record<string, string>> = {
  dashed: 'dashed', dotted: 'dotted', dbl: 'light-light', dbldashed: 'dashed', dbldotted: 'dotted', dblheavy: 'heavy-heavy',
  end: 'light-heavy', heavy: 'heavy', invis: 'none', rptend: 'light-heavy', rptboth: 'light-heavy', rptstart: 'heavy-light', single: 'regular',
};

/** the <ending> being read: its numbers, and whether its first measure is still to come */
export interface EndingMark {
  readonly numbers: readonly number[];
  first: boolean;
}

/** measureBarlines(<measure left="rptstart">, undefined) → [{ location: 'left', style: 'heavy-light', repeat: 'forward' }] */
export function measureBarlines(element: XmlElement, ending: EndingMark | undefined): Barline[] {
  const barlines: Barline[] = [];
  const left = attribute(element, 'left');
  const right = attribute(element, 'right');
  const startsEnding = ending?.first === true;
  if (ending) ending.first = false;
  if (left && left !== 'single' || startsEnding) {
    barlines.push({
      location: 'left',
      ...(left && BARLINE_STYLES[left] && left !== 'single' ? { style: BARLINE_STYLES[left] } : {}),
      ...(left === 'rptstart' || left === 'rptboth' ? { repeat: 'forward' as const } : {}),
      ...(startsEnding ? { ending: { numbers: ending.numbers, type: 'start' as const } } : {}),
    });
  }
  if (right && right !== 'single') {
    barlines.push({
      location: 'right',
      ...(BARLINE_STYLES[right] ? { style: BARLINE_STYLES[right] } : {}),
      ...(right === 'rptend' || right === 'rptboth' ? { repeat: 'backward' as const } : {}),
    });
  }
  return barlines;
}
