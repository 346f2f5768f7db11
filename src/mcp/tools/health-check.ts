import { z } from 'zod';
import { READ_ONLY, defineTool } from '../define-tool.js';

export const healthCheck = defineTool({
  name: 'health_check',
  title: 'Server health',
  description: 'Whether Cadenza is healthy: its score store, worker threads and lifecycle, each with a status and message.',
  input: z.object({}),
  output: z.object({
    healthy: z.boolean(),
    checks: z.array(z.object({ name: z.string(), ok: z.boolean(), message: z.string() })),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  async handle(_input, services) {
    const checks = [...(await services.health.checks())];
    const healthy = checks.every((check) => check.ok);
    const failing = checks.filter((check) => !check.ok).map((check) => `${check.name}: ${check.message}`);
    return { structured: { healthy, checks }, summary: healthy ? 'Healthy.' : `Unhealthy: ${failing.join('; ')}.` };
  },
});
