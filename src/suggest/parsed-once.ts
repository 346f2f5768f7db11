/**
 * A large constant kept as JSON text and parsed when first asked for. The models are imported by the tool
 * declarations, so every start of `cadenza serve` and of each worker loaded them: V8 parsed 1.1 MB of
 * object literals (about 160 ms of CPU) for models only suggest_continuation reads. A string literal is only
 * scanned, and JSON.parse builds the same objects faster than the literal would, once, on first use.
 */

/** parsedOnce<T>('{"a":1}')() → { a: 1 }, the same object on every call */
export function parsedOnce<T>(json: string): () => T {
  let value: T | undefined;
  return () => (value ??= JSON.parse(json) as T);
}
