/** Line numbers in messages: lineLocator answers as lineOf does, for every offset, without a scan per question. */
import { describe, expect, it } from 'vitest';
import { lineLocator, lineOf } from '../../../src/formats/musicxml/xml-scanner.js';

describe('lineLocator', () => {
  it('agrees with lineOf at every offset, newlines and both ends included', () => {
    const source = '\n<a>\n\n  <b/>\r\n<c>text</c>\n</a>';
    const lineAt = lineLocator(source);
    for (let offset = 0; offset <= source.length; offset++) expect(lineAt(offset), `offset ${offset}`).toBe(lineOf(source, offset));
  });

  it('answers line 1 in a document with no newline', () => {
    expect(lineLocator('<a/>')(3)).toBe(1);
  });

  it('answers far into a long document (200,000 lines)', () => {
    const source = '<x/>\n'.repeat(200_000);
    const lineAt = lineLocator(source);
    for (let line = 1; line <= 500; line++) expect(lineAt((line - 1) * 5 + 400 * 5 * 2)).toBe(line + 800);
  });
});
