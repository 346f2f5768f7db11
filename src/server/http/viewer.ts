/**
 * Serves the built web viewer (dist/web, made by `vite build`) at /. Hashed assets are cached for a
 * year; index.html is revalidated on every load so a new build shows at once. The page holds no data:
 * everything it shows comes from /api, behind auth.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Response, type Router } from 'express';

/** dist/web, from both src/server/http and dist/server/http */
export const VIEWER_ROOT = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

// verovio's SVG carries a <style> element, hence 'unsafe-inline' for styles only; no inline script runs;
// that style embeds its music font (Leipzig) as a data: URL, hence font-src data:
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; media-src 'self' blob:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** viewer() → a router serving the page and its assets, or telling how to build them when missing */
export function viewer(root: string = VIEWER_ROOT): Router {
  const router = express.Router();
  if (!existsSync(root)) {
    router.get('/', (_request: Request, response: Response) =>
      void response.status(404).json({ error: 'not_found', error_description: 'The web viewer is not built; run `npm run build`. MCP is at /mcp.' }),
    );
    return router;
  }
  router.use(
    express.static(root, {
      index: 'index.html',
      fallthrough: true,
      redirect: false,
      setHeaders(response, path) {
        response.set('X-Content-Type-Options', 'nosniff');
        if (/[\\/]assets[\\/]/.test(path)) response.set('Cache-Control', 'public, max-age=31536000, immutable');
        else response.set('Cache-Control', 'no-cache');
        if (path.endsWith('.html')) response.set({ 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'no-referrer' });
      },
    }),
  );
  return router;
}
