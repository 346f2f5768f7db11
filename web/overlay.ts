/**
 * Draws the analysis onto verovio's SVG: below each system a band with the roman numerals, placed at
 * their onsets inside each `g.measure`, and the key of every measure; voice-leading findings as tinted
 * rectangles over their measures, with the explanation as a tooltip. Measures are matched by position:
 * the n-th `g.measure` in the document is the n-th measure of the score.
 */
import type { Analysis, Finding, MeasureSpan } from './api.js';

const SVG = 'http://www.w3.org/2000/svg';

export interface MeasureBox { element: SVGGElement; system: SVGGElement; x: number; y: number; width: number; height: number }

function svgElement<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** the label in a group with a tooltip, so the label's own text stays only the label */
function labelled(label: SVGTextElement, tooltip: string): SVGGElement {
  const group = svgElement('g', { class: 'label' });
  group.append(svgElement('title', {}, tooltip), label);
  return group;
}

/** "F# minor" → "f♯", "Bb major" → "B♭" */
export function shortKey(name: string): string {
  const [tonic = '', mode] = name.split(' ');
  const spelled = tonic.replace(/#/g, '♯').replace(/(?<=.)b/g, '♭');
  return mode === 'minor' ? spelled.toLowerCase() : spelled;
}

/** the index of the measure sounding at `quarters` */
export function measureAt(measures: readonly MeasureSpan[], quarters: number): number {
  let found = 0;
  measures.forEach((measure, index) => {
    if (measure.offsetQuarters <= quarters + 1e-6) found = index;
  });
  return found;
}

/** x of an onset inside a measure: at the noteheads written there when they match the onsets, else proportional */
function onsetX(box: MeasureBox, span: MeasureSpan, onsets: readonly number[], quarters: number): number {
  const heads = [...box.element.querySelectorAll<SVGGraphicsElement>('.notehead, .rest')].map((head) => {
    const b = head.getBBox();
    return b.x + b.width / 2;
  });
  heads.sort((a, b) => a - b);
  const columns: number[] = [];
  const tolerance = box.height * 0.02 + 1;
  for (const x of heads) if (columns.length === 0 || x - columns.at(-1)! > tolerance) columns.push(x);
  const index = onsets.findIndex((onset) => Math.abs(onset - quarters) < 1e-6);
  if (columns.length === onsets.length && index >= 0) return columns[index]!;
  const start = columns[0] ?? box.x;
  const end = box.x + box.width;
  return start + ((quarters - span.offsetQuarters) / Math.max(span.durationQuarters, 1e-6)) * (end - start) * 0.9;
}

/** onsets (in quarters) inside each measure, from the notes JSON (ties over a barline start the next measure) */
function onsetsPerMeasure(measures: readonly MeasureSpan[], notes: readonly number[]): number[][] {
  return measures.map((measure) => {
    const from = measure.offsetQuarters;
    const to = from + measure.durationQuarters;
    const found = new Set<number>();
    for (let i = 0; i < notes.length; i += 4) {
      const onset = notes[i]!;
      const end = onset + notes[i + 1]!;
      if (onset >= from - 1e-6 && onset < to - 1e-6) found.add(Math.round(onset * 1e4) / 1e4);
      else if (onset < from && end > from + 1e-6) found.add(from);
    }
    return [...found].sort((a, b) => a - b);
  });
}

/** the measures of every page in the container, in order, with their boxes in their system's coordinates */
export function measureBoxes(container: HTMLElement): MeasureBox[] {
  return [...container.querySelectorAll<SVGGElement>('g.measure')].map((element) => {
    const b = element.getBBox();
    return { element, system: element.closest<SVGGElement>('g.system')!, x: b.x, y: b.y, width: b.width, height: b.height };
  });
}

/**
 * Moves each system down to leave a band under it, and enlarges each page to match; returns the font size
 * used (a fixed share of the page width, so labels have the same size on screen on every page).
 */
function makeRoom(container: HTMLElement, rows: number): { fontSize: number; bands: Map<SVGGElement, { bottom: number; band: SVGGElement }> } {
  const bands = new Map<SVGGElement, { bottom: number; band: SVGGElement }>();
  let fontSize = 0;
  for (const page of container.querySelectorAll<SVGSVGElement>(':scope > svg')) {
    const inner = page.querySelector<SVGSVGElement>('svg.definition-scale');
    if (!inner) continue;
    const [vx = 0, vy = 0, vw = 1, vh = 1] = (inner.getAttribute('viewBox') ?? '').split(/\s+/).map(Number);
    fontSize = vw / 60;
    const extra = fontSize * (rows * 1.4 + 0.8);
    const systems = [...inner.querySelectorAll<SVGGElement>('g.system')];
    systems.forEach((system, index) => {
      const box = system.getBBox();
      if (index > 0) system.setAttribute('transform', `translate(0 ${index * extra})`);
      const band = svgElement('g', { class: 'analysis-band' });
      system.append(band);
      bands.set(system, { bottom: box.y + box.height, band });
    });
    const added = systems.length * extra;
    inner.setAttribute('viewBox', `${vx} ${vy} ${vw} ${vh + added}`);
    const height = parseFloat(page.getAttribute('height') ?? '0');
    if (height) page.setAttribute('height', `${(height * (vh + added)) / vh}px`);
  }
  return { fontSize, bands };
}

/** draws roman numerals, keys and findings; returns the finding rectangles by measure index */
export function drawAnalysis(container: HTMLElement, analysis: Analysis, measures: readonly MeasureSpan[], notes: readonly number[]): Map<number, SVGRectElement> {
  const boxes = measureBoxes(container);
  const onsets = onsetsPerMeasure(measures, notes);
  const { fontSize, bands } = makeRoom(container, 3);
  const usable = Math.min(boxes.length, measures.length);
  // where each of the two numeral rows of a system ends so far: a numeral that would touch its
  // neighbour goes to the second row
  const rowEnds = new Map<SVGGElement, [number, number]>();
  for (const chord of analysis.harmony.chords) {
    const index = measureAt(measures, chord.offsetQuarters);
    const box = boxes[index];
    if (!box || index >= usable) continue;
    const band = bands.get(box.system)!;
    const x = onsetX(box, measures[index]!, onsets[index]!, chord.offsetQuarters);
    const label = svgElement('text', { class: 'roman', x, y: band.bottom + fontSize * 1.4, 'font-size': fontSize, 'text-anchor': 'middle', 'data-measure': chord.measure }, chord.figure);
    band.band.append(labelled(label, `${chord.figure} in ${chord.key} (m. ${chord.measure}, beat ${chord.beat}, ${chord.function})`));
    const half = label.getComputedTextLength() / 2;
    const ends = rowEnds.get(box.system) ?? [-Infinity, -Infinity];
    const row = x - half > ends[0] + fontSize * 0.3 ? 0 : 1;
    if (row === 1) label.setAttribute('y', String(band.bottom + fontSize * 2.6));
    ends[row] = x + half;
    rowEnds.set(box.system, ends);
  }
  const regions = analysis.key.regions ?? [];
  let previous = '';
  boxes.slice(0, usable).forEach((box, index) => {
    const start = measures[index]!.offsetQuarters;
    const region = [...regions].reverse().find((candidate) => candidate.offsetQuarters <= start + 1e-6) ?? regions[0];
    const key = region?.key ?? analysis.key.name;
    const band = bands.get(box.system)!;
    const label = svgElement('text', { class: `key-label${previous && key !== previous ? ' modulation' : ''}`, x: box.x + fontSize * 0.2, y: band.bottom + fontSize * 3.9, 'font-size': fontSize * 0.85, 'data-measure': measures[index]!.number }, shortKey(key));
    band.band.append(labelled(label, `m. ${measures[index]!.number}: ${key}`));
    previous = key;
  });
  return drawFindings(boxes, measures, analysis.voiceLeading.findings, fontSize);
}

function drawFindings(boxes: readonly MeasureBox[], measures: readonly MeasureSpan[], findings: readonly Finding[], fontSize: number): Map<number, SVGRectElement> {
  const byMeasure = new Map<number, Finding[]>();
  for (const finding of findings) {
    const index = measureAt(measures, finding.offsetQuarters);
    byMeasure.set(index, [...(byMeasure.get(index) ?? []), finding]);
  }
  const rectangles = new Map<number, SVGRectElement>();
  for (const [index, found] of byMeasure) {
    const box = boxes[index];
    if (!box) continue;
    const rect = svgElement('rect', { class: 'finding', x: box.x, y: box.y, width: box.width, height: box.height, rx: fontSize / 3, 'stroke-width': fontSize / 12, 'data-measure': measures[index]!.number });
    rect.append(svgElement('title', {}, found.map((finding) => `${finding.issue} (beat ${finding.beat}, ${finding.voices.join('–')}): ${finding.explanation}`).join('\n')));
    box.system.querySelector('.analysis-band')!.append(rect);
    rectangles.set(index, rect);
  }
  return rectangles;
}
