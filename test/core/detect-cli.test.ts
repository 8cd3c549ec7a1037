import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLines, runCli } from '../cli-harness';

describe('sendwarden detect (the contract other tools rely on)', () => {
  let dir: string;
  let file: string;
  const text = 'SSN 536-22-8471, write to ann.lee@example.org\n';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sw-detect-'));
    file = join(dir, 'note.txt');
    writeFileSync(file, text);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one finding per line with exactly the six contract fields, offsets into the input', async () => {
    const { code, stdout } = await runCli(['detect', file]);
    expect(code).toBe(0);
    const lines = jsonLines(stdout);
    expect(lines.map((l) => Object.keys(l))).toEqual([
      ['entity', 'start', 'end', 'confidence', 'score', 'preview'],
      ['entity', 'start', 'end', 'confidence', 'score', 'preview'],
    ]);
    const [ssn, email] = lines as Array<{ entity: string; start: number; end: number; preview: string }>;
    expect(ssn).toMatchObject({ entity: 'US_SSN', confidence: 'high', preview: '***-**-8471' });
    expect(text.slice(ssn!.start, ssn!.end)).toBe('536-22-8471');
    expect(email).toMatchObject({
      entity: 'EMAIL_ADDRESS',
      confidence: 'medium',
      preview: 'a***@example.org',
    });
    expect(text.slice(email!.start, email!.end)).toBe('ann.lee@example.org');
  });

  it('summarizes per entity and tier, and filters by --min-confidence', async () => {
    const summary = await runCli(['detect', '--summary', '--min-confidence', 'high', file]);
    expect(summary.code).toBe(0);
    expect(JSON.parse(summary.stdout)).toEqual({
      chars: text.length,
      entities: { US_SSN: { high: 1, medium: 0, low: 0 } },
    });
  });

  it('exits 2 with a message on a usage error', async () => {
    const { code, stderr } = await runCli(['detect', '--min-confidence', 'bogus', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--min-confidence takes low, medium or high/);
  });
});
