#!/usr/bin/env node
/**
 * How big is every tool's default answer? Calls each tool through the SDK client, with only the
 * arguments it needs, on a Bach chorale and on a long quartet movement (Beethoven op. 132/1 from
 * ../shared/wir), and records the bytes of the whole JSON-RPC result (content blocks and structured
 * content together: what a model is sent). The bound is 16 KB per default answer.
 * Needs `npm run build` first, and ../shared/wir for the quartet (skipped, and said so, without it).
 */
import { Buffer } from 'node:buffer';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { InlineWork } from '../dist/mcp/inline-work.js';
import { createMcpServer } from '../dist/mcp/server.js';
import { loadConfig } from '../dist/server/config.js';
import { createServices } from '../dist/server/services.js';
import { writeSection } from './results-file.mjs';

const BOUND = 16 * 1024;
const QUARTET = fileURLToPath(new URL('../../shared/wir/Quartets/Beethoven,_Ludwig_van/Op132/1/score.mxl', import.meta.url));
const ROMANTEXT = 'Composer: J. S. Bach\nTitle: BWV 66.6\nTime Signature: 4/4\n\nm0 b4 f#: i\nm1 V6 b3 i\n';

async function openClient() {
  const roots = existsSync(QUARTET) ? dirname(QUARTET) : process.cwd();
  const services = createServices(loadConfig({ CADENZA_LOG_LEVEL: 'silent', CADENZA_ALLOWED_ROOTS: roots, CADENZA_STORE: 'memory' }, process.cwd()), { work: new InlineWork() });
  const server = createMcpServer({ services, log: { error: () => undefined }, version: 'bench' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'result-sizes', version: '1' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return client;
}

/** every tool with the arguments a first call needs, for the score `id` (and a second score `other`) */
function calls(id, other) {
  return [
    ['list_scores', {}],
    ['get_score_info', { id }],
    ['analyze_key', { id }],
    ['analyze_key (regions)', { id, regions: true }, 'analyze_key'],
    ['analyze_chords', { id }],
    ['analyze_chords (ids)', { id, ids: true }, 'analyze_chords'],
    ['analyze_harmony', { id }],
    ['analyze_harmony (ids)', { id, ids: true }, 'analyze_harmony'],
    ['analyze_voice_leading', { id }],
    ['analyze_melody', { id }],
    ['analyze_rhythm', { id }],
    ['find_patterns', { id }],
    ['find_patterns (ids)', { id, ids: true }, 'find_patterns'],
    ['compare_scores', { ids: [id, other] }],
    ['compare_analysis', { id, romantext: ROMANTEXT }],
    ['export_score (musicxml)', { id, format: 'musicxml' }, 'export_score'],
    ['export_score (midi)', { id, format: 'midi' }, 'export_score'],
    ['export_score (mei)', { id, format: 'mei' }, 'export_score'],
    ['export_score (abc)', { id, format: 'abc' }, 'export_score'],
    ['export_score (rntxt)', { id, format: 'rntxt' }, 'export_score'],
    ['export_score (musicxml with analysis)', { id, format: 'musicxml', analysis: true }, 'export_score'],
    ['read_score', { id }],
    ['diff_scores', { before: { id }, after: { id: other } }],
    ['render_score (svg)', { id }, 'render_score'],
    ['render_score (png)', { id, format: 'png' }, 'render_score'],
    ['harmonize_melody', { id }],
    ['imitate_style', { ids: [id] }],
    ['transform_score (transpose)', { id, operation: 'transpose', interval: 'M2' }, 'transform_score'],
    ['analyze_corpus', { ids: [id, other] }],
    ['export_tenant_data', { tenant: 'local' }],
  ];
}

const STANDALONE = [
  ['generate_counterpoint', { species: 1 }],
  ['health_check', {}],
  ['analyze_corpus (corpus)', { corpus: true }, 'analyze_corpus'],
];

async function sizes(client, id, other) {
  const rows = new Map();
  for (const [label, args, tool = label] of calls(id, other)) {
    const result = await client.callTool({ name: tool, arguments: args });
    rows.set(label, { bytes: Buffer.byteLength(JSON.stringify(result)), error: result.isError ? result.content[0]?.text : undefined });
  }
  return rows;
}

const client = await openClient();
const importOf = async (args) => {
  const result = await client.callTool({ name: 'import_score', arguments: args });
  if (result.isError) throw new Error(JSON.stringify(result.content));
  return { id: result.structuredContent.id, bytes: Buffer.byteLength(JSON.stringify(result)) };
};
const chorale = await importOf({ corpus: 'bach/bwv66.6' });
const second = await importOf({ corpus: 'bach/bwv153.1' });
const quartet = existsSync(QUARTET) ? await importOf({ path: QUARTET }) : undefined;
const choraleSizes = await sizes(client, chorale.id, second.id);
const quartetSizes = quartet ? await sizes(client, quartet.id, chorale.id) : undefined;
const standalone = new Map();
for (const [label, args, tool = label] of STANDALONE) {
  const result = await client.callTool({ name: tool, arguments: args });
  standalone.set(label, Buffer.byteLength(JSON.stringify(result)));
}
await client.close();

const kb = (bytes) => (bytes === undefined ? '–' : `${(bytes / 1024).toFixed(1)}`);
const mark = (bytes) => (bytes !== undefined && bytes > BOUND ? ' **over**' : '');
const lines = [
  '## Tool result sizes: every default answer (node bench/result-sizes.mjs)',
  '',
  `${new Date().toISOString().slice(0, 10)}, Node ${process.version}. Each tool called through the SDK client with only the arguments it needs;`,
  'the size is the whole JSON result a model receives (content blocks and structuredContent). Bound: 16 KB.',
  `Chorale: bach/bwv66.6 (corpus). Quartet: Beethoven op. 132/1 (${quartet ? '../shared/wir' : 'not found: ../shared/wir is missing, column empty'}).`,
  '',
  '| tool (default call) | chorale KB | quartet KB |',
  '|---|---:|---:|',
  `| import_score | ${kb(chorale.bytes)}${mark(chorale.bytes)} | ${kb(quartet?.bytes)}${mark(quartet?.bytes)} |`,
];
let over = [chorale.bytes, quartet?.bytes].filter((bytes) => bytes > BOUND).length;
for (const [label, { bytes, error }] of choraleSizes) {
  const big = quartetSizes?.get(label);
  over += [bytes, big?.bytes].filter((value) => value > BOUND).length;
  const failure = error ?? big?.error;
  const note = failure ? ` (failed on the ${error ? 'chorale' : 'quartet'}: ${failure.split(/[:\n]/)[0]})` : '';
  lines.push(`| ${label}${note} | ${kb(bytes)}${mark(bytes)} | ${kb(big?.bytes)}${mark(big?.bytes)} |`);
}
for (const [label, bytes] of standalone) {
  over += bytes > BOUND ? 1 : 0;
  lines.push(`| ${label} (no score) | ${kb(bytes)}${mark(bytes)} | |`);
}
lines.push('', over === 0 ? 'Every default answer is within 16 KB.' : `${over} default answers are over 16 KB.`);
lines.push('Rows marked (ids) ask for every note id (`ids: true`): their pages hold fewer entries, within the same bound.');
lines.push('export_tenant_data (admin scope only) carries every stored score\'s model by design; it is the one tool not bounded here.');
const markdown = lines.join('\n');
process.stdout.write(`${markdown}\n`);
if (process.argv.includes('--record')) writeSection('result-sizes', markdown);
