import { deflateSync, gzipSync, strToU8 } from 'fflate';
import { pickExtractor } from '../../src/core/extract';
import { parseExtractLimits } from '../../src/core/extract/limits';
import {
  gzipExtractor,
  inflateCapped,
  readZipDirectory,
  readZipEntry,
  zipExtractor,
} from '../../src/core/extract/zip';
import { scanAttachment } from '../../src/core/scan/scan-message';
import type { AttachmentInput } from '../../src/core/types';
import { findSignatures, markEncrypted, zip } from './fixtures';
import { context } from './helpers';

const MB = 1024 * 1024;
const file = (name: string, bytes: Uint8Array): AttachmentInput => ({
  name,
  size: bytes.length,
  kind: 'file',
  bytes,
});

/** 20 MB of zeros deflates to about 20 KB: ratio ~1000, far past the limit of 100. */
const zeros = new Uint8Array(20 * MB);
const bombLayer = zip(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`zeros${i}.txt`, zeros])));

/** Bytes that do not compress (xorshift), so their deflate data is as large as they are. */
function noise(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = 2463534242;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

describe('zip', () => {
  it('lists entries and inflates them', () => {
    const bytes = zip({ 'a.txt': 'SSN 536-22-8471', 'dir/b.csv': 'x,y\n1,2' });
    const outcome = zipExtractor.extract(bytes, 'a.zip', context());
    expect(outcome.ok && outcome.files?.map((f) => [f.name, new TextDecoder().decode(f.bytes)])).toEqual([
      ['a.txt', 'SSN 536-22-8471'],
      ['dir/b.csv', 'x,y\n1,2'],
    ]);
  });

  it('refuses a nested zip bomb from the central directory, before inflating', () => {
    // Outer zip of 10 copies of a zip holding 10 x 20 MB of zeros: 2 GB if inflated.
    const outer = zip(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`layer${i}.zip`, bombLayer])));
    const scan = scanAttachment(file('bomb.zip', outer));
    expect(scan.findings).toEqual([]);
    expect(scan.unscanned).toHaveLength(100);
    expect(
      scan.unscanned.every((u) => u.reason === 'too-large' && /compression ratio/.test(u.detail ?? '')),
    ).toBe(true);
    expect(scan.unscanned[0]?.path).toEqual(['bomb.zip', 'layer0.zip', 'zeros0.txt']);
  });

  it('stops inflating an entry that lies about its size', () => {
    // 20 MB of zeros deflate to ~20 KB, noise to ~100 KB: both stop at the 1,001st byte.
    for (const content of [zeros, noise(100_000)]) {
      const lying = zip({ 'small.txt': content }).slice();
      // Declare 1,000 bytes uncompressed in the central directory.
      const central = findSignatures(lying, 0x02014b50)[0] as number;
      new DataView(lying.buffer).setUint32(central + 24, 1000, true);
      const ctx = context();
      const entry = readZipDirectory(lying, 10).entries[0]!;
      expect(entry.size).toBe(1000);
      expect(() => readZipEntry(lying, entry, ctx)).toThrow(/inflates past 1000 bytes/);
      expect(ctx.budget?.inflatedBytes).toBe(0);
    }
  });

  it('refuses entries over the size limit and the per-message inflate budget', () => {
    const bytes = zip({ 'a.txt': new Uint8Array(3000).fill(65), 'b.txt': new Uint8Array(3000).fill(66) });
    const tooBig = zipExtractor.extract(bytes, 'a.zip', context({ maxAttachmentBytes: 2000 }));
    expect(tooBig.ok && tooBig.unscanned?.map((u) => u.reason)).toEqual(['too-large', 'too-large']);
    const overBudget = zipExtractor.extract(bytes, 'a.zip', context({ maxInflatedBytes: 4000 }));
    expect(overBudget.ok && overBudget.files?.map((f) => f.name)).toEqual(['a.txt']);
    expect(overBudget.ok && overBudget.unscanned?.map((u) => [u.name, u.reason])).toEqual([
      ['b.txt', 'too-large'],
    ]);
  });

  it('reports password-protected entries as encrypted and still reads the rest', () => {
    const locked = markEncrypted(zip({ 'secret.xlsx': 'x' }));
    const outer = zip({ 'locked.zip': locked, 'open.txt': 'SSN 536-22-8471' });
    const scan = scanAttachment(file('mixed.zip', outer));
    expect(scan.unscanned).toEqual([
      expect.objectContaining({
        name: 'secret.xlsx',
        reason: 'encrypted',
        path: ['mixed.zip', 'locked.zip', 'secret.xlsx'],
      }),
    ]);
    expect(scan.findings.map((f) => [f.entity, f.location.name, f.location.path])).toEqual([
      ['US_SSN', 'open.txt', ['mixed.zip', 'open.txt']],
    ]);
  });

  it('refuses archives with more entries than the limit', () => {
    const bytes = zip({ a: '1', b: '2', c: '3', d: '4' });
    expect(zipExtractor.extract(bytes, 'a.zip', context({ maxEntries: 3 }))).toMatchObject({
      ok: false,
      reason: 'limit',
    });
  });

  it('reports truncated or garbage zips as corrupt', () => {
    const bytes = zip({ 'a.txt': 'hello world '.repeat(100) });
    expect(zipExtractor.extract(bytes.subarray(0, bytes.length - 30), 'a.zip', context())).toMatchObject({
      ok: false,
      reason: 'corrupt',
    });
    const garbage = strToU8('PK\u0003\u0004 this is not really a zip file at all');
    expect(scanAttachment(file('x.zip', garbage)).unscanned).toEqual([
      expect.objectContaining({ reason: 'corrupt' }),
    ]);
  });

  it('limits nesting depth', () => {
    let bytes: Uint8Array = strToU8('SSN 536-22-8471');
    let name = 'inner.txt';
    for (let level = 0; level < 4; level++) {
      bytes = zip({ [name]: bytes });
      name = `level${level}.zip`;
    }
    const deep = scanAttachment(file('top.zip', bytes), { limits: { maxDepth: 2 } });
    expect(deep.findings).toEqual([]);
    expect(deep.unscanned).toEqual([expect.objectContaining({ name: 'level0.zip', reason: 'limit' })]);
    const allowed = scanAttachment(file('top.zip', bytes), { limits: { maxDepth: 5 } });
    expect(allowed.findings[0]?.location.path).toEqual([
      'top.zip',
      'level2.zip',
      'level1.zip',
      'level0.zip',
      'inner.txt',
    ]);
  });
});

