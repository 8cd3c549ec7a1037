import { checkDeadline, failSafely } from './extract-failure';
import type { ExtractContext, ExtractedText, ExtractOutcome, Extractor } from './extractor';
import { cellName, tableText, type TableCell } from './table-text';
import { decodeUtf8 } from './text-decode';
import { attrValue, decodeXmlEntities, walkXml } from './xml';
import { ZipPackage } from './zip-package';
import { isZip, readZipPart } from './zip';

/**
 * OpenDocument text, spreadsheets and presentations (odt, ods, odp). content.xml holds the body:
 * paragraphs, tables, text boxes, annotations ('comments') and tracked deletions ('deleted
 * text'); styles.xml holds page headers and footers. Spreadsheet cells use their displayed text
 * (text:p, already formatted) laid out per sheet like xlsx ('Sheet1!B2'); repeated rows and
 * columns advance the position without being materialized. Presentations read 'slide 2' and
 * 'slide 2 notes'.
 */

type Kind = 'text' | 'spreadsheet' | 'presentation';

/** Repeats counted at most: an empty row repeated 1,048,576 times must not loop that often for nothing. */
const MAX_REPEAT = 1_048_576;

class Buckets {
  private readonly parts = new Map<string, string[]>();
  add(where: string, text: string): void {
    let list = this.parts.get(where);
    if (!list) this.parts.set(where, (list = []));
    list.push(text);
  }
  /** Ends a table cell or row: the break that closed its last paragraph becomes the separator. */
  endCell(where: string, separator: string): void {
    const list = this.parts.get(where);
    const last = list ? list[list.length - 1] : undefined;
    if (list && (last === '\n' || last === '\t')) list[list.length - 1] = separator;
    else this.add(where, separator);
  }

  texts(): ExtractedText[] {
    const out: ExtractedText[] = [];
    for (const [where, list] of this.parts) {
      const text = list.join('');
      if (/\S/.test(text)) out.push({ text, where });
    }
    return out;
  }
}

function repeat(attrs: string, name: string): number {
  const n = Number(attrValue(attrs, name) ?? '1');
  return Number.isInteger(n) && n > 0 ? Math.min(n, MAX_REPEAT) : 1;
}

/** Walks content.xml (or styles.xml) and routes text to buckets by where it sits. */
class OdfReader {
  readonly buckets = new Buckets();
  readonly sheets: Array<{ name: string; cells: TableCell[] }> = [];
  private annotation = 0;
  private deletion = 0;
  private changeInfo = 0;
  private notes = 0;
  private slide = 0;
  private inBody = false;
  private region = '';
  private row = -1;
  private col = -1;
  private cell: string[] | undefined;
  private cellRepeat = 1;
  private rowRepeat = 1;

  constructor(
    private readonly kind: Kind,
    private readonly styles: boolean,
  ) {}

  private where(): string {
    if (this.deletion > 0) return 'deleted text';
    const base =
      this.kind === 'presentation' && this.slide > 0 ? `slide ${this.slide}` : this.region || 'body';
    if (this.annotation > 0)
      return this.kind === 'spreadsheet'
        ? `${this.sheetName()}!${cellName(Math.max(0, this.row), Math.max(0, this.col))} comment`
        : `${base} comments`;
    if (this.notes > 0) return `${base} notes`;
    return base;
  }

  private sheetName(): string {
    return this.sheets[this.sheets.length - 1]?.name ?? 'Sheet';
  }

  private emit(text: string): void {
    if (this.changeInfo > 0 || (!this.inBody && !this.styles)) return;
    if (this.cell && this.annotation === 0 && this.deletion === 0) this.cell.push(text);
    else this.buckets.add(this.where(), text);
  }

  open(name: string, attrs: string, selfClosing: boolean): void {
    switch (name) {
      case 'office:body':
        this.inBody = true;
        return;
      case 'style:header':
      case 'style:header-left':
      case 'style:header-first':
        this.region = 'header';
        return;
      case 'style:footer':
      case 'style:footer-left':
      case 'style:footer-first':
        this.region = 'footer';
        return;
      case 'office:annotation':
        if (!selfClosing) this.annotation++;
        return;
      case 'text:deletion':
        if (!selfClosing) this.deletion++;
        return;
      case 'office:change-info':
        if (!selfClosing) this.changeInfo++;
        return;
      case 'presentation:notes':
        if (!selfClosing) this.notes++;
        return;
      case 'draw:page':
        this.slide++;
        return;
      case 'text:tab':
        this.emit('\t');
        return;
      case 'text:line-break':
        this.emit('\n');
        return;
      case 'text:s':
        this.emit(' '.repeat(Math.min(repeat(attrs, 'text:c'), 64)));
        return;
    }
    if (this.kind === 'spreadsheet' && this.annotation === 0) this.openTable(name, attrs, selfClosing);
  }

