// verovio ships no TypeScript declarations; these cover what Cadenza calls.
declare module 'verovio/wasm' {
  export default function createVerovioModule(): Promise<unknown>;
}

declare module 'verovio/esm' {
  export class VerovioToolkit {
    constructor(module: unknown);
    setOptions(options: Record<string, unknown>): void;
    loadData(data: string): boolean;
    getPageCount(): number;
    select(selection: { measureRange?: string }): boolean;
    redoLayout(): void;
    renderToSVG(page: number): string;
    /** when measures and notes begin and end: ids, quarter-note and millisecond stamps, tempo changes */
    renderToTimemap(options?: { includeMeasures?: boolean; includeRests?: boolean }): { tstamp: number; qstamp: number; tempo?: number; measureOn?: string; on?: string[]; off?: string[] }[];
    getVersion(): string;
    getMEI(options?: Record<string, unknown>): string;
  }
}
