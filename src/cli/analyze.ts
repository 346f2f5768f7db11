/**
 * `cadenza analyze FILE`: key, chords, roman numerals and voice leading of one score, as tables for
 * people or (--json) the tools' structured output, keyed by tool name.
 */
import type { Command } from 'commander';
import { analyzeChords } from '../mcp/tools/analyze-chords.js';
import { analyzeHarmony } from '../mcp/tools/analyze-harmony.js';
import { analyzeKey } from '../mcp/tools/analyze-key.js';
import { analyzeVoiceLeading } from '../mcp/tools/analyze-voice-leading.js';
import { reportingFailures } from './failures.js';
import { importFile, structured, type LocalTools } from './local-tools.js';
import { formatFields, formatTable } from './table.js';
import { READABLE_FORMATS } from '../mcp/readable-formats.js';

interface AnalyzeOptions {
  readonly key?: boolean;
  readonly chords?: boolean;
  readonly roman?: boolean;
  readonly voiceLeading?: boolean;
  readonly all?: boolean;
  readonly json?: boolean;
}

type KeyName = { name: string; correlation: number };
interface KeyResult extends KeyName {
  method: string;
  alternatives: KeyName[];
}
interface ChordsResult {
  chords: { measure: string; beat: number; pitches: string[]; pitchedCommonName: string; inversion?: number }[];
  total: number;
  truncated: boolean;
}
interface HarmonyResult {
  chords: { measure: string; beat: number; key: string; figure: string; function: string }[];
  cadences: { type: string; measure: string; beat: number; key: string; progression: string[] }[];
  harmoniesPerMeasure: number;
  truncated: boolean;
}
interface VoiceLeadingResult {
  counts: Record<string, number>;
  findings: { issue: string; measure: string; beat: number; voices: string[]; explanation: string }[];
  truncated: boolean;
}

/** Each analysis: the flag that asks for it, its tool, and how people see its result. */
const ANALYSES = [
  { flag: 'key', tool: analyzeKey, print: printKey },
  { flag: 'chords', tool: analyzeChords, print: printChords },
  { flag: 'roman', tool: analyzeHarmony, print: printHarmony },
  { flag: 'voiceLeading', tool: analyzeVoiceLeading, print: printVoiceLeading },
] as const;

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('Analyse a score file: key and roman numerals by default, or what the flags ask for')
    .argument('<file>', `the score: ${READABLE_FORMATS}`)
    .option('--key', 'the key (analyze_key), with runners-up')
    .option('--chords', 'every vertical sonority (analyze_chords)')
    .option('--roman', 'roman numerals and cadences (analyze_harmony)')
    .option('--voice-leading', 'parallels, crossings, spacing, unresolved tendency tones (analyze_voice_leading)')
    .option('--all', 'all of the above')
    .option('--json', "the tools' structured output as one JSON object, keyed by tool name")
    .addHelpText('after', '\nExamples:\n  cadenza analyze chorale.mxl\n  cadenza analyze chorale.mxl --voice-leading --json')
    .action((file: string, options: AnalyzeOptions) =>
      reportingFailures(program, async () => {
        const chosen = ANALYSES.filter((analysis) => options.all || options[analysis.flag]);
        const analyses = chosen.length > 0 ? chosen : ANALYSES.filter((analysis) => analysis.flag === 'key' || analysis.flag === 'roman');
        const { tools, id } = await importFile(file, analyses.map((analysis) => analysis.tool));
        const results = await runAll(tools, id, analyses.map((analysis) => analysis.tool.name));
        if (options.json) {
          process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
          return;
        }
        process.stdout.write(analyses.map((analysis) => analysis.print(results[analysis.tool.name] as never)).join('\n'));
      }),
    );
}

/** A person at a shell asked for the whole analysis: lists as long as the tools allow, not a model-sized page. */
const WHOLE_LISTS: Readonly<Record<string, Record<string, number>>> = {
  analyze_chords: { maxChords: 5000 },
  analyze_harmony: { maxChords: 5000 },
  analyze_voice_leading: { maxFindings: 5000 },
};

async function runAll(tools: LocalTools, id: string, names: readonly string[]): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  for (const name of names) results[name] = structured(await tools.call(name, { id, ...WHOLE_LISTS[name] }));
  return results;
}

function printKey(key: KeyResult): string {
  return (
    formatFields([
      ['Key', key.name],
      ['Correlation', key.correlation],
      ['Profiles', key.method],
    ]) +
    '\nRunners-up\n' +
    formatTable(['key', 'correlation'], key.alternatives.map((alternative) => [alternative.name, alternative.correlation]))
  );
}

function printChords(result: ChordsResult): string {
  const rows = result.chords.map((chord) => [chord.measure, chord.beat, chord.pitches.join(' '), chord.pitchedCommonName, chord.inversion]);
  return `Chords (${result.total}${result.truncated ? `, first ${result.chords.length} shown` : ''})\n` + formatTable(['measure', 'beat', 'pitches', 'chord', 'inversion'], rows);
}

function printHarmony(result: HarmonyResult): string {
  const chords = result.chords.map((chord) => [chord.measure, chord.beat, chord.key, chord.figure, chord.function]);
  const cadences = result.cadences.map((cadence) => [cadence.measure, cadence.beat, cadence.type, cadence.key, cadence.progression.join(' → ')]);
  return (
    `Roman numerals (${result.chords.length}${result.truncated ? ', truncated' : ''}; ${result.harmoniesPerMeasure.toFixed(2)} changes per measure)\n` +
    formatTable(['measure', 'beat', 'key', 'figure', 'function'], chords) +
    `\nCadences (${result.cadences.length})\n` +
    (cadences.length > 0 ? formatTable(['measure', 'beat', 'cadence', 'key', 'progression'], cadences) : 'none found\n')
  );
}

function printVoiceLeading(result: VoiceLeadingResult): string {
  const counts = Object.entries(result.counts);
  if (counts.length === 0) return 'Voice leading: no problems found.\n';
  const findings = result.findings.map((finding) => [finding.measure, finding.beat, finding.issue, finding.voices.join(', '), finding.explanation]);
  return (
    'Voice leading\n' +
    formatTable(['issue', 'count'], counts.map(([issue, count]) => [issue, count])) +
    `\nFindings${result.truncated ? ` (first ${result.findings.length})` : ''}\n` +
    formatTable(['measure', 'beat', 'issue', 'voices', 'explanation'], findings)
  );
}
