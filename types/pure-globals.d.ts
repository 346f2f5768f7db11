// The pure layers may use web-standard text decoding (present in Node, browsers and workers),
// but nothing Node-specific. This file is compiled only by tsconfig.pure.json, where @types/node is absent.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
