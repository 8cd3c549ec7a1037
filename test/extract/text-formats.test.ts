import { htmlExtractor, htmlToText } from '../../src/core/extract/html';
import { plainTextExtractor } from '../../src/core/extract/plain-text';
import { rtfExtractor, rtfToText } from '../../src/core/extract/rtf';
import { decodeText, decodeUtf8Portable, encodeUtf8 } from '../../src/core/extract/text-decode';
import { scanAttachment } from '../../src/core/scan/scan-message';
import { context, textsByWhere } from './helpers';

const bytesOf = (...values: number[]): Uint8Array => new Uint8Array(values);

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const units = (bom ? '\ufeff' : '') + text;
  for (let i = 0; i < units.length; i++) {
    const c = units.charCodeAt(i);
    out[2 * i] = littleEndian ? c & 0xff : c >> 8;
    out[2 * i + 1] = littleEndian ? c >> 8 : c & 0xff;
  }
  return out;
}

describe('charset detection', () => {
  const sample = 'Café SSN 536-22-8471 — €5';

  it.each([
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...encodeUtf8(sample)]), 'utf-8'],
    ['UTF-8', encodeUtf8(sample), 'utf-8'],
    ['UTF-16 LE with BOM', utf16(sample, true, true), 'utf-16le'],
    ['UTF-16 BE with BOM', utf16(sample, false, true), 'utf-16be'],
    ['UTF-16 LE without BOM', utf16(sample, true, false), 'utf-16le'],
  ])('%s', (_label, bytes, charset) => {
    expect(decodeText(bytes)).toEqual({ text: sample, charset });
  });

  it('falls back to Windows-1252, with its 0x80-0x9F characters', () => {
    // 'Caf\xe9 \x80 \x93 \x9c' is not valid UTF-8.
    const decoded = decodeText(bytesOf(0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x20, 0x93, 0x20, 0x9c));
    expect(decoded).toEqual({ text: 'Café € “ œ', charset: 'windows-1252' });
  });

  it('decodes UTF-8 without TextDecoder and rejects invalid sequences', () => {
    expect(decodeUtf8Portable(encodeUtf8('a€😀é'))).toBe('a€😀é');
    expect(decodeUtf8Portable(bytesOf(0xc0, 0x80))).toBeUndefined();
    expect(decodeUtf8Portable(bytesOf(0xe2, 0x82))).toBeUndefined();
    expect(decodeUtf8Portable(bytesOf(0xed, 0xa0, 0x80))).toBeUndefined();
  });
});

describe('plain text', () => {
  it('scans a CSV with its header column', () => {
    const csv = encodeUtf8('name,ssn\nAnn,536228471\n');
    const scan = scanAttachment({ name: 'staff.csv', size: csv.length, kind: 'file', bytes: csv });
    expect(scan.findings.map((f) => [f.entity, f.confidence, f.location])).toEqual([
      ['US_SSN', 'high', { part: 'attachment', name: 'staff.csv' }],
    ]);
  });

  it('reads text attachments whole; the message scanner applies the character budget', () => {
    const outcome = plainTextExtractor.extract(
      encodeUtf8('x'.repeat(100)),
      'a.txt',
      context({ maxExtractedChars: 10 }),
    );
    expect(outcome.ok && outcome.texts[0]?.text).toHaveLength(100);
  });
});

describe('html', () => {
  it('drops script and style, decodes entities and keeps table structure', () => {
    const html =
      '<!DOCTYPE html><html><head><title>t</title><style>td{color:red}</style></head><body>' +
      '<script>var ssn="536-22-0000";</script><p>Hello&nbsp;Ann &amp; Bob &#8212; &lt;ok&gt;</p>' +
      '<table><tr><th>Name</th><th>SSN</th></tr><tr><td>Ann</td><td>536228471</td></tr></table>a < b<!-- 536-22-1111 --></body></html>';
    const text = htmlToText(html);
    expect(text).toContain('Hello\u00a0Ann & Bob \u2014 <ok>');
    expect(text).toContain('Name\tSSN\n');
    expect(text).toContain('Ann\t536228471\n');
    expect(text).toContain('a < b');
    expect(text).not.toContain('536-22-0000');
    expect(text).not.toContain('536-22-1111');
    expect(text).not.toContain('color');
    const bytes = encodeUtf8(html);
    expect(htmlExtractor.sniff?.(bytes)).toBe(true);
    const ssn = scanAttachment({ name: 'page.htm', size: bytes.length, kind: 'file', bytes }).findings.find(
      (f) => f.entity === 'US_SSN',
    );
    expect(ssn?.confidence).toBe('high');
  });
});

describe('rtf', () => {
  it('strips control words and decodes escapes', () => {
    const rtf =
      '{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}{\\colortbl;\\red0\\green0\\blue0;}{\\*\\generator Riched20;}' +
      "\\f0 Caf\\'e9 SSN:\\tab 536-22-8471\\par \\uc1\\u8364?5 \\{x\\}\\par" +
      '\\trowd\\cellx1000\\cellx2000 Name\\cell SSN\\cell\\row}';
    expect(rtfToText(rtf)).toBe('Café SSN:\t536-22-8471\n€5 {x}\nName\tSSN\t\n');
    const texts = textsByWhere(rtfExtractor.extract(encodeUtf8(rtf), 'a.rtf', context()));
    expect(texts['']).not.toContain('Arial');
    expect(texts['']).not.toContain('Riched20');
  });
});
