/**
 * Changes to stored scores, as the MCP layer hears of them: a feed tells a tenant's listeners which of its
 * scores changed (deleted, edited, reverted, replaced), wherever the change was made. The server plugs in
 * the implementation (in-process, or Redis pub/sub across replicas); each tenant hears only its own.
 */

/** told the id of the tenant's score that changed */
export type ScoreChangeListener = (scoreId: string) => void;

export interface ScoreChangeFeed {
  /** listens to one tenant's changes until the returned function is called */
  listen(tenantId: string, listener: ScoreChangeListener): () => void;
}

/** scoreUri("ab12") → "score://ab12", the resource a change is announced for */
export function scoreUri(scoreId: string): string {
  return `score://${scoreId}`;
}
