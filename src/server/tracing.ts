/**
 * Optional OpenTelemetry traces: when CADENZA_OTLP_ENDPOINT is set, every tool call becomes a span
 * (exported over OTLP/HTTP), child of the caller's W3C `traceparent` when the request carries one.
 * Off by default: no exporter, no cost.
 */
import { SpanStatusCode, context, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { ToolTracer } from '../mcp/server.js';

export interface Tracing {
  readonly tools: ToolTracer;
  /** exports what is buffered, then stops */
  shutdown(): Promise<void>;
}

/** startTracing("http://collector:4318/v1/traces", "0.1.0") → a tracer for tool calls */
export function startTracing(endpoint: string, version: string): Tracing {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'cadenza', 'service.version': version }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint }))],
  });
  const propagator = new W3CTraceContextPropagator();
  const tracer: Tracer = provider.getTracer('cadenza', version);
  return {
    tools: {
      start(tool, tenantId, traceparent) {
        const parent = traceparent ? propagator.extract(context.active(), { traceparent }, propagationGetter) : context.active();
        const span = tracer.startSpan(`tools/call ${tool}`, { attributes: { 'mcp.tool.name': tool, 'cadenza.tenant': tenantId } }, parent);
        return (outcome) => {
          span.setAttribute('cadenza.outcome', outcome);
          if (outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
          span.end();
        };
      },
    },
    shutdown: () => provider.shutdown(),
  };
}

const propagationGetter = {
  keys: (carrier: Record<string, string>) => Object.keys(carrier),
  get: (carrier: Record<string, string>, key: string) => carrier[key],
};
