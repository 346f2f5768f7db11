/**
 * Soak (npm run bench:soak): steady mixed traffic on the HTTP server with its default SQLite store for
 * SOAK_SECONDS (default 300): imports, analyses, listings and deletes from 8 sessions, the store kept
 * around a steady size. Samples the server's resident memory and store cache every 10 s; after the
 * first minute (warm-up) memory should stop growing (< 50 MB more), the cache stay within its bound,
 * and no call fail. Writes bench/results.md.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { listeningUrl, post, resultOf, scrape, startServer, toolCall } from './mcp-http.mjs';
import { writeSection } from './results-file.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const WARM_UP_SECONDS = Math.min(60, SECONDS / 5);
const SESSIONS = 8;
const CACHE_MB = 32;
const SCORES_KEPT_PER_SESSION = 10;
const CORPUS = ['bach/bwv66.6', 'bach/bwv269', 'bach/bwv153.1', 'monteverdi/madrigal.3.3', 'mozart/k80/movement3'];

function rssMb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) / 1024;
}

/** one client's traffic: import, analyse it three ways, list, and delete its oldest beyond a few */
async function traffic(url, until, counts) {
  const kept = [];
  let turn = 0;
  while (performance.now() < until) {
    const call = async (name, args) => {
      const result = resultOf((await post(url, toolCall(name, args))).text);
      counts.calls += 1;
      if (!result || result.isError) {
        counts.errors += 1;
        counts.lastError = JSON.stringify(result?.content ?? result);
      }
      return result;
    };
    const imported = await call('import_score', { corpus: CORPUS[turn++ % CORPUS.length] });
    const id = imported?.structuredContent?.id;
    if (!id) continue;
    kept.push(id);
    await call('analyze_key', { id, regions: true });
    await call('analyze_harmony', { id });
    await call('analyze_chords', { id, merge: true });
    await call('list_scores', { source: 'imported' });
    if (kept.length > SCORES_KEPT_PER_SESSION) await call('delete_score', { id: kept.shift() });
  }
}

const server = startServer({ CADENZA_CACHE_MB: String(CACHE_MB) });
try {
  const url = await listeningUrl(server);
  const base = url.replace(/\/mcp$/, '');
  const counts = { calls: 0, errors: 0, lastError: '' };
  const started = performance.now();
  const until = started + SECONDS * 1000;
  const samples = [];
  const sampler = setInterval(async () => {
    const metrics = await scrape(base);
    samples.push({ second: Math.round((performance.now() - started) / 1000), rss: rssMb(server.child.pid), cacheMb: metrics.get('cadenza_store_cache_bytes') / 2 ** 20, scores: metrics.get('cadenza_store_scores'), calls: counts.calls });
  }, 10_000);
  await Promise.all(Array.from({ length: SESSIONS }, () => traffic(url, until, counts)));
  clearInterval(sampler);
  // growth is the trend, not one garbage-collection swing: the mean of the first three samples after
  // warm-up against the mean of the last three
  const settled = samples.filter((sample) => sample.second >= WARM_UP_SECONDS);
  const mean = (some) => some.reduce((sum, sample) => sum + sample.rss, 0) / some.length;
  const atWarmUp = mean(settled.slice(0, 3));
  const atEnd = mean(settled.slice(-3));
  const peakAfter = Math.max(...settled.map((sample) => sample.rss));
  const growth = atEnd - atWarmUp;
  const cachePeak = Math.max(...samples.map((sample) => sample.cacheMb));
  const markdown = `## Soak: steady mixed load for ${SECONDS} s (npm run bench:soak)

${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.version}, default SQLite store, store cache ${CACHE_MB} MB.
${SESSIONS} sessions each repeat: import a corpus chorale or madrigal, analyze_key with regions, analyze_harmony,
analyze_chords, list_scores, and delete its oldest score beyond ${SCORES_KEPT_PER_SESSION}. Resident memory of the server process
(VmRSS) sampled every 10 s; warm-up is the first ${WARM_UP_SECONDS} s.

| | value |
|---|---|
| tool calls | ${counts.calls} (${(counts.calls / SECONDS).toFixed(0)}/s) |
| failed calls | ${counts.errors}${counts.errors ? ` (last: ${counts.lastError.slice(0, 200)})` : ''} |
| RSS just after warm-up → at the end (means of 3 samples) | ${atWarmUp.toFixed(0)} MB → ${atEnd.toFixed(0)} MB (growth ${growth.toFixed(1)} MB; goal < 50 MB) |
| RSS peak after warm-up | ${peakAfter.toFixed(0)} MB |
| store cache peak | ${cachePeak.toFixed(1)} MB (bound ${CACHE_MB} MB) |
| scores stored at the end | ${samples.at(-1)?.scores ?? '?'} |

RSS by time (s → MB): ${samples.map((sample) => `${sample.second}→${sample.rss.toFixed(0)}`).join(', ')}
`;
  writeSection('soak', markdown);
  console.log(markdown);
  if (counts.errors > 0 || growth >= 50 || cachePeak > CACHE_MB) process.exitCode = 1;
} finally {
  server.child.kill('SIGTERM');
}
