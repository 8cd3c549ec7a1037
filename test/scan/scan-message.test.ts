import { strToU8 } from 'fflate';
import { AttachmentScanCache, scanAttachment, scanMessage } from '../../src/core/scan/scan-message';
import type { AttachmentInput, MessageSnapshot } from '../../src/core/types';
import { ALL_DETECTORS } from '../../src/core/detectors';
import { docx, para, xlsx, zip } from '../extract/fixtures';

const file = (name: string, bytes: Uint8Array, id?: string): AttachmentInput => ({
  name,
  size: bytes.length,
  kind: 'file',
  bytes,
  id,
});

function message(attachments: AttachmentInput[], overrides: Partial<MessageSnapshot> = {}): MessageSnapshot {
  return {
    subject: 'Roster for SSN 536-22-7001',
    body: '<p>Hi,</p><table><tr><td>Name</td><td>SSN</td></tr><tr><td>Ann</td><td>536228471</td></tr></table>',
    bodyType: 'html',
    recipients: [{ address: 'a@partner.example', field: 'to' }],
    attachments,
    ...overrides,
  };
}

describe('scanMessage', () => {
  it('scans subject, html body and attachments with their locations', () => {
    const roster = xlsx([
      {
        name: 'Roster',
        rows: [
          ['Name', 'SSN'],
          ['Ann', { n: 536228472, s: 1 }],
        ],
      },
    ]);
    const scan = scanMessage(message([file('roster.xlsx', roster)]));
    const ssns = scan.findings.filter((f) => f.entity === 'US_SSN');
    expect(ssns.map((f) => f.location)).toEqual([
      { part: 'subject' },
      { part: 'body' },
      { part: 'attachment', name: 'roster.xlsx', where: 'Roster!B2' },
    ]);
    expect(ssns[0]?.preview).toBe('***-**-7001');
    expect(ssns[2]?.preview).toBe('***-**-8472');
    expect(ssns[1]?.confidence).toBe('high');
    expect(scan.unscanned).toEqual([]);
    expect(scan.truncated).toBe(false);
    expect(scan.scannedChars).toBeGreaterThan(40);
  });

  it('keeps scanning the others when one attachment is corrupt, a cloud link or unsupported', () => {
    const broken = docx({ body: para('x') }).subarray(0, 200);
    const scan = scanMessage(
      message([
        file('broken.docx', broken),
        { name: 'plan.xlsx', size: 10, kind: 'cloud', url: 'https://contoso.sharepoint.com/plan.xlsx' },
        file('tool.exe', strToU8('MZ\u0090\u0000binary')),
        file('ok.txt', strToU8('SSN: 536-22-8471')),
      ]),
    );
    expect(scan.unscanned.map((u) => [u.name, u.reason])).toEqual([
      ['broken.docx', 'corrupt'],
      ['plan.xlsx', 'cloud'],
      ['tool.exe', 'unsupported'],
    ]);
    expect(scan.findings.some((f) => f.location.name === 'ok.txt')).toBe(true);
  });

  it('reports the parts it could not reach before the deadline as timeout', () => {
    let clock = 0;
    const now = (): number => (clock += 10);
    const attachments = [
      file('a.txt', strToU8('SSN 536-22-8471')),
      file('b.txt', strToU8('SSN 536-22-8472')),
    ];
    const scan = scanMessage(message(attachments), { now, deadline: 35 });
    expect(scan.findings.map((f) => f.location.part)).toContain('subject');
    expect(scan.unscanned.map((u) => [u.name, u.reason])).toEqual([
      ['a.txt', 'timeout'],
      ['b.txt', 'timeout'],
    ]);
  });

  it('enforces the per-message bytes limit and the extracted-characters limit', () => {
    const a = file('a.txt', strToU8('x'.repeat(600)));
    const b = file('b.txt', strToU8('SSN 536-22-8471'));
    const bytesLimited = scanMessage(message([a, b]), { limits: { maxMessageBytes: 610 } });
    expect(bytesLimited.unscanned).toEqual([expect.objectContaining({ name: 'b.txt', reason: 'too-large' })]);
    const charsLimited = scanMessage(message([a, b], { body: '', subject: '' }), {
      limits: { maxExtractedChars: 300 },
    });
    expect(charsLimited.truncated).toBe(true);
    expect(charsLimited.scannedChars).toBe(300);
    expect(charsLimited.unscanned.map((u) => [u.name, u.reason])).toEqual([
      ['a.txt', 'limit'],
      ['b.txt', 'limit'],
    ]);
  });

  it('stops at the per-message findings limit and reports the rest as not scanned', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `Member ${i},5362284${String(10 + i)}`);
    const roster = file('roster.csv', strToU8(['Name,SSN'].concat(rows).join('\n')));
    const later = file('later.txt', strToU8('SSN 536-22-8471'));
    const scan = scanMessage(message([roster, later], { subject: '', body: '' }), {
      limits: { maxFindings: 10 },
    });
    expect(scan.truncated).toBe(true);
    expect(scan.findings.length).toBeLessThanOrEqual(10);
    expect(scan.findings.length).toBeGreaterThan(0);
    expect(scan.unscanned).toEqual([
      expect.objectContaining({
        name: 'roster.csv',
        reason: 'limit',
        detail: expect.stringContaining('findings'),
      }),
      expect.objectContaining({ name: 'later.txt', reason: 'limit', detail: 'findings limit reached' }),
    ]);
    expect(() => scanMessage(message([]), { limits: { maxFindings: 0 } })).toThrow(RangeError);
  });

  it('reads attachments inside zips with their path', () => {
    const inner = docx({ body: para('Employee SSN: 536-22-8471') });
    const scan = scanMessage(
      message([file('batch.zip', zip({ 'hr/memo.docx': inner }))], { subject: '', body: '' }),
    );
    expect(scan.findings.map((f) => f.location)).toEqual([
      { part: 'attachment', name: 'hr/memo.docx', where: 'body', path: ['batch.zip', 'hr/memo.docx'] },
    ]);
  });

  it('reads attached Outlook items (.eml text) recursively', () => {
    const eml = ['Subject: fwd', 'Content-Type: text/plain', '', 'Employee SSN: 536-22-8471', ''].join(
      '\r\n',
    );
    const item: AttachmentInput = { name: 'Forwarded message', size: eml.length, kind: 'item', eml };
    const scan = scanMessage(message([item], { subject: '', body: '' }));
    expect(scan.unscanned).toEqual([]);
    expect(scan.findings.map((f) => [f.entity, f.location.part, f.location.name])).toEqual([
      ['US_SSN', 'attachment', 'Forwarded message'],
    ]);
  });

  it('runs only the detectors asked for and limits the number of attachments', () => {
    const attachments = [
      file('a.txt', strToU8('SSN 536-22-8471, card 4111 1111 1111 1111')),
      file('b.txt', strToU8('x')),
    ];
    const cardsOnly = scanMessage(message(attachments, { subject: '', body: '' }), {
      detectors: ALL_DETECTORS.filter((d) => d.entity === 'CREDIT_CARD'),
      limits: { maxEntries: 1 },
    });
    expect(cardsOnly.findings.map((f) => f.entity)).toEqual(['CREDIT_CARD']);
    expect(cardsOnly.unscanned).toEqual([expect.objectContaining({ name: 'b.txt', reason: 'limit' })]);
  });

  it('does not crash on a password-protected Office file (an OLE container named .xlsx)', () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const scan = scanMessage(
      message([file('locked.xlsx', ole), file('ok.txt', strToU8('SSN 536-22-8471'))], {
        subject: '',
        body: '',
      }),
    );
    expect(scan.unscanned).toHaveLength(1);
    expect(scan.unscanned[0]?.name).toBe('locked.xlsx');
    expect(['encrypted', 'corrupt']).toContain(scan.unscanned[0]?.reason);
    expect(scan.findings.map((f) => f.location.name)).toEqual(['ok.txt']);
  });

  it('rejects invalid options with a RangeError naming them', () => {
    expect(() => scanMessage(message([]), { limits: { maxDepth: -1 } })).toThrow(/maxDepth/);
    expect(() => scanMessage(message([]), { deadline: NaN })).toThrow(/deadline/);
  });
});

describe('AttachmentScanCache', () => {
  it('answers a repeated scan from the cache and notices changed content', () => {
    const cache = new AttachmentScanCache(2);
    const first = file('a.txt', strToU8('SSN 536-22-8471'), 'AAMk1');
    const ahead = scanAttachment(first, { cache });
    expect(cache.size).toBe(1);
    const atSend = scanMessage(message([first], { subject: '', body: '' }), { cache });
    expect(atSend.findings[0]).toBe(ahead.findings[0]);
    const changed = file('a.txt', strToU8('SSN 536-22-8472'), 'AAMk1');
    const rescanned = scanAttachment(changed, { cache });
    expect(rescanned.findings[0]?.preview).toBe('***-**-8472');
    expect(cache.size).toBe(2);
  });

  it('does not keep scans that timed out', () => {
    const cache = new AttachmentScanCache();
    scanAttachment(file('a.txt', strToU8('x')), { cache, deadline: 0, now: () => 1 });
    expect(cache.size).toBe(0);
  });
});
