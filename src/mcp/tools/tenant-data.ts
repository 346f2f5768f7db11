/** GDPR-style access and erasure of everything Cadenza keeps for one tenant (admin scope). */
import { z } from 'zod';
import { decodeScore } from '../../core/score-codec.js';
import { defineTool } from '../define-tool.js';

const tenantInput = z.string().min(1).max(200).describe('The tenant whose data to export or erase.');

export const exportTenantData = defineTool({
  name: 'export_tenant_data',
  title: 'Export a tenant’s data',
  description:
    'Admin: everything stored for a tenant — each score’s id, metadata, origin, import time and its full model as ' +
    'JSON text — for a data-access request. Read-only.',
  input: z.object({ tenant: tenantInput }),
  output: z.object({
    tenant: z.string(),
    scoreCount: z.number().int(),
    bytes: z.number().int(),
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
    const scores = [];
    for (const listing of listings) {
      const stored = await services.store.get(input.tenant, listing.id);
      if (stored) scores.push({ ...listing, model: JSON.stringify({ v: 1, score: decodeScore(stored.data) }) });
    }
    const { bytes } = await services.store.usage(input.tenant);
    return {
      structured: { tenant: input.tenant, scoreCount: scores.length, bytes, scores },
      summary: `Tenant ${input.tenant}: ${scores.length} scores, ${bytes} bytes.`,
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
