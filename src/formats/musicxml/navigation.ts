/**
 * Da capo, dal segno, fine and coda marks. Playback is said by <sound> attributes (segno, coda, fine,
 * dacapo, dalsegno, tocoda); where a <direction> has no such <sound>, its <segno/>/<coda/> symbols and
 * the usual words ("D.C. al Fine", "D.S. al Coda", "Fine", "To Coda") say it instead. A <barline> may
 * hold a segno or coda too; all are written back as directions.
 */
import type { Navigation, NavigationKind } from '../../core/score.js';
import { attribute, type XmlElement } from './xml-scanner.js';

/** the name a file gives a segno or coda when it has one of each: kept out of the model, written back as is */
const DEFAULT_LABEL: Readonly<Partial<Record<NavigationKind, string>>> = { segno: 'segno', dalSegno: 'segno', coda: 'coda', toCoda: 'coda' };

const SOUND_ATTRIBUTES: readonly (readonly [string, NavigationKind])[] = [
  ['segno', 'segno'],
  ['coda', 'coda'],
  ['dacapo', 'daCapo'],
  ['dalsegno', 'dalSegno'],
  ['tocoda', 'toCoda'],
  ['fine', 'fine'],
];

type Mark = Omit<Navigation, 'offset'>;

/** soundNavigation(<sound dalsegno="segno"/>) → [{ kind: 'dalSegno' }] */
export function soundNavigation(sound: XmlElement): Mark[] {
  const marks: Mark[] = [];
  for (const [name, kind] of SOUND_ATTRIBUTES) {
    const value = attribute(sound, name)?.trim();
    if (value === undefined || value === '' || (kind === 'daCapo' && value !== 'yes')) continue;
    marks.push(kind === 'daCapo' || kind === 'fine' || value === DEFAULT_LABEL[kind] ? { kind } : { kind, label: value });
  }
  return marks;
}

/** directionNavigation(<direction><direction-type><words>D.S. al Coda</words>…) → [{ kind: 'dalSegno' }] */
export function directionNavigation(direction: XmlElement): Mark[] {
  const sound = direction.children.find((item) => item.name === 'sound');
  const sounded = sound ? soundNavigation(sound) : [];
  if (sounded.length > 0) return sounded;
  const types = direction.children.filter((item) => item.name === 'direction-type').flatMap((item) => item.children);
  const words = types.filter((item) => item.name === 'words').map((item) => item.text).join(' ');
  const spoken = wordsNavigation(words);
  if (spoken) return [{ kind: spoken }];
  const marks: Mark[] = [];
  if (types.some((item) => item.name === 'segno')) marks.push({ kind: 'segno' });
  if (types.some((item) => item.name === 'coda')) marks.push({ kind: 'coda' });
  return marks;
}

/** barlineNavigation(<barline coda="coda"><coda/></barline>) → [{ kind: 'coda' }]: a barline holds only segno and coda */
export function barlineNavigation(barline: XmlElement): Mark[] {
  const sounded = soundNavigation(barline).filter((mark) => mark.kind === 'segno' || mark.kind === 'coda');
  if (sounded.length > 0) return sounded;
  return (['segno', 'coda'] as const).filter((kind) => barline.children.some((item) => item.name === kind)).map((kind) => ({ kind }));
}

/** wordsNavigation("D.C. al Fine") → 'daCapo'; words that are no navigation → undefined */
function wordsNavigation(words: string): NavigationKind | undefined {
  const text = words.trim().replace(/\s+/g, ' ');
  if (/^(d\. ?c\.|da capo\b)/i.test(text)) return 'daCapo';
  if (/^(d\. ?s\.|dal segno\b)/i.test(text)) return 'dalSegno';
  if (/^fine\.?$/i.test(text)) return 'fine';
  if (/^to coda\b/i.test(text)) return 'toCoda';
  return undefined;
}

const WORDS: Readonly<Partial<Record<NavigationKind, string>>> = { fine: 'Fine', daCapo: 'D.C.', dalSegno: 'D.S.', toCoda: 'To Coda' };
const SOUND: Readonly<Record<NavigationKind, string>> = { segno: 'segno', coda: 'coda', fine: 'fine', daCapo: 'dacapo', dalSegno: 'dalsegno', toCoda: 'tocoda' };

/** writeNavigation({ kind: 'segno' }) → <direction> with the 𝄋 symbol and <sound segno="segno"/> */
export function writeNavigation(mark: Navigation, escape: (text: string) => string): string {
  const words = WORDS[mark.kind];
  const symbol = words === undefined ? `<${mark.kind}/>` : `<words>${escape(words)}</words>`;
  const value = mark.kind === 'daCapo' || mark.kind === 'fine' ? 'yes' : (mark.label ?? DEFAULT_LABEL[mark.kind] ?? 'yes');
  return `<direction placement="above"><direction-type>${symbol}</direction-type><sound ${SOUND[mark.kind]}="${escape(value)}"/></direction>`;
}
