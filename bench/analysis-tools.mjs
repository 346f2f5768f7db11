#!/usr/bin/env node
/**
 * The analysis tools on every Bach chorale of the test corpus (test/fixtures/corpus): time per score for each (the goal is
 * < 50 ms for a typical chorale on one core), and what the voice-leading check finds in Bach.
 * Writes its section of bench/results.md.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { findCadences } from '../dist/analysis/cadence.js';
import { nameChord } from '../dist/analysis/chord-names.js';
import { chordify } from '../dist/analysis/chordify.js';
import { analyzeHarmony } from '../dist/analysis/harmony.js';
import { keyRegions } from '../dist/analysis/key-regions.js';
import { analyzeMelody } from '../dist/analysis/melody.js';
import { findPatterns } from '../dist/analysis/patterns.js';
import { analyzeRhythm } from '../dist/analysis/rhythm.js';
import { nonChordTones } from '../dist/analysis/non-chord-tones.js';
import { pedalPoints } from '../dist/analysis/pedal-points.js';
import { modulations } from '../dist/analysis/pivot-chords.js';
import { setClassSegments } from '../dist/analysis/set-class-segments.js';
import { tendencyTones } from '../dist/analysis/tendency-tones.js';
import { analyzeTexture } from '../dist/analysis/texture.js';
import { checkVoiceLeading, voiceLines } from '../dist/analysis/voice-leading.js';
import { readMusicXml } from '../dist/formats/musicxml/read.js';
import { SCORES } from './data.mjs';
import { writeSection } from './results-file.mjs';

const CHORALES = pathToFileURL(`${SCORES}bach/`);
const scores = readdirSync(CHORALES)
  .filter((name) => /\.(mxl|xml)$/.test(name))
  .sort()
  .map((name) => ({ name, score: readMusicXml(readFileSync(new URL(name, CHORALES))).score }));

const TOOLS = {
  analyze_chords: (score) => chordify(score).map((vertical) => nameChord(vertical.pitches)),
  // what the tool computes by default: harmonies, cadences, modulations with pivots, pedal points
  analyze_harmony: (score) => {
    const harmonies = analyzeHarmony(score);
    return [findCadences(harmonies), modulations(harmonies), pedalPoints(voiceLines(score), harmonies)];
  },
  'analyze_harmony (detail: nonChordTones, tendencyTones)': (score) => {
    const harmonies = analyzeHarmony(score);
    const lines = voiceLines(score);
    const pedals = pedalPoints(lines, harmonies);
    return [findCadences(harmonies), modulations(harmonies), nonChordTones(lines, harmonies, pedals), harmonies.map(tendencyTones)];
  },
  analyze_texture: (score) => analyzeTexture(score),
  'analyze_set_classes (vertical)': (score) => setClassSegments(score, 'vertical'),
  'analyze_key (regions)': (score) => keyRegions(score),
  analyze_voice_leading: (score) => checkVoiceLeading(score),
  analyze_melody: (score) => analyzeMelody(voiceLines(score)[0]),
  analyze_rhythm: (score) => analyzeRhythm(score),
  find_patterns: (score) => findPatterns(voiceLines(score)),
};

const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];

const timings = {};
for (const [tool, run] of Object.entries(TOOLS)) {
  for (const { score } of scores) run(score); // warm-up pass
  timings[tool] = scores.map(({ score }) => {
    const rounds = [];
    for (let round = 0; round < 5; round++) {
      // CPU time, not wall time: the machine is shared
      const started = process.cpuUsage();
      run(score);
      const used = process.cpuUsage(started);
      rounds.push((used.user + used.system) / 1000);
    }
    return quantile(rounds, 0.5);
  });
}

// The rules are for four voices: chorales with trumpets, timpani or continuo doubling the choir are left out of the counts.
const fourPart = scores.filter(({ score }) => score.parts.length === 4);
const orchestral = scores.filter(({ score }) => score.parts.length !== 4).map(({ name }) => name);
const counts = {};
let choralesWithParallels = 0;
for (const { score } of fourPart) {
  const findings = checkVoiceLeading(score);
  if (findings.some((finding) => finding.issue === 'parallel fifths' || finding.issue === 'parallel octaves')) choralesWithParallels++;
  for (const finding of findings) counts[finding.issue] = (counts[finding.issue] ?? 0) + 1;
}

const lines = [
  '## Analysis tools on the Bach chorales',
  '',
  `Date: ${new Date().toISOString()}  `,
  `Command: \`npm run bench\` (bench/analysis-tools.mjs): ${scores.length} chorales, each tool 5 times per score after a warm-up pass (median kept), CPU time (process.cpuUsage, user + system) on one core.`,
  '',
  '| tool | median ms/score | p95 ms/score | max ms/score |',
  '|---|---:|---:|---:|',
  ...Object.entries(timings).map(([tool, values]) => `| ${tool} | ${quantile(values, 0.5).toFixed(2)} | ${quantile(values, 0.95).toFixed(2)} | ${Math.max(...values).toFixed(2)} |`),
  '',
  'Goal: every tool under 50 ms for a typical chorale.',
  '',
  `### What analyze_voice_leading finds in the ${fourPart.length} four-part Bach chorales`,
  '',
  '| finding | count |',
  '|---|---:|',
  ...Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([issue, count]) => `| ${issue} | ${count} |`),
  '',
  `Four-part chorales with any parallel fifths or octaves: ${choralesWithParallels} of ${fourPart.length}. Left out (instruments doubling the voices make octaves by design): ${orchestral.join(', ')}.`,
  '',
];
const markdown = lines.join('\n');
writeSection('analysis-tools', markdown);
process.stdout.write(markdown);
