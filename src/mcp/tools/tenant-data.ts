/** GDPR-style access and erasure of everything Cadenza keeps for one tenant (admin scope). */
import { z } from 'zod';
import { decodeScore } from '../../core/score-codec.js';
import { defineTool } from '../define-tool.js';
import { PAGE_BUDGET_BYTES, cursorAt, cursorInput, nextCursorOutput, positionOf } from '../paging.js';

const tenantInput = z.string().min(1).max(200).describe('The tenant whose data to export or erase.');

export const exportTenantData = defineTool({
  name: 'export_tenant_data',
  title: 'Export a tenant’s data',
  description:
    'Admin: everything stored for a tenant — each score’s id, metadata, origin, import time and its full model as ' +
    'JSON text — for a data-access request, a page at a time (follow `nextCursor` to the end). Read-only.',
  input: z.object({
    tenant: tenantInput,
    cursor: cursorInput,
    limit: z.number().int().min(1).max(1000).optional().describe('At most this many scores in this page; default: as many as fit about 10 KB (at least one).'),
  }),
  output: z.object({
    tenant: z.string(),
    scoreCount: z.number().int().describe('Scores the tenant has in all; `scores` holds this page of them.'),
    bytes: z.number().int(),
    nextCursor: nextCursorOutput,
    scores: z.array(
      z.object({
        id: z.string(),
        title: z.string().optional(),
        composer: z.string().optional(),
        format: z.string(),
        origin: z.string(),
        importedAt: z.string(),
        model: z.string().describe('The stored score model, JSON with a schema version.'),
      }),
    ),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  scope: 'admin',
  async handle(input, services) {
    const listings = await services.store.list(input.tenant);
    const start = input.cursor === undefined ? 0 : positionOf(input.cursor, listings.length);
    // scores are read one at a time and only for this page, so memory and the answer stay bounded
    const scores = [];
    let [next, spent] = [start, 0];
    for (; next < listings.length && (input.limit === undefined || scores.length < input.limit); next++) {
      const listing = listings[next]!;
      const stored = await services.store.get(input.tenant, listing.id);
      if (!stored) continue; // deleted since the listing
      const row = { ...listing, model: JSON.stringify({ v: 1, score: decodeScore(stored.data) }) };
      spent += JSON.stringify(row).length + 1;
      // a default page stops before the score that would overflow it, but always holds one
      if (input.limit === undefined && spent > PAGE_BUDGET_BYTES && scores.length > 0) break;
      scores.push(row);
    }
    const { bytes } = await services.store.usage(input.tenant);
    const nextCursor = next < listings.length ? cursorAt(next) : undefined;
    return {
      structured: { tenant: input.tenant, scoreCount: listings.length, bytes, scores, ...(nextCursor ? { nextCursor } : {}) },
      summary:
        `Tenant ${input.tenant}: ${listings.length} scores, ${bytes} bytes; this page holds nos. ${start + 1}–${start + scores.length}` +
        (nextCursor ? `; pass nextCursor for the rest.` : '.'),
    };
  },
});

export const deleteTenantData = defineTool({
  name: 'delete_tenant_data',
  title: 'Erase a tenant’s data',
  description: 'Admin: forget every score and corpus of a tenant, for an erasure request. Irreversible; pass confirm: true.',
  input: z.object({ tenant: tenantInput, confirm: z.literal(true).describe('Must be true: this cannot be undone.') }),
  output: z.object({ tenant: z.string(), deleted: z.number().int() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  scope: 'admin',
  async handle(input, services) {
    const deleted = await services.store.deleteTenant(input.tenant);
    const corpora = (await services.corpora.list(input.tenant)).filter((corpus) => !corpus.bundled);
    for (const corpus of corpora) await services.corpora.delete(input.tenant, corpus.name);
    return { structured: { tenant: input.tenant, deleted }, summary: `Erased ${deleted} scores and ${corpora.length} corpora of tenant ${input.tenant}.` };
  },
});
