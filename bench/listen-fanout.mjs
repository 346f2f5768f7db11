/**
 * Open `subscriptions/listen` streams on one server (for bench/http-load.mjs): how much memory each open
 * stream costs (the server's resident set before and after, read from /metrics), and how long a change to
 * a score takes to reach every stream that listens to it (edit_score sent → notifications/resources/updated
 * read on each stream, measured by the client that holds them all, on the same machine).
 */
import { Agent, request } from 'node:http';
import { headersFor, listeningUrl, post, resultOf, scrape, startServer, toolCall } from './mcp-http.mjs';

const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'bench-listen', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};
/** streams opened at once: the server's accept backlog is 511 */
const OPENING_BATCH = 250;
const CHANGES = 5;

export async function measureListenFanout(streams) {
  const server = startServer({ CADENZA_WORKERS: '1', CADENZA_MAX_LISTENS: String(streams), CADENZA_MAX_LISTENS_PER_TENANT: String(streams) });
  const open = [];
  try {
    const url = await listeningUrl(server);
    const base = url.replace(/\/mcp$/, '');
    const { id } = resultOf((await post(url, toolCall('import_score', { corpus: 'bach/bwv66.6' }))).text).structuredContent;
    await settle();
    const rssBefore = (await scrape(base)).get('cadenza_process_resident_memory_bytes');
    const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
    for (let opened = 0; opened < streams; opened += OPENING_BATCH) {
      const batch = Array.from({ length: Math.min(OPENING_BATCH, streams - opened) }, (_, index) => openStream(url, agent, `score://${id}`, opened + index));
      open.push(...(await Promise.all(batch)));
    }
    await settle();
    const rssAfter = (await scrape(base)).get('cadenza_process_resident_memory_bytes');
    const latencies = [];
    const spreads = [];
    const answers = [];
    for (let change = 0; change < CHANGES; change++) {
      for (const stream of open) stream.heard = undefined;
      const sent = performance.now();
      const edit = toolCall('edit_score', { id, operations: [{ op: 'set_pitch', target: 'P1-m2-v1-e1', pitch: change % 2 ? 'C5' : 'D5' }] });
      const answer = resultOf((await post(url, edit)).text);
      answers.push(performance.now() - sent);
      if (answer.isError) throw new Error(`edit failed: ${JSON.stringify(answer.content)}`);
      await until(() => open.every((stream) => stream.heard !== undefined), `every stream to hear change ${change + 1}`);
      const heard = open.map((stream) => stream.heard - sent);
      latencies.push(...heard);
      spreads.push(Math.max(...heard) - Math.min(...heard));
    }
    return {
      streams: open.length,
      rssBeforeMb: rssBefore / 2 ** 20,
      rssAfterMb: rssAfter / 2 ** 20,
      bytesPerStream: (rssAfter - rssBefore) / open.length,
      changes: CHANGES,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      max: Math.max(...latencies),
      editAnswerP50: quantile(answers, 0.5),
      spreadP50: quantile(spreads, 0.5),
    };
  } finally {
    for (const stream of open) stream.close();
    server.child.kill('SIGTERM');
  }
}

/** one listen stream, resolved once its acknowledgement arrives; `heard` is when it last read a change */
function openStream(url, agent, uri, index) {
  const body = JSON.stringify({ jsonrpc: '2.0', id: `listen-${index}`, method: 'subscriptions/listen', params: { notifications: { resourceSubscriptions: [uri] }, _meta: ENVELOPE } });
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const stream = { heard: undefined, close: () => outgoing.destroy() };
    const outgoing = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: headersFor({ method: 'subscriptions/listen' }) }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`listen refused: ${response.statusCode}`));
      let buffered = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        buffered += chunk;
        const frames = buffered.split('\n\n');
        buffered = frames.pop() ?? '';
        for (const frame of frames) {
          if (frame.includes('notifications/subscriptions/acknowledged')) resolve(stream);
          else if (frame.includes('notifications/resources/updated')) stream.heard = performance.now();
        }
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 2000));
}

async function until(condition, what) {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > 60_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
