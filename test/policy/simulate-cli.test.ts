import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli-harness';

const SSN = '536-22-1043';

function eml(to: string, body: string, subject = 'Hello'): string {
  return `From: Me <me@contoso.com>\r\nTo: ${to}\r\nSubject: ${subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`;
}

function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-sim-'));
  mkdirSync(join(dir, 'sent'));
  writeFileSync(join(dir, 'internal.eml'), eml('a@contoso.com', `SSN: ${SSN}`));
  writeFileSync(join(dir, 'sent', 'outside.eml'), eml('b@gmail.com', `Employee SSN: ${SSN}`));
  writeFileSync(join(dir, 'sent', 'marked.eml'), eml('b@example.org', `SSN: ${SSN}`, '[secure] payroll'));
  writeFileSync(join(dir, 'sent', 'lookalike.eml'), eml('c@c0ntoso.com', 'Lunch?'));
  writeFileSync(join(dir, 'notes.txt'), 'not a message');
  return dir;
}

describe('sendwarden simulate', () => {
  it('runs the default policy over a folder and writes a self-contained, masked HTML report', async () => {
    const dir = corpus();
    const out = join(dir, 'report.html');
    const result = await runCli(['simulate', '--jobs', '1', '--out', out, dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('4 messages: 2 allow, 1 warn, 0 justify, 1 encrypt, 0 block');
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|src=|href=/i);
    expect(html).not.toContain(SSN);
    expect(html).toContain('***-**-1043');
    expect(html).toContain('sensitive-outside');
    expect(html).toContain('gmail.com (personal)');
    expect(html).toContain('c0ntoso.com (lookalike)');
  });

  it('applies --policy, --partner-domains and reports a bad policy with its JSON path', async () => {
    const dir = corpus();
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ version: 1, rules: [{ id: 'x', when: {}, action: 'deny' }] }));
    const bad = await runCli(['simulate', '--policy', policy, dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('rules[0].action: must be one of allow, warn, justify, encrypt, block');
    writeFileSync(
      policy,
      JSON.stringify({
        version: 1,
        rules: [{ id: 'any-outside', when: { recipients: ['external', 'personal'] }, action: 'block' }],
      }),
    );
    const out = join(dir, 'r.html');
    const ok = await runCli([
      'simulate',
      '--jobs',
      '1',
      '--policy',
      policy,
      '--partner-domains',
      'gmail.com',
      '--out',
      out,
      dir,
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('1 block');
    expect(readFileSync(out, 'utf8')).toContain('gmail.com (partner)');
  });

  it('rejects a missing folder and unknown options', async () => {
    expect((await runCli(['simulate', '/no/such/folder'])).code).toBe(2);
    expect((await runCli(['simulate', '--frobnicate', '.'])).stderr).toContain('unknown option --frobnicate');
    expect((await runCli(['simulate'])).code).toBe(2);
  });
});
