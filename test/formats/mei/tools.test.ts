/** MEI through the MCP tools, in-process: import_score with format "mei", export_score to "mei". */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMei } from '../../../src/formats/mei/read.js';
import { InlineWork } from '../../../src/mcp/inline-work.js';
import { createMcpServer } from '../../../src/mcp/server.js';
import { loadConfig } from '../../../src/server/config.js';
import { createServices } from '../../../src/server/services.js';
import { noteSequences, readCorpusScore } from './sequences.js';

let client: Client;

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

beforeEach(async () => {
  const config = loadConfig({ CADENZA_MAX_INPUT_BYTES: String(1024 * 1024), CADENZA_MAX_SCORES: '5', CADENZA_LOG_LEVEL: 'silent' }, process.cwd());
  const services = createServices(config, { work: new InlineWork() });
  const server = createMcpServer({ services, log: { error: () => undefined }, version: 'test' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  client = new Client({ name: 'test', version: '1' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
});

afterEach(async () => {
  await client.close();
});

const SMALL_MEI = `<mei xmlns="http://www.music-encoding.org/ns/mei" meiversion="5.0">
<meiHead><fileDesc><titleStmt><title>Two bars</title></titleStmt><pubStmt/></fileDesc></meiHead>
<music><body><mdiv><score><scoreDef><staffGrp><staffDef n="1" lines="5"><label>Voice</label><clef shape="G" line="2"/><keySig sig="1s"/><meterSig count="3" unit="4"/></staffDef></staffGrp></scoreDef>
<section><measure n="1"><staff n="1"><layer n="1"><note pname="g" oct="4" dur="4"/><note pname="f" oct="4" dur="2"/></layer></staff></measure>
<measure n="2" right="end"><staff n="1"><layer n="1"><note pname="g" oct="4" dur="2" dots="1"/></layer></staff></measure></section></score></mdiv></body></music></mei>`;

describe('MEI through the tools', () => {
  it('imports inline MEI content declared as format "mei"', async () => {
    const imported = await call('import_score', { content: SMALL_MEI, format: 'mei' });
    expect(imported.isError).toBeFalsy();
    expect(imported.structuredContent).toMatchObject({ format: 'mei', title: 'Two bars', partCount: 1, measureCount: 2, diagnosticCount: 0 });
    const { id } = imported.structuredContent as { id: string };
    const info = await call('get_score_info', { id });
    expect(info.structuredContent).toMatchObject({ timeSignature: '3/4', keySignatureFifths: 1 });
  });

  it('turns broken MEI into a PARSE_FAILED tool error', async () => {
    const result = await call('import_score', { content: SMALL_MEI.slice(0, 300), format: 'mei' });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('PARSE_FAILED');
  });

  it('exports a corpus score as MEI that reads back to the same notes', async () => {
    const { id } = (await call('import_score', { corpus: 'bach/bwv66.6' })).structuredContent as { id: string };
    const exported = await call('export_score', { id, format: 'mei', inline: true });
    const { mimeType, content, format } = exported.structuredContent as { mimeType: string; content: string; format: string };
    expect({ mimeType, format }).toEqual({ mimeType: 'application/mei+xml', format: 'mei' });
    const text = Buffer.from(content, 'base64').toString('utf8');
    expect(text).toContain('meiversion="5.0"');
    expect(noteSequences(readMei(text).score)).toEqual(noteSequences(readCorpusScore('bach/bwv66.6.mxl')));
  });
});
