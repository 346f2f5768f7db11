/**
 * Resource subscriptions to score://{id}: a client hears `notifications/resources/updated` when one of
 * its tenant's scores changes (deleted, edited, reverted, replaced), wherever the change was made.
 * - 2026-07-28: `subscriptions/listen` names the URIs; the SDK's entry serves the stream and filters by URI.
 *   Over HTTP the handler's bus feeds the streams (server/http/listen-streams.ts), so an instance here only
 *   declares the capability; over stdio the connection's one instance sends each change and the entry
 *   routes it onto the open listens.
 * - 2025 era over stdio: `resources/subscribe` and `resources/unsubscribe` on the connection's instance.
 *   (A 2025 client over HTTP is served statelessly, one request at a time: no channel could carry a
 *   change, so that instance declares no subscriptions.)
 */
import { ProtocolError, type McpServer } from '@modelcontextprotocol/server';
import { scoreUri, type ScoreChangeFeed } from './score-changes.js';

/** URIs one 2025 connection may subscribe to at once: a client cannot grow the server's memory without bound */
export const MAX_SUBSCRIBED_URIS = 1000;

/** JSON-RPC "invalid params" */
const INVALID_PARAMS = -32602;

/** Declares resource subscriptions on an instance whose changes reach its client by listen streams the entry serves (HTTP, 2026-07-28). */
export function offerListenSubscriptions(server: McpServer): void {
  server.server.registerCapabilities({ resources: { subscribe: true } });
}

/** A connection-long instance (stdio) hears its tenant's changes from `feed` and tells its client, until it closes. */
export function forwardScoreChanges(server: McpServer, era: 'legacy' | 'modern', tenantId: string, feed: ScoreChangeFeed): void {
  server.server.registerCapabilities({ resources: { subscribe: true } });
  const subscribed = era === 'legacy' ? serveSubscribe(server) : undefined;
  const stop = feed.listen(tenantId, (scoreId) => {
    const uri = scoreUri(scoreId);
    // a modern connection's listens are filtered by the entry; a 2025 one asked for these URIs only
    if (subscribed && !subscribed.has(uri)) return;
    server.server.sendResourceUpdated({ uri }).catch(() => undefined);
  });
  const previous = server.server.onclose;
  server.server.onclose = () => {
    stop();
    previous?.();
  };
}

function serveSubscribe(server: McpServer): Set<string> {
  const subscribed = new Set<string>();
  server.server.setRequestHandler('resources/subscribe', async ({ params: { uri } }) => {
    if (!subscribed.has(uri) && subscribed.size >= MAX_SUBSCRIBED_URIS) {
      throw new ProtocolError(INVALID_PARAMS, `This connection already subscribes to ${MAX_SUBSCRIBED_URIS} resources, the most it may; unsubscribe from one first.`);
    }
    subscribed.add(uri);
    return {};
  });
  server.server.setRequestHandler('resources/unsubscribe', async ({ params: { uri } }) => {
    subscribed.delete(uri);
    return {};
  });
  return subscribed;
}
