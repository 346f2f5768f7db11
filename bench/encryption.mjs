#!/usr/bin/env node
/**
 * Encryption at rest (npm run bench:encryption): what sealing costs a store. The chorale BWV 113.8 of
 * test/fixtures is put into and read back from a real SQLite file 400 times (new ids), with encryption at
 * rest off and on, and sealed and opened alone; CPU time of this process (process.cpuUsage), not wall
 * time, since the machine is shared. Also the bytes a sealed score takes beside the plain one.
 * Writes its section of bench/results.md.
 */
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeScore } from '../dist/core/score-codec.js';
import { summarizeScore } from '../dist/core/summary.js';
import { readScore } from '../dist/formats/read-score.js';
import { Sealer, sealContext } from '../dist/server/store/sealing.js';
import { ScoreRowCodec } from '../dist/server/store/score-row.js';
import { SqliteScoreStore } from '../dist/server/store/sqlite.js';
import { writeSection } from './results-file.mjs';

const COUNT = 400;
const CHORALE = new URL('../test/fixtures/corpus/scores/bach/bwv113.8.mxl', import.meta.url);
const score = readScore(new Uint8Array(readFileSync(CHORALE)), 'mxl').score;
const base = { data: encodeScore(score), summary: summarizeScore(score), format: 'musicxml', origin: 'bench', diagnostics: [], importedAt: new Date().toISOString() };
const sealer = new Sealer({ current: { id: 'bench', key: randomBytes(32) }, retired: [] });
const LIMITS = { maxScoresPerTenant: COUNT * 2, maxBytesPerTenant: 1e10, maxTotalBytes: 1e11, ttlSeconds: 0 };

/** CPU milliseconds `work` takes in this process */
function cpuMs(work) {
  const before = process.cpuUsage();
  work();
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / 1000;
}

async function cpuMsAsync(work) {
  const before = process.cpuUsage();
  await work();
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / 1000;
}

async function storeRound(withSealer) {
  const folder = mkdtempSync(join(tmpdir(), 'cadenza-bench-seal-'));
  const store = new SqliteScoreStore(join(folder, 'cadenza.db'), LIMITS, Date.now, withSealer ? sealer : undefined);
  const ids = Array.from({ length: COUNT }, (_, index) => `chorale-${index}`);
  const put = await cpuMsAsync(async () => {
    for (const id of ids) await store.put('bench', { id, ...base });
  });
  const get = await cpuMsAsync(async () => {
    for (const id of ids) await store.get('bench', id);
  });
  store.close();
  rmSync(folder, { recursive: true, force: true });
  return { put: put / COUNT, get: get / COUNT };
}

const context = sealContext('bench', 'chorale', 'data');
let sealed;
const seal = cpuMs(() => {
  for (let round = 0; round < COUNT; round++) sealed = sealer.seal(base.data, context);
}) / COUNT;
const open = cpuMs(() => {
  for (let round = 0; round < COUNT; round++) sealer.open(sealed, context);
}) / COUNT;
const plainRow = new ScoreRowCodec().encode('bench', { id: 'chorale', ...base });
const sealedRow = new ScoreRowCodec(sealer).encode('bench', { id: 'chorale', ...base });
const rowBytes = (row) => Buffer.byteLength(row.meta) + row.data.length + row.sum.length;
await storeRound(true); // warm-up
const plain = await storeRound(false);
const encrypted = await storeRound(true);

const ms = (value) => value.toFixed(3);
const markdown = `## Encryption at rest

\`npm run bench:encryption\` (bench/encryption.mjs), ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model.trim()}, Node ${process.version};
CPU time of the process per score (process.cpuUsage; the machine is shared, so wall time would measure the others too).
The chorale BWV 113.8 (${base.data.length} bytes encoded), ${COUNT} puts and gets on a real SQLite file (WAL, synchronous FULL), the cache off.

| | plain | encrypted (AES-256-GCM, a data key per value) |
|---|---:|---:|
| put, CPU ms per score | ${ms(plain.put)} | ${ms(encrypted.put)} |
| get, CPU ms per score | ${ms(plain.get)} | ${ms(encrypted.get)} |
| stored row (meta + data + checksum), bytes | ${rowBytes(plainRow)} | ${rowBytes(sealedRow)} |

Sealing the data alone: ${ms(seal)} ms CPU, opening it ${ms(open)} ms (two AES-GCM operations each: the data key, then the value).
Each sealed value carries a 93-byte envelope plus its key id (meta and data are sealed apart, so a listing opens only the meta).`;
console.log(markdown);
writeSection('encryption-at-rest', markdown);
