/**
 * The view's side of MCP Apps (SEP-1865): JSON-RPC 2.0 over postMessage with the host. ui/initialize first
 * (its answer says what the host allows), then tool results arrive as ui/notifications/tool-result, and
 * the view may ask the host to read resources and, where allowed, to call the server's tools.
 */
export interface ContentItem { type: string; text?: string; data?: string; mimeType?: string }
export interface ToolResult { content?: ContentItem[]; structuredContent?: unknown; isError?: boolean }
export interface HostCapabilities { serverTools?: object; serverResources?: object }

interface Message { jsonrpc?: string; id?: number; method?: string; params?: unknown; result?: unknown; error?: { message?: string } }

export interface HostConnection {
  request<T>(method: string, params: unknown): Promise<T>;
  /** the result of one of the server's tools; a tool error is thrown with its message */
  callToolResult(name: string, input: Record<string, unknown>): Promise<ToolResult>;
  /** the structured content of one of the server's tools */
  callTool<T>(name: string, input: Record<string, unknown>): Promise<T>;
  capabilities(): Promise<HostCapabilities>;
}

/** hostConnection(window.parent, show) → the connection; show(result) for each tool result the host hands over */
export function hostConnection(parent: Window, onToolResult: (result: ToolResult) => void): HostConnection {
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const send = (message: Message) => parent.postMessage({ jsonrpc: '2.0', ...message }, '*');
  const request = <T>(method: string, params: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      send({ id, method, params });
    });
  window.addEventListener('message', (event) => {
    if (event.source !== parent) return;
    const message = event.data as Message;
    if (!message || message.jsonrpc !== '2.0') return;
    if (message.method === 'ui/notifications/tool-result') onToolResult((message.params ?? {}) as ToolResult);
    if (message.method !== undefined || message.id === undefined) return;
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiting?.reject(new Error(message.error.message ?? 'the host refused the request.'));
    else waiting?.resolve(message.result);
  });
  const initialized = request<{ hostCapabilities?: HostCapabilities }>('ui/initialize', {
    protocolVersion: '2026-01-26',
    appInfo: { name: 'cadenza-score-view', version: '1' },
    appCapabilities: {},
  }).then((answer) => {
    send({ method: 'ui/notifications/initialized', params: {} });
    return answer.hostCapabilities ?? {};
  });
  const callToolResult = async (name: string, input: Record<string, unknown>) => {
    const result = await request<ToolResult>('tools/call', { name, arguments: input });
    if (result.isError) throw new Error(result.content?.find((item) => item.type === 'text')?.text ?? `${name} failed.`);
    return result;
  };
  return {
    request,
    callToolResult,
    callTool: async <T>(name: string, input: Record<string, unknown>) => (await callToolResult(name, input)).structuredContent as T,
    capabilities: () => initialized,
  };
}
