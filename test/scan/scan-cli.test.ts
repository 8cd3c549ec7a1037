import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLines, runCli } from '../cli-harness';

/** One line of `sendwarden scan --format json`, as far as these tests read it. */
interface ScanLine {
  file: string;
  findings: Array<{ entity: string; locations: unknown[] }>;
  unscanned: unknown[];
  elapsedMs: number;
}
import { markEncrypted, xlsx, zip } from '../extract/fixtures';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await runCli(args);
  return { code, out: stdout, err: stderr };
}

describe('sendwarden scan', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sw-scan-'));
    mkdirSync(join(dir, 'sub'));
    const roster = xlsx([
      {
        name: 'Roster',
        rows: [
          ['Name', 'SSN'],
          ['Ann', { n: 536228471, s: 1 }],
          ['Bob', 536228472],
          ['Cy', 536228473],
        ],
      },
    ]);
    writeFileSync(join(dir, 'roster.xlsx'), roster);
    writeFileSync(join(dir, 'sub', 'notes.txt'), 'nothing to see');
    writeFileSync(
      join(dir, 'mail.eml'),
      [
        'From: Ann <ann@contoso.com>',
        'To: bob@partner.example',
        'Subject: SSN 536-22-7001',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'See attached.',
        '--b1',
        'Content-Type: text/csv; name="staff.csv"',
        'Content-Disposition: attachment; filename="staff.csv"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('name,ssn\nAnn,536228471\n').toString('base64'),
        '--b1--',
        '',
      ].join('\r\n'),
    );
    writeFileSync(join(dir, 'sub', 'locked.zip'), markEncrypted(zip({ 'a.txt': 'x' })));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON object per file, grouping findings by entity and tier', async () => {
    const { code, out } = await run(['scan', dir]);
    expect(code).toBe(0);
    const lines = jsonLines<ScanLine>(out);
    expect(lines.map((l) => l.file)).toEqual([
      join(dir, 'mail.eml'),
      join(dir, 'roster.xlsx'),
      join(dir, 'sub', 'locked.zip'),
      join(dir, 'sub', 'notes.txt'),
    ]);
    const [mail, roster, locked, notes] = lines as [ScanLine, ScanLine, ScanLine, ScanLine];
    expect(mail.findings.flatMap((f) => f.locations)).toEqual([
      { part: 'subject' },
      { part: 'attachment', name: 'staff.csv' },
    ]);
    expect(Object.keys(roster)).toEqual([
      'file',
      'findings',
      'unscanned',
      'elapsedMs',
      'recipients',
      'verdict',
    ]);
    const ssn = roster.findings.filter((f) => f.entity === 'US_SSN');
    expect(ssn).toEqual([
      {
        entity: 'US_SSN',
        confidence: 'high',
        count: 3,
        locations: [
          { part: 'attachment', name: 'roster.xlsx', where: 'Roster!B2' },
          { part: 'attachment', name: 'roster.xlsx', where: 'Roster!B3' },
          { part: 'attachment', name: 'roster.xlsx', where: 'Roster!B4' },
        ],
        samples: ['***-**-8471', '*****8472', '*****8473'],
      },
    ]);
    expect(typeof roster.elapsedMs).toBe('number');
    expect(locked.unscanned).toEqual([{ name: 'locked.zip > a.txt', reason: 'encrypted' }]);
    expect(notes).toMatchObject({ findings: [], unscanned: [] });
  });

  it('prints a table with --format table', async () => {
    const { code, out } = await run(['scan', '--format', 'table', join(dir, 'roster.xlsx')]);
    expect(code).toBe(0);
    expect(out).toMatch(/US_SSN\s+high\s+3\s+\*\*\*-\*\*-8471/);
  });

  it('exits 2 with a message on usage errors', async () => {
    for (const args of [
      ['scan'],
      ['scan', '--format', 'xml', dir],
      ['scan', '--internal-domains', 'not a domain', dir],
      ['scan', '--bogus', dir],
      ['scan', join(dir, 'missing.txt')],
    ]) {
      const { code, err } = await run(args);
      expect(code).toBe(2);
      expect(err).toMatch(/^sendwarden scan: /);
    }
  });

  it('accepts --internal-domains', async () => {
    const { code } = await run([
      'scan',
      '--internal-domains=contoso.com,fabrikam.com',
      join(dir, 'sub', 'notes.txt'),
    ]);
    expect(code).toBe(0);
  });
});
