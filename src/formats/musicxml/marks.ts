/**
 * Performance marks in MusicXML: <dynamics>, <wedge> and <pedal> in a <direction>; <articulations>,
 * <ornaments>, <slur> and note-attached <dynamics> in a note's <notations>. The model uses MusicXML's
 * element names (core/marks.ts), so reading keeps the names it knows and writing spells them back.
 */
import { isArticulation, isDynamicMark, isOrnament, type Articulation, type DynamicMark, type HairpinMark, type Ornament, type PedalMark, type SlurMark } from '../../core/marks.js';
import type { Timed } from '../../core/score.js';
import { attribute, type XmlElement } from './xml-scanner.js';

export interface DirectionMarks {
  readonly dynamics: DynamicMark[];
  readonly hairpins: HairpinMark[];
  readonly pedals: PedalMark[];
}

export interface NotationMarks {
  articulations?: Articulation[];
  ornaments?: Ornament[];
  slurs?: SlurMark[];
  /** dynamics written on the note itself rather than in a direction */
  dynamics?: DynamicMark[];
}

/** directionMarks(<direction><direction-type><dynamics><p/></dynamics>…) → { dynamics: ['p'], hairpins: [], pedals: [] } */
export function directionMarks(direction: XmlElement): DirectionMarks {
  const marks: DirectionMarks = { dynamics: [], hairpins: [], pedals: [] };
  for (const directionType of direction.children) {
    if (directionType.name !== 'direction-type') continue;
    for (const item of directionType.children) {
      if (item.name === 'dynamics') marks.dynamics.push(...dynamicsIn(item));
      else if (item.name === 'wedge') {
        const hairpin = wedge(item);
        if (hairpin) marks.hairpins.push(hairpin);
      } else if (item.name === 'pedal') {
        const type = attribute(item, 'type');
        if (type === 'start' || type === 'stop' || type === 'change') marks.pedals.push({ type });
      }
    }
  }
  return marks;
}

/** notationMarks(<notations><slur type="start"/><articulations><staccato/></articulations></notations>) → the marks it holds */
export function notationMarks(notations: XmlElement): NotationMarks {
  const marks: NotationMarks = {};
  for (const item of notations.children) {
    switch (item.name) {
      case 'articulations':
        for (const name of namesIn(item, isArticulation)) (marks.articulations ??= []).push(name);
        break;
      case 'ornaments':
        for (const name of namesIn(item, isOrnament)) (marks.ornaments ??= []).push(name);
        break;
      case 'slur': {
        const slur = slurEnd(item);
        if (slur) (marks.slurs ??= []).push(slur);
        break;
      }
      case 'dynamics':
        (marks.dynamics ??= []).push(...dynamicsIn(item));
        break;
    }
  }
  return marks;
}

function dynamicsIn(dynamics: XmlElement): DynamicMark[] {
  return namesIn(dynamics, isDynamicMark);
}

function namesIn<T extends string>(element: XmlElement, known: (name: string) => name is T): T[] {
  return element.children.map((item) => item.name).filter(known);
}

/** a slur's or wedge's number; 1, MusicXML's default, is left out so that written and unwritten 1s compare equal */
function numberOf(element: XmlElement): number | undefined {
  const number = Number(attribute(element, 'number'));
  return Number.isInteger(number) && number > 1 ? number : undefined;
}

function wedge(element: XmlElement): HairpinMark | undefined {
  const type = attribute(element, 'type');
  if (type !== 'crescendo' && type !== 'diminuendo' && type !== 'stop') return undefined;
  const number = numberOf(element);
  return number === undefined ? { type } : { type, number };
}

function slurEnd(element: XmlElement): SlurMark | undefined {
  const type = attribute(element, 'type');
  if (type !== 'start' && type !== 'stop') return undefined;
  const number = numberOf(element);
  return number === undefined ? { type } : { type, number };
}

/** writeDynamic({ offset, value: 'p' }) → <direction placement="below"><direction-type><dynamics><p/></dynamics>… */
export function writeDynamic(mark: Timed<DynamicMark>): string {
  return direction(`<dynamics><${mark.value}/></dynamics>`, mark.staff, 'below');
}

/** writeHairpin({ offset, value: { type: 'crescendo' } }) → <direction …><wedge type="crescendo"/>… */
export function writeHairpin(mark: Timed<HairpinMark>): string {
  return direction(`<wedge type="${mark.value.type}"${numberAttribute(mark.value.number)}/>`, mark.staff, 'below');
}

/** writePedal({ offset, value: { type: 'start' } }) → <direction …><pedal type="start" line="yes"/>… */
export function writePedal(mark: Timed<PedalMark>): string {
  return direction(`<pedal type="${mark.value.type}" line="yes"/>`, mark.staff, 'below');
}

function direction(content: string, staff: number | undefined, placement: 'above' | 'below'): string {
  return `<direction placement="${placement}"><direction-type>${content}</direction-type>${staff ? `<staff>${staff}</staff>` : ''}</direction>`;
}

function numberAttribute(number: number | undefined): string {
  return number === undefined ? '' : ` number="${number}"`;
}

/** writeNoteMarks(staccato chord with a slur start) → `<slur type="start"/><articulations><staccato/></articulations>`, inside <notations> */
export function writeNoteMarks(event: { readonly articulations?: readonly Articulation[]; readonly ornaments?: readonly Ornament[]; readonly slurs?: readonly SlurMark[] }): string {
  const slurs = (event.slurs ?? []).map((slur) => `<slur type="${slur.type}"${numberAttribute(slur.number)}/>`).join('');
  const ornaments = event.ornaments?.length ? `<ornaments>${event.ornaments.map((name) => `<${name}/>`).join('')}</ornaments>` : '';
  const articulations = event.articulations?.length ? `<articulations>${event.articulations.map((name) => `<${name}/>`).join('')}</articulations>` : '';
  return `${slurs}${ornaments}${articulations}`;
}
