/**
 * The corpus statistics as one SVG picture: a horizontal bar chart per distribution (keys, meters, chord
 * vocabulary, cadence types, ranges, intervals), small multiples on a grid so they read side by side.
 * Built on the server from the numbers corpus_statistics returns, so every client (the viewer, an MCP
 * host that shows images) draws the same chart; plain SVG with no script and every text escaped.
 */
import type { CorpusStatistics, Share } from './statistics.js';

/** the panels, in reading order, with the titles shown above them */
export const CHART_PANELS = [
  { field: 'keys', title: 'Keys' },
  { field: 'meters', title: 'Meters' },
  { field: 'chords', title: 'Chord vocabulary (roman numerals)' },
  { field: 'cadences', title: 'Cadence types' },
  { field: 'ranges', title: 'Ranges of the parts (semitones)' },
  { field: 'intervals', title: 'Melodic intervals (semitones)' },
] as const satisfies readonly { field: keyof CorpusStatistics; title: string }[];

const COLUMNS = 2;
const PANEL_WIDTH = 440;
const LABEL_WIDTH = 120;
const BAR_HEIGHT = 16;
const GAP = 4;
const TITLE_HEIGHT = 28;
const MARGIN = 20;

/** statisticsChart(stats, "bundled", 12) → an SVG document of six bar charts, each of the 12 most frequent values */
export function statisticsChart(statistics: CorpusStatistics, corpusName: string, barsPerPanel = 12): string {
  const shown = CHART_PANELS.map((panel) => statistics[panel.field].slice(0, barsPerPanel));
  // each row of panels as tall as its longest list (an empty one still says "none")
  const rowHeights = Array.from({ length: Math.ceil(CHART_PANELS.length / COLUMNS) }, (_, row) => {
    const longest = Math.max(1, ...shown.slice(row * COLUMNS, (row + 1) * COLUMNS).map((shares) => shares.length));
    return TITLE_HEIGHT + longest * (BAR_HEIGHT + GAP) + MARGIN;
  });
  const rowTops = rowHeights.map((_, row) => 50 + rowHeights.slice(0, row).reduce((sum, height) => sum + height, 0));
  const width = COLUMNS * PANEL_WIDTH + MARGIN * 2;
  const height = 50 + rowHeights.reduce((sum, rowHeight) => sum + rowHeight, 0) + MARGIN;
  const heading = `${corpusName}: ${statistics.pieces} pieces, ${statistics.notes} notes, ${statistics.harmonies} chords`;
  const panels = CHART_PANELS.map((panel, index) => panelSvg(panel.field, panel.title, shown[index]!, MARGIN + (index % COLUMNS) * PANEL_WIDTH, rowTops[Math.floor(index / COLUMNS)]!));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="corpus-chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(heading)}">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${MARGIN}" y="32" font-family="sans-serif" font-size="18" font-weight="bold" fill="#222">${escape(heading)}</text>`,
    ...panels,
    '</svg>',
  ].join('\n');
}

/** one distribution: its title, then a bar per value, as long as its share of the largest */
function panelSvg(field: string, title: string, shares: readonly Share[], x: number, y: number): string {
  const barSpace = PANEL_WIDTH - LABEL_WIDTH - 70;
  const largest = Math.max(0, ...shares.map((share) => share.share));
  const bars = shares.map((share, index) => {
    const top = y + TITLE_HEIGHT + index * (BAR_HEIGHT + GAP);
    const length = largest > 0 ? Math.max(1, (share.share / largest) * barSpace) : 0;
    const middle = top + BAR_HEIGHT / 2 + 4;
    return [
      `<g class="bar" data-value="${escape(share.value)}" data-count="${share.count}">`,
      `<text x="${x + LABEL_WIDTH - 6}" y="${middle}" text-anchor="end" font-family="sans-serif" font-size="12" fill="#333">${escape(share.value)}</text>`,
      `<rect x="${x + LABEL_WIDTH}" y="${top}" width="${length.toFixed(1)}" height="${BAR_HEIGHT}" fill="#3b6ea5"/>`,
      `<text x="${x + LABEL_WIDTH + length + 4}" y="${middle}" font-family="sans-serif" font-size="11" fill="#555">${(share.share * 100).toFixed(1)}%</text>`,
      '</g>',
    ].join('');
  });
  const empty = shares.length === 0 ? [`<text x="${x + LABEL_WIDTH}" y="${y + TITLE_HEIGHT + 12}" font-family="sans-serif" font-size="12" fill="#777">none</text>`] : [];
  return [
    `<g class="panel" data-field="${field}">`,
    `<text x="${x}" y="${y + 18}" font-family="sans-serif" font-size="14" font-weight="bold" fill="#222">${escape(title)}</text>`,
    ...bars,
    ...empty,
    '</g>',
  ].join('\n');
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
