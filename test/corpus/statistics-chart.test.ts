import { describe, expect, it } from 'vitest';
import { CHART_PANELS, statisticsChart } from '../../src/corpus/statistics-chart.js';
import type { CorpusStatistics } from '../../src/corpus/statistics.js';

const share = (value: string, count: number, total: number) => ({ value, count, share: count / total });
const STATISTICS: CorpusStatistics = {
  pieces: 3,
  lines: 12,
  notes: 400,
  harmonies: 90,
  keys: [share('G major', 2, 3), share('f# minor', 1, 3)],
  modes: [share('major', 2, 3), share('minor', 1, 3)],
  meters: [share('4/4', 3, 3)],
  chords: [share('I', 30, 90), share('V', 20, 90), share('V7/V', 5, 90)],
  cadences: [share('PAC', 6, 8), share('HC', 2, 8)],
  ranges: [share('12', 5, 12), share('14', 7, 12)],
  intervals: [share('+2', 100, 388), share('-2', 90, 388), share('0', 50, 388)],
};

const bars = (svg: string, field: string) => {
  const panel = new RegExp(`<g class="panel" data-field="${field}">([\\s\\S]*?)\\n</g>`).exec(svg)?.[1] ?? '';
  return [...panel.matchAll(/<g class="bar" data-value="([^"]*)" data-count="(\d+)">.*?<rect [^>]*width="([\d.]+)"/g)].map((match) => ({ value: match[1], count: Number(match[2]), width: Number(match[3]) }));
};

describe('statisticsChart', () => {
  it('draws one panel per distribution, a bar per value as long as its share of the largest', () => {
    const svg = statisticsChart(STATISTICS, 'mine');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const panel of CHART_PANELS) expect(svg).toContain(`data-field="${panel.field}"`);
    const chords = bars(svg, 'chords');
    expect(chords.map((bar) => bar.value)).toEqual(['I', 'V', 'V7/V']);
    expect(chords[1]!.width / chords[0]!.width).toBeCloseTo(20 / 30, 2);
    expect(bars(svg, 'ranges').map((bar) => bar.count)).toEqual([5, 7]);
    expect(svg).toContain('mine: 3 pieces, 400 notes, 90 chords');
  });

  it('keeps to the bars asked for and says "none" for an empty distribution', () => {
    const svg = statisticsChart({ ...STATISTICS, cadences: [] }, 'mine', 2);
    expect(bars(svg, 'intervals')).toHaveLength(2);
    expect(bars(svg, 'cadences')).toHaveLength(0);
    expect(/data-field="cadences">[\s\S]*?>none</.test(svg)).toBe(true);
  });

  it('escapes every text it is given, so a corpus name or value cannot inject markup', () => {
    const svg = statisticsChart({ ...STATISTICS, keys: [share('<script>alert(1)</script>', 1, 1)] }, '"><img src=x onerror=alert(1)>');
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&#60;script&#62;');
  });
});