describe('inflateCapped', () => {
  const small = strToU8('name,ssn\nAnn Lee,536-22-8471\n'.repeat(100));
  const large = noise(100_000);

  it('inflates small and large data alike', () => {
    // Compared as hex: Jest compares typed arrays element by element, slowly.
    const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
    for (const data of [small, large]) {
      expect(hex(inflateCapped(deflateSync(data), data.length, data.length))).toBe(hex(data));
      // A declared size larger than the data is only a bound.
      expect(hex(inflateCapped(deflateSync(data), data.length + 10, data.length + 10))).toBe(hex(data));
    }
    // An empty file some writers store as deflate with no data at all.
    expect(inflateCapped(new Uint8Array(0), 10, 10)).toHaveLength(0);
  });

  it('stops data that inflates past its declared size, stored blocks included', () => {
    const lying: Array<[Uint8Array, number]> = [
      [deflateSync(small), small.length - 1],
      [deflateSync(new Uint8Array(MB)), 1000],
      [deflateSync(noise(10_000), { level: 0 }), 100],
      [deflateSync(large), 1000],
      [deflateSync(large), large.length - 1],
    ];
    for (const [data, declared] of lying) {
      expect(() => inflateCapped(data, declared, declared)).toThrow(`inflates past ${declared} bytes`);
    }
  });

  it('reads past a smaller size hint up to the cap (a gzip trailer is only a hint)', () => {
    expect(new TextDecoder().decode(inflateCapped(deflateSync(small), small.length, 100))).toBe(
      new TextDecoder().decode(small),
    );
    expect(() => inflateCapped(deflateSync(small), 1000, 100)).toThrow('inflates past 1000 bytes');
  });

  it('reports bad data as an inflate error, not as too large', () => {
    const bad = deflateSync(small).slice();
    bad[0] = 0xff;
    expect(() => inflateCapped(bad, small.length, small.length)).toThrow('invalid block type');
    const truncated = deflateSync(large).subarray(0, 50_000);
    expect(() => inflateCapped(truncated, large.length, large.length)).toThrow('unexpected end of data');
  });
});

