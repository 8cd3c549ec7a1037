import { docExtractor, extractDoc } from '../../src/core/extract/doc';
import { concat, latin1, u16, u32 } from './biff-fixtures';
import { contextWith, locate, texts } from './extract-helpers';
import { buildOle, utf16le } from './ole-fixtures';

interface PieceSpec {
  text: string;
  compressed: boolean;
}

const TEXT_AT = 0x800;

/**
 * A Word 97 file written by hand: a FIB with ccpText/ccpFtn/ccpAtn and fcClx, the text pieces at
 * 0x800 in WordDocument, and a CLX (one Prc, then the Pcdt) in 1Table.
 */
function buildDoc(
  pieces: PieceSpec[],
  counts: { text: number; footnotes?: number; comments?: number },
  flags = 0x0200,
) {
  const fibRgLw = new Uint8Array(22 * 4);
  const lw = new DataView(fibRgLw.buffer);
  lw.setUint32(3 * 4, counts.text, true);
  lw.setUint32(4 * 4, counts.footnotes ?? 0, true);
  lw.setUint32(7 * 4, counts.comments ?? 0, true);
  const textBytes: Uint8Array[] = [];
  const pcds: Uint8Array[] = [];
  const cps: number[] = [0];
  let at = TEXT_AT;
  for (const piece of pieces) {
    const bytes = piece.compressed ? latin1(piece.text) : utf16le(piece.text);
    const fc = piece.compressed ? ((at * 2) | 0x40000000) >>> 0 : at;
    pcds.push(concat(u16(0), u32(fc), u16(0)));
    textBytes.push(bytes);
    at += bytes.length;
    cps.push((cps[cps.length - 1] as number) + piece.text.length);
  }
  const plcPcd = concat(...cps.map(u32), ...pcds);
  const prc = concat(new Uint8Array([0x01]), u16(3), new Uint8Array([1, 2, 3]));
  const clx = concat(prc, new Uint8Array([0x02]), u32(plcPcd.length), plcPcd);
  const table = concat(new Uint8Array(16), clx);
  const fcLcb = new Uint8Array(93 * 8);
  const pairs = new DataView(fcLcb.buffer);
  pairs.setUint32(33 * 8, 16, true);
  pairs.setUint32(33 * 8 + 4, clx.length, true);
  const fibBase = new Uint8Array(32);
  const base = new DataView(fibBase.buffer);
  base.setUint16(0, 0xa5ec, true);
  base.setUint16(2, 0x00c1, true);
  base.setUint16(0x0a, flags, true);
  const fib = concat(fibBase, u16(14), new Uint8Array(28), u16(22), fibRgLw, u16(93), fcLcb, u16(0));
  const word = new Uint8Array(at);
  word.set(fib);
  word.set(concat(...textBytes), TEXT_AT);
  return buildOle({ WordDocument: word, '1Table': table });
}

describe('doc extractor (Word 97)', () => {
  const context = contextWith();
  const main1 = 'Caf\u00e9 \u0080 memo\r';
  const main2 = 'Zo\u00eb \u2713 SSN 536-22-8471\u0007';
  const footnote = 'See SSN 287-65-4321\r';
  const comment = 'reviewer: ok\r';
  const doc = buildDoc(
    [
      { text: main1, compressed: true },
      { text: main2, compressed: false },
      { text: footnote, compressed: true },
      { text: comment, compressed: false },
    ],
    { text: main1.length + main2.length, footnotes: footnote.length, comments: comment.length },
  );

  it('decodes compressed cp1252 and UTF-16 pieces in order and splits the story parts', () => {
    const parts = texts(docExtractor.extract(doc, 'memo.doc', context));
    expect(parts.map((p) => [p.where, p.text])).toEqual([
      [undefined, 'Café € memo\nZoë ✓ SSN 536-22-8471\t'],
      ['footnotes', 'See SSN 287-65-4321\n'],
      ['comments', 'reviewer: ok\n'],
    ]);
  });

  it('finds SSNs in the body and the footnotes', () => {
    expect(locate(extractDoc(doc, context)).map((f) => f.where)).toEqual(['', 'footnotes']);
  });

  it('reports fEncrypted documents and password-protected docx as encrypted', () => {
    const encrypted = buildDoc([{ text: 'secret', compressed: true }], { text: 6 }, 0x0200 | 0x0100);
    expect(extractDoc(encrypted, context)).toMatchObject({ ok: false, reason: 'encrypted' });
    expect(extractDoc(buildOle({ EncryptionInfo: 'x', EncryptedPackage: 'y' }), context)).toMatchObject({
      ok: false,
      reason: 'encrypted',
    });
  });

  it('reports a missing table stream and a bad FIB as corrupt', () => {
    const noTable = buildDoc([{ text: 'x', compressed: true }], { text: 1 }, 0);
    expect(extractDoc(noTable, context)).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(extractDoc(buildOle({ WordDocument: new Uint8Array(100), '1Table': 'x' }), context)).toMatchObject(
      {
        ok: false,
        reason: 'corrupt',
      },
    );
  });

  it('stops at the character limit and says so', () => {
    const outcome = extractDoc(doc, contextWith({ maxExtractedChars: 10 }));
    expect(texts(outcome)[0]?.text).toBe('Café € mem');
    expect(outcome.ok && outcome.unscanned?.[0]?.reason).toBe('limit');
  });
});
