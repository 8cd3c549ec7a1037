import { OleFile, isEncryptedOfficePackage, isOleFile, decodeUtf16le } from '../../src/core/extract/ole';
import { oleExtractor } from '../../src/core/extract/ole-extractor';
import { contextWith } from './extract-helpers';
import { ExtractFailure } from '../../src/core/extract/extract-failure';
import { buildOle, utf16le } from './ole-fixtures';

const LIMIT = 10 * 1024 * 1024;

describe('OLE compound file reader', () => {
  const big = new Uint8Array(10_000).map((_, i) => i % 251);
  const bytes = buildOle({ Big: big, 'sub/Small': 'hello mini stream', Name: utf16le('Zoë') });

  it('recognizes the signature', () => {
    expect(isOleFile(bytes)).toBe(true);
    expect(isOleFile(new TextEncoder().encode('PK\u0003\u0004 not ole'))).toBe(false);
  });

  it('reads regular and mini streams by path, case-insensitively', () => {
    const ole = new OleFile(bytes, LIMIT);
    expect(ole.readPath('Big')).toEqual(big);
    expect(new TextDecoder().decode(ole.readPath('SUB/small'))).toBe('hello mini stream');
    expect(decodeUtf16le(ole.readPath('Name') as Uint8Array)).toBe('Zoë');
    expect(ole.readPath('missing')).toBeUndefined();
    expect(ole.find('sub')?.type).toBe('storage');
  });

  it('detects password-protected Office packages', () => {
    const encrypted = new OleFile(buildOle({ EncryptionInfo: 'x', EncryptedPackage: 'y' }), LIMIT);
    expect(isEncryptedOfficePackage(encrypted)).toBe(true);
    expect(isEncryptedOfficePackage(new OleFile(bytes, LIMIT))).toBe(false);
  });

  it('refuses streams above the limit as too-large', () => {
    const ole = new OleFile(bytes, 5000);
    expect(() => ole.readPath('Big')).toThrow(
      expect.objectContaining({ reason: 'too-large' }) as ExtractFailure,
    );
  });

  it('reports truncated and looping files as corrupt, never hangs', () => {
    expect(() => new OleFile(bytes.slice(0, 600), LIMIT).readPath('Big')).toThrow(ExtractFailure);
    const looping = bytes.slice();
    // Point every FAT entry of the first FAT sector at sector 1, so every chain loops.
    const fatSector = new DataView(looping.buffer).getUint32(0x4c, true);
    const view = new DataView(looping.buffer, (fatSector + 1) * 512, 512);
    for (let i = 0; i < 128; i++)
      if (view.getUint32(i * 4, true) < 0xfffffffa) view.setUint32(i * 4, 1, true);
    expect(() => new OleFile(looping, LIMIT).readPath('Big')).toThrow(
      expect.objectContaining({ reason: 'corrupt' }) as ExtractFailure,
    );
  });
});

describe('oleExtractor routing', () => {
  const context = contextWith();

  it('routes by the streams inside, whatever the name', () => {
    expect(oleExtractor.sniff?.(buildOle({ x: 'y' }))).toBe(true);
    expect(
      oleExtractor.extract(buildOle({ EncryptionInfo: 'a', EncryptedPackage: 'b' }), 'a.xlsx', context),
    ).toMatchObject({
      ok: false,
      reason: 'encrypted',
    });
    const message = buildOle({ '__substg1.0_0037001F': utf16le('SSN 536-22-8471') });
    expect(oleExtractor.extract(message, 'mail.doc', context)).toMatchObject({
      ok: true,
      texts: [{ where: 'subject', text: 'SSN 536-22-8471' }],
    });
    expect(oleExtractor.extract(buildOle({ Workbook: 'short' }), 'a.doc', context)).toMatchObject({
      ok: false,
      reason: 'corrupt',
    });
    expect(oleExtractor.extract(buildOle({ 'PowerPoint Document': 'x' }), 'a.ppt', context)).toMatchObject({
      ok: false,
      reason: 'unsupported',
    });
  });
});