describe('gzip', () => {
  it('inflates and names the inner file after the original name', () => {
    const bytes = gzipSync(strToU8('name,ssn\nAnn,536228471\n'), { filename: 'roster.csv' });
    const outcome = gzipExtractor.extract(bytes, 'roster.csv.gz', context());
    expect(outcome.ok && outcome.files?.[0]?.name).toBe('roster.csv');
    const scan = scanAttachment(file('roster.csv.gz', bytes));
    expect(scan.findings.map((f) => [f.entity, f.location.path])).toEqual([
      ['US_SSN', ['roster.csv.gz', 'roster.csv']],
    ]);
  });

  it('refuses a gzip bomb by its declared size and ratio', () => {
    const bomb = gzipSync(zeros);
    expect(gzipExtractor.extract(bomb, 'z.gz', context())).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('stops a gzip whose trailer lies', () => {
    const bomb = gzipSync(zeros).slice();
    new DataView(bomb.buffer).setUint32(bomb.length - 4, 100, true);
    expect(gzipExtractor.extract(bomb, 'z.gz', context())).toMatchObject({ ok: false, reason: 'too-large' });
  });
});

describe('pickExtractor', () => {
  it('trusts magic bytes over names, then names, then content types', () => {
    const workbookBytes = zip({ 'xl/workbook.xml': '<workbook/>' });
    expect(pickExtractor('report.docx', undefined, workbookBytes)?.id).toBe('xlsx');
    expect(pickExtractor('archive.bin', undefined, zip({ 'a.txt': 'x' }))?.id).toBe('zip');
    expect(pickExtractor('notes.txt', undefined, gzipSync(strToU8('x')))?.id).toBe('gzip');
    expect(pickExtractor('data.csv', undefined, strToU8('a,b'))?.id).toBe('text');
    expect(pickExtractor('noname', 'text/html; charset=utf-8', strToU8('<p>x'))?.id).toBe('html');
    expect(pickExtractor('program.exe', 'application/octet-stream', strToU8('MZ...'))).toBeUndefined();
    expect(pickExtractor('scan.bin', undefined, strToU8('%PDF-1.7\n'))?.id).toBe('pdf');
    expect(pickExtractor('Re: roster', 'message/rfc822', strToU8('Subject: x\r\n\r\nhi'))?.id).toBe('eml');
    expect(pickExtractor('doc.rtf.txt', undefined, strToU8('{\\rtf1 hi}'))?.id).toBe('rtf');
  });
});

it('parseExtractLimits validates and names the field', () => {
  expect(parseExtractLimits({ maxDepth: 0 }).maxDepth).toBe(0);
  expect(() => parseExtractLimits({ maxEntries: 0 })).toThrow(/maxEntries/);
  expect(() => parseExtractLimits({ maxCompressionRatio: NaN })).toThrow(RangeError);
  expect(() => parseExtractLimits({ maxInflatedBytes: '5' as unknown as number })).toThrow(
    /maxInflatedBytes/,
  );
  expect(() => parseExtractLimits({ bogus: 1 } as never)).toThrow(/bogus/);
});
