/** Plain-text tables for people: columns padded to their widest cell, numbers aligned right. */

export type Cell = string | number | undefined;

/** formatTable(['key', 'r'], [['F# minor', 0.87]]) → "key       r\n--------  ----\nF# minor  0.87\n" */
export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((row) => headers.map((_, column) => cellText(row[column])));
  const widths = headers.map((header, column) => Math.max(header.length, ...text.map((row) => row[column]!.length)));
  const numeric = headers.map((_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number' || row[column] === undefined));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (numeric[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...text.map(line)].join('\n') + '\n';
}

function cellText(cell: Cell): string {
  if (cell === undefined) return '';
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : cell.toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
  return cell;
}

/** formatFields([['Title', 'Chorale']]) → "Title  Chorale\n": label/value lines, labels padded */
export function formatFields(fields: readonly (readonly [string, Cell])[]): string {
  const width = Math.max(...fields.map(([label]) => label.length));
  return fields.map(([label, value]) => `${label.padEnd(width)}  ${cellText(value)}`).join('\n') + '\n';
}
