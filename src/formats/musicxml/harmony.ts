/** <harmony> → a chord symbol with its realized pitches. */
import { chordSymbolFigure, realizeChordSymbol, type ChordDegree, type ChordSymbolRoot, type ChordSymbolSpec } from '../../core/chord-symbol.js';
import { isStep } from '../../core/pitch.js';
import type { ChordSymbol } from '../../core/score.js';
import { attribute, child, childText, type XmlElement } from './xml-scanner.js';

/** parseHarmony(<harmony><root><root-step>C</root-step></root><kind>dominant</kind></harmony>) → C7 */
export function parseHarmony(element: XmlElement): ChordSymbol | undefined {
  const rootElement = child(element, 'root');
  const root = rootElement && readRoot(childText(rootElement, 'root-step'), childText(rootElement, 'root-alter'));
  const kindElement = child(element, 'kind');
  if (!root || !kindElement) return undefined;
  const bassElement = child(element, 'bass');
  const bass = bassElement && readRoot(childText(bassElement, 'bass-step'), childText(bassElement, 'bass-alter'));
  const inversion = Number(childText(element, 'inversion'));
  const degrees = element.children.filter((item) => item.name === 'degree').map(readDegree).filter((degree) => degree !== undefined);
  const kindText = attribute(kindElement, 'text');
  const spec: ChordSymbolSpec = {
    root,
    kind: kindElement.text.trim(),
    ...(kindText !== undefined ? { kindText } : {}),
    ...(bass ? { bass } : {}),
    ...(Number.isInteger(inversion) && inversion > 0 ? { inversion } : {}),
    ...(degrees.length > 0 ? { degrees } : {}),
  };
  return { ...spec, figure: chordSymbolFigure(spec), pitches: realizeChordSymbol(spec) };
}

function readRoot(step: string | undefined, alter: string | undefined): ChordSymbolRoot | undefined {
  if (step === undefined || !isStep(step)) return undefined;
  const alterNumber = alter ? Number(alter) : 0;
  return { step, alter: Number.isFinite(alterNumber) ? alterNumber : 0 };
}

function readDegree(element: XmlElement): ChordDegree | undefined {
  const value = Number(childText(element, 'degree-value'));
  const alter = Number(childText(element, 'degree-alter') ?? 0);
  const type = childText(element, 'degree-type');
  if (!Number.isInteger(value) || (type !== 'add' && type !== 'alter' && type !== 'subtract')) return undefined;
  return { value, alter: Number.isFinite(alter) ? alter : 0, type };
}
