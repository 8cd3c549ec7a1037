import { zlibSync } from 'fflate';
import { concat } from './biff-fixtures';

/** A minimal PDF writer for fixtures: numbered objects, real byte offsets, table or stream xref. */

export type PdfObject = string | { dict: string; data: Uint8Array | string };

export const latin1Bytes = (text: string): Uint8Array =>
  new Uint8Array(text.split('').map((c) => c.charCodeAt(0) & 0xff));

export function flate(text: string | Uint8Array): Uint8Array {
  return zlibSync(typeof text === 'string' ? latin1Bytes(text) : text);
}

function objectBytes(num: number, object: PdfObject): Uint8Array {
  if (typeof object === 'string') return latin1Bytes(`${num} 0 obj\n${object}\nendobj\n`);
  const data = typeof object.data === 'string' ? latin1Bytes(object.data) : object.data;
  return concat(
    latin1Bytes(`${num} 0 obj\n<< ${object.dict} /Length ${data.length} >>\nstream\n`),
    data,
    latin1Bytes('\nendstream\nendobj\n'),
  );
}

export interface PdfOptions {
  /** Extra trailer entries, e.g. '/Encrypt 9 0 R'. */
  trailer?: string;
  /** Number of the catalog object. */
  root?: number;
  /** Add this to every xref offset (a broken xref the reader must repair). */
  skewOffsets?: number;
}

/** Objects are numbered from 1 in order. */
export function buildPdf(objects: PdfObject[], options: PdfOptions = {}): Uint8Array {
  const parts: Uint8Array[] = [latin1Bytes('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n')];
  const offsets: number[] = [];
  let length = parts[0]?.length ?? 0;
  objects.forEach((object, i) => {
    offsets.push(length);
    const bytes = objectBytes(i + 1, object);
    parts.push(bytes);
    length += bytes.length;
  });
  const skew = options.skewOffsets ?? 0;
  const rows = offsets.map((o) => `${String(o + skew).padStart(10, '0')} 00000 n \n`).join('');
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${rows}`;
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root ${options.root ?? 1} 0 R ${options.trailer ?? ''} >>\n`;
  parts.push(latin1Bytes(`${xref}${trailer}startxref\n${length}\n%%EOF\n`));
  return concat(...parts);
}

/**
 * A PDF 1.5 file whose non-stream objects live in one object stream, indexed by a cross-reference
 * stream with a PNG Up predictor (what Acrobat and Word write).
 */
export function buildCompressedPdf(
  inStream: string[],
  streams: Array<{ dict: string; data: Uint8Array | string }>,
): Uint8Array {
  // Numbering: 1..k objects in the object stream, then the streams, then the ObjStm, then the XRef stream.
  const k = inStream.length;
  let offsetsText = '';
  let body = '';
  inStream.forEach((text, i) => {
    offsetsText += `${i + 1} ${body.length} `;
    body += text + '\n';
  });
  const first = offsetsText.length;
  const objStm = {
    dict: `/Type /ObjStm /N ${k} /First ${first} /Filter /FlateDecode`,
    data: flate(offsetsText + body),
  };
  const parts: Uint8Array[] = [latin1Bytes('%PDF-1.7\n')];
  let length = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  const add = (num: number, object: PdfObject): void => {
    offsets[num] = length;
    const bytes = objectBytes(num, object);
    parts.push(bytes);
    length += bytes.length;
  };
  streams.forEach((s, i) => add(k + 1 + i, s));
  const objStmNum = k + streams.length + 1;
  add(objStmNum, objStm);
  const xrefNum = objStmNum + 1;
  const size = xrefNum + 1;
  const xrefOffset = length;
  offsets[xrefNum] = xrefOffset;
  // Rows of W [1 4 2]: type, field 2, field 3; each row prefixed with PNG filter 2 (Up).
  const rows: number[][] = [];
  for (let num = 0; num < size; num++) {
    if (num === 0) rows.push([0, 0, 0, 0, 0, 0xff, 0xff]);
    else if (num <= k) rows.push([2, 0, 0, 0, objStmNum, 0, num - 1]);
    else {
      const o = offsets[num] as number;
      rows.push([1, (o >>> 24) & 0xff, (o >>> 16) & 0xff, (o >>> 8) & 0xff, o & 0xff, 0, 0]);
    }
  }
  const predicted: number[] = [];
  rows.forEach((row, r) => {
    predicted.push(2);
    row.forEach((b, i) =>
      predicted.push((b - (r > 0 ? ((rows[r - 1] as number[])[i] as number) : 0)) & 0xff),
    );
  });
  add(xrefNum, {
    dict: `/Type /XRef /Size ${size} /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >>`,
    data: flate(new Uint8Array(predicted)),
  });
  parts.push(latin1Bytes(`startxref\n${xrefOffset}\n%%EOF\n`));
  return concat(...parts);
}

/** Catalog, page tree and n pages (objects 1, 2 and 3..2+n); content and font objects follow. */
export function pageTree(pageDicts: string[]): string[] {
  const kids = pageDicts.map((_, i) => `${i + 3} 0 R`).join(' ');
  return [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pageDicts.length} >>`,
    ...pageDicts.map((d) => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] ${d} >>`),
  ];
}
