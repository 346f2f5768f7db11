/**
 * Hears that the shown score changed (edited, reverted, deleted — by anyone, on any replica) from the
 * server's change stream, /api/scores/:id/changes. Read with fetch, not EventSource, so the bearer token
 * travels in a header, never in the URL. A dropped stream is opened again after a pause.
 */
import { request } from './api.js';

const RETRY_MS = 2000;

/** watchScore(id, onChange) → stop: calls onChange each time the score changes, until stopped */
export function watchScore(id: string, onChange: () => void): () => void {
  const stopped = new AbortController();
  void (async () => {
    while (!stopped.signal.aborted) {
      try {
        await readChanges(id, stopped.signal, onChange);
      } catch {
        // refused, or the connection dropped: try again after a pause, unless stopped meanwhile
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  })();
  return () => stopped.abort();
}

async function readChanges(id: string, signal: AbortSignal, onChange: () => void): Promise<void> {
  const response = await request(`/scores/${encodeURIComponent(id)}/changes`, { signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffered += value;
    const events = buffered.split('\n\n');
    buffered = events.pop() ?? '';
    if (events.some((event) => event.split('\n').includes('event: changed'))) onChange();
  }
}
