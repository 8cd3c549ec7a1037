import { TableTextBuilder, tableText, type TableCell } from '../../src/core/extract/table-text';

/** A roster of `rows` rows under a header row: cell text 'r{row}c{col}'. */
function roster(rows: number, cols: number): TableCell[] {
  const cells: TableCell[] = [];
  for (let col = 0; col < cols; col++) cells.push({ row: 0, col, text: `H${col}` });
  for (let row = 1; row <= rows; row++) {
    for (let col = 0; col < cols; col++) cells.push({ row, col, text: `r${row}c${col}` });
  }
  return cells;
}

/** The layout as written down: tabs within a row, one newline between rows. */
function expectedText(cells: TableCell[]): string {
  return cells.map((c, i) => (i === 0 ? '' : c.row === cells[i - 1]?.row ? '\t' : '\n') + c.text).join('');
}

describe('tableText', () => {
  it('lays out thousands of cells with their references and headers', () => {
    const cells = roster(1000, 5);
    const laid = tableText(cells, 'Roster', 1e9);
    expect(laid.truncated).toBe(false);
    expect(laid.text.text).toBe(expectedText(cells));
    const last = laid.text.text.lastIndexOf('r1000c4');
    expect(laid.text.cellAt?.(last)).toBe('E1001');
    expect(laid.text.headerAt?.(last)).toBe('H4');
    // Offsets in a separator belong to the cell before it; the header row has no header.
    expect(laid.text.cellAt?.(laid.text.text.indexOf('\tr1c1'))).toBe('A2');
    expect(laid.text.headerAt?.(laid.text.text.indexOf('H2'))).toBeUndefined();
    expect(laid.text.cellAt?.(-1)).toBeUndefined();
  });

  it('answers the same whatever order offsets are asked in', () => {
    const cells = roster(50, 3);
    const text = tableText(cells, 'Roster', 1e9).text;
    // Expected from the layout itself: the cell a character belongs to is the last one starting at or before it.
    const starts: number[] = [];
    let at = 0;
    cells.forEach((cell, i) => {
      if (i > 0) at += 1;
      starts.push(at);
      at += cell.text.length;
    });
    const cellOf = (offset: number): string | undefined => {
      let k = -1;
      while (k + 1 < starts.length && (starts[k + 1] as number) <= offset) k++;
      const cell = cells[k];
      return cell && `${String.fromCharCode(65 + cell.col)}${cell.row + 1}`;
    };
    const offsets = Array.from({ length: text.text.length + 4 }, (_, i) => i - 2);
    let seed = 5;
    const shuffled = offsets.map((o) => [(seed = (seed * 69069 + 1) >>> 0), o]).sort((a, b) => a[0]! - b[0]!);
    for (const order of [offsets, offsets.slice().reverse(), shuffled.map(([, o]) => o as number)]) {
      for (const offset of order) expect(text.cellAt?.(offset)).toBe(cellOf(offset));
    }
  });

  it('keeps references past 32 bits, as a crafted file may write them', () => {
    const laid = tableText(
      [
        { row: 0, col: 0, text: 'SSN' },
        { row: 99_999_999_999_998, col: 0, text: '536-22-8471' },
      ],
      'Roster',
      1e9,
    ).text;
    expect(laid.cellAt?.(laid.text.indexOf('536'))).toBe('A99999999999999');
    expect(laid.headerAt?.(laid.text.indexOf('536'))).toBe('SSN');
  });

  it('skips empty cells and separates skipped rows by one newline', () => {
    const laid = tableText(
      [
        { row: 0, col: 0, text: 'a' },
        { row: 0, col: 1, text: '' },
        { row: 4, col: 2, text: 'b' },
      ],
      undefined,
      100,
    );
    expect(laid.text.text).toBe('a\nb');
    expect(laid.text.cellAt?.(2)).toBe('C5');
  });

  it('sorts cells that come out of order, also after the limit was reached', () => {
    const cells = roster(1000, 5);
    const late = cells.splice(7, 1)[0] as TableCell;
    cells.push(late);
    const sorted = roster(1000, 5);
    expect(tableText(cells, undefined, 1e9).text.text).toBe(expectedText(sorted));
    // The limit falls inside the cells that arrived in order: the late cell still comes first.
    const limit = 20_000;
    const laid = tableText(cells, undefined, limit);
    expect(laid.truncated).toBe(true);
    let fit = 0;
    for (let length = 0; fit < sorted.length; fit++) {
      length += (fit === 0 ? 0 : 1) + (sorted[fit] as TableCell).text.length;
      if (length > limit) break;
    }
    expect(fit).toBeGreaterThan(1000);
    expect(laid.text.text).toBe(expectedText(sorted.slice(0, fit)));
    expect(laid.text.cellAt?.(laid.text.text.indexOf('r1c2'))).toBe('C2');
  });

  it('keeps the cells that fit in the limit, in order', () => {
    const cells = roster(3, 2);
    expect(tableText(cells, undefined, 0)).toMatchObject({ text: { text: '' }, truncated: true });
    expect(tableText(cells, undefined, 8)).toMatchObject({ text: { text: 'H0\tH1' }, truncated: true });
    expect(tableText(cells, undefined, 12).text.text).toBe('H0\tH1\nr1c0');
  });
});

describe('TableTextBuilder', () => {
  const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

  it('lays out cells given as UTF-8 bytes and as strings alike, offsets in UTF-16 units', () => {
    const builder = new TableTextBuilder(1e9);
    builder.addUtf8(0, 0, utf8('Name'), 0, 4, 4);
    builder.add(0, 1, 'Ville');
    const value = utf8('<v>Zoë 😀</v>');
    builder.addUtf8(1, 0, value, 3, value.length - 4, 'Zoë 😀'.length);
    builder.add(1, 1, '東京');
    const laid = builder.finish('S').text;
    expect(laid.text).toBe('Name\tVille\nZoë 😀\t東京');
    expect(laid.cellAt?.(laid.text.indexOf('東京'))).toBe('B2');
    expect(laid.headerAt?.(laid.text.indexOf('東京'))).toBe('Ville');
    expect(laid.headerAt?.(laid.text.indexOf('Zoë'))).toBe('Name');
  });

  it('keeps text that UTF-8 cannot carry (a lone surrogate) as it is', () => {
    const builder = new TableTextBuilder(1e9);
    builder.add(0, 0, 'a');
    builder.add(0, 1, 'b\ud800c');
    builder.addUtf8(1, 0, utf8('d'), 0, 1, 1);
    const laid = builder.finish(undefined).text;
    expect(laid.text).toBe('a\tb\ud800c\nd');
    expect(laid.cellAt?.(laid.text.length - 1)).toBe('A2');
  });

  it('sorts cells given as bytes that come out of order', () => {
    const builder = new TableTextBuilder(1e9, 1 << 20);
    const bytes = utf8('HdrB2A2');
    builder.addUtf8(0, 0, bytes, 0, 3, 3);
    builder.addUtf8(1, 1, bytes, 3, 5, 2);
    builder.addUtf8(1, 0, bytes, 5, 7, 2);
    const laid = builder.finish(undefined).text;
    expect(laid.text).toBe('Hdr\nA2\tB2');
    expect(laid.cellAt?.(laid.text.indexOf('B2'))).toBe('B2');
    expect(laid.headerAt?.(laid.text.indexOf('A2'))).toBe('Hdr');
  });
});
