import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli-harness';

const SSN = '536-22-1043';

function message(to: string, body: string, from = 'Me <me@contoso.com>'): string {
  return `From: ${from}\r\nTo: ${to}\r\nSubject: Hello\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`;
}

function write(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-scan-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function scan(
  args: string[],
): Promise<{ code: number; lines: Record<string, unknown>[]; stderr: string }> {
  const { code, stdout, stderr } = await runCli(['scan', ...args]);
  const lines = stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, lines, stderr };
}

describe('sendwarden scan: recipients and verdict', () => {
  const eml = write(
    'm.eml',
    message('a@contoso.com, "ceo@contoso.com" <b@gmail.com>, c@c0ntoso.com', `SSN: ${SSN}`),
  );

  it('adds recipient classes and the default policy verdict, after the existing fields', async () => {
    const { code, lines } = await scan([eml]);
    expect(code).toBe(0);
    const [report] = lines;
    expect(Object.keys(report ?? {})).toEqual([
      'file',
      'findings',
      'unscanned',
      'elapsedMs',
      'recipients',
      'verdict',
    ]);
    expect(report?.recipients).toEqual([
      { address: 'a@contoso.com', class: 'internal' },
      { address: 'b@gmail.com', class: 'personal' },
      { address: 'c@c0ntoso.com', class: 'lookalike' },
    ]);
    expect(report?.verdict).toEqual({
      action: 'block',
      rules: ['sensitive-outside', 'lookalike-recipient', 'lookalike-sensitive'],
    });
    expect(JSON.stringify(report)).not.toContain(SSN);
  });

  it('--partner-domains and --internal-domains set the default policy domains', async () => {
    const { lines } = await scan([
      '--partner-domains',
      'gmail.com',
      '--internal-domains',
      'contoso.com,fabrikam.com',
      eml,
    ]);
    const recipients = lines[0]?.recipients as { class: string }[];
    expect(recipients.map((r) => r.class)).toEqual(['internal', 'partner', 'lookalike']);
  });

  it('--sender replaces the .eml From as the organization domain', async () => {
    const { lines } = await scan(['--sender', 'me@fabrikam.com', eml]);
    const recipients = lines[0]?.recipients as { class: string }[];
    expect(recipients.map((r) => r.class)).toEqual(['external', 'personal', 'external']);
  });

  it('--policy applies a policy file and reports a bad one with its JSON path', async () => {
    const policy = write(
      'p.json',
      JSON.stringify({ version: 1, rules: [{ id: 'all', when: {}, action: 'warn' }] }),
    );
    const { lines } = await scan(['--policy', policy, eml]);
    expect(lines[0]?.verdict).toEqual({ action: 'warn', rules: ['all'] });
    const bad = write(
      'bad.json',
      JSON.stringify({ version: 1, rules: [{ id: 'all', when: {}, action: 'stop' }] }),
    );
    const failed = await scan(['--policy', bad, eml]);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('rules[0].action: must be one of allow, warn, justify, encrypt, block');
  });

  it('a bare file has no recipients and is allowed', async () => {
    const { lines } = await scan([write('notes.txt', `SSN: ${SSN}`)]);
    expect(lines[0]?.recipients).toEqual([]);
    expect(lines[0]?.verdict).toEqual({ action: 'allow', rules: [] });
  });

  it('rejects bad flag values', async () => {
    expect((await scan(['--partner-domains', 'not a domain', eml])).code).toBe(2);
    expect((await scan(['--sender', '', eml])).code).toBe(2);
  });
});