  private openTable(name: string, attrs: string, selfClosing: boolean): void {
    if (name === 'table:table') {
      this.sheets.push({
        name: attrValue(attrs, 'table:name') ?? `Sheet${this.sheets.length + 1}`,
        cells: [],
      });
      this.row = -1;
    } else if (name === 'table:table-row') {
      this.row++;
      this.col = -1;
      if (selfClosing) this.row += repeat(attrs, 'table:number-rows-repeated') - 1;
      else this.rowRepeat = repeat(attrs, 'table:number-rows-repeated');
    } else if (name === 'table:table-cell' || name === 'table:covered-table-cell') {
      this.col++;
      const count = repeat(attrs, 'table:number-columns-repeated');
      if (selfClosing) this.col += count - 1;
      else {
        this.cell = [];
        this.cellRepeat = count;
      }
    }
  }

  close(name: string): void {
    switch (name) {
      case 'office:body':
        this.inBody = false;
        return;
      case 'style:header':
      case 'style:header-left':
      case 'style:header-first':
      case 'style:footer':
      case 'style:footer-left':
      case 'style:footer-first':
        this.region = '';
        return;
      case 'office:annotation':
        this.annotation = Math.max(0, this.annotation - 1);
        this.buckets.add(this.where(), '\n');
        return;
      case 'text:deletion':
        this.deletion = Math.max(0, this.deletion - 1);
        return;
      case 'office:change-info':
        this.changeInfo = Math.max(0, this.changeInfo - 1);
        return;
      case 'presentation:notes':
        this.notes = Math.max(0, this.notes - 1);
        return;
      case 'text:p':
      case 'text:h':
        this.emit('\n');
        return;
    }
    if (this.kind === 'spreadsheet') this.closeTable(name);
    else if (name === 'table:table-cell' && this.inBody) this.buckets.endCell(this.where(), '\t');
    else if (name === 'table:table-row' && this.inBody) this.buckets.endCell(this.where(), '\n');
  }

  private closeTable(name: string): void {
    if ((name === 'table:table-cell' || name === 'table:covered-table-cell') && this.cell) {
      const text = this.cell.join('').replace(/\n+$/, '');
      this.cell = undefined;
      const sheet = this.sheets[this.sheets.length - 1];
      // A value repeated over columns is the same text in each: read it once.
      if (sheet && text) sheet.cells.push({ row: this.row, col: this.col, text });
      this.col += this.cellRepeat - 1;
    } else if (name === 'table:table-row') {
      this.row += this.rowRepeat - 1;
      this.rowRepeat = 1;
    }
  }

  text(raw: string, cdata: boolean): void {
    this.emit(cdata ? raw : decodeXmlEntities(raw));
  }
}

function odfKind(mimetype: string): Kind | undefined {
  if (/opendocument\.text/.test(mimetype)) return 'text';
  if (/opendocument\.spreadsheet/.test(mimetype)) return 'spreadsheet';
  if (/opendocument\.presentation/.test(mimetype)) return 'presentation';
  return undefined;
}

function kindFromName(name: string): Kind {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return ext === 'ods' || ext === 'ots'
    ? 'spreadsheet'
    : ext === 'odp' || ext === 'otp'
      ? 'presentation'
      : 'text';
}

function read(xml: string, kind: Kind, styles: boolean): OdfReader {
  const reader = new OdfReader(kind, styles);
  walkXml(xml, {
    open: (n, a, s) => reader.open(n, a, s),
    close: (n) => reader.close(n),
    text: (raw, cdata) => reader.text(raw, cdata),
  });
  return reader;
}

function extractOdf(bytes: Uint8Array, name: string, context: ExtractContext): ExtractOutcome {
  const pkg = new ZipPackage(bytes, context);
  const mimeBytes = readZipPart(bytes, pkg.directory, 'mimetype', context);
  const kind = (mimeBytes && odfKind(decodeUtf8(mimeBytes))) || kindFromName(name);
  const content = pkg.text('content.xml');
  if (content === undefined)
    return { ok: false, reason: 'corrupt', detail: 'OpenDocument without content.xml' };
  const body = read(content, kind, false);
  const texts = body.buckets.texts();
  let budget = context.limits.maxExtractedChars;
  for (const sheet of body.sheets) {
    checkDeadline(context);
    const laid = tableText(sheet.cells, sheet.name, Math.max(1, budget));
    budget -= laid.text.text.length;
    if (laid.text.text) texts.push(laid.text);
  }
  const styles = pkg.text('styles.xml');
  if (styles !== undefined)
    texts.push(
      ...read(styles, kind, true)
        .buckets.texts()
        .filter((t) => t.where !== 'body'),
    );
  return { ok: true, texts };
}

/** True when a zip's first entry is an uncompressed 'mimetype' naming an OpenDocument type. */
export function isOpenDocument(head: Uint8Array): boolean {
  if (!isZip(head) || head.length < 80) return false;
  let ascii = '';
  for (let i = 30; i < Math.min(head.length, 120); i++) ascii += String.fromCharCode(head[i] as number);
  return ascii.startsWith('mimetype') && /application\/vnd\.oasis\.opendocument\./.test(ascii);
}

export const openDocumentExtractor: Extractor = {
  id: 'opendocument',
  extensions: ['odt', 'ods', 'odp', 'ott', 'ots', 'otp'],
  contentTypes: [
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
    'application/vnd.oasis.opendocument.presentation',
  ],
  sniff: isOpenDocument,
  extract: (bytes, name, context) => failSafely(() => extractOdf(bytes, name, context), 'OpenDocument'),
};
