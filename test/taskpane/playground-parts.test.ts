import path from 'path';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { scanAttachment } from '../../src/core/scan/scan-message';
import { buildEncryptedZip, buildRosterXlsx, rosterMembers } from '../../src/playground/sample-files';
import { SmartAlertMarkdown } from '../../src/playground/smart-alert-markdown';
import { parsePolicyText, PLAYGROUND_POLICY_JSON } from '../../src/playground/policy-text';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolveFile } = require('../../scripts/serve-dist') as {
  resolveFile(root: string, urlPath: string): string | null;
};

describe('sample files', () => {
  test('the roster is a real workbook: every SSN is found in its cell', () => {
    const scan = scanAttachment({ name: 'roster.xlsx', size: 0, kind: 'file', bytes: buildRosterXlsx(120) });
    const ssns = scan.findings.filter((f) => f.entity === 'US_SSN' && f.confidence !== 'low');
    expect(ssns).toHaveLength(120);
    expect(ssns[0]?.location.where).toBe('Roster!B2');
    expect(scan.unscanned).toEqual([]);
  });

  test('generated SSNs are distinct and well-formed', () => {
    const ssns = rosterMembers(500).map((m) => m.ssn);
    expect(new Set(ssns).size).toBe(500);
    for (const ssn of ssns) {
      const [area, group, serial] = ssn.split('-').map(Number);
      expect(area).toBeGreaterThanOrEqual(100);
      expect(area).toBeLessThan(666);
      expect(group).toBeGreaterThan(0);
      expect(serial).toBeGreaterThan(0);
    }
  });

  test('the protected zip cannot be read, and the scanner says so', () => {
    const scan = scanAttachment({
      name: 'members.zip',
      size: 0,
      kind: 'file',
      bytes: buildEncryptedZip('m.csv', 'a,536-22-1946'),
    });
    expect(scan.findings).toEqual([]);
    expect(scan.unscanned.map((u) => u.reason)).toContain('encrypted');
  });
});

describe('Smart Alerts markdown', () => {
  const html = (markdown: string) => renderToStaticMarkup(createElement(SmartAlertMarkdown, { markdown }));

  test('renders the supported subset as elements', () => {
    expect(html('**Stop.** _Check_ [help](https://contoso.com/dlp)\n\n- one\r- two')).toBe(
      '<p><strong>Stop.</strong> <em>Check</em> <a href="https://contoso.com/dlp" target="_blank" rel="noreferrer">help</a></p><ul><li>one</li><li>two</li></ul>',
    );
  });

  test('never injects HTML, and only https links are links', () => {
    expect(html('<img src=x onerror=alert(1)> [x](http://evil.test) \\*not bold\\*')).toBe(
      '<p>&lt;img src=x onerror=alert(1)&gt; [x](http://evil.test) *not bold*</p>',
    );
  });
});

describe('policy editor validation', () => {
  test('the playground policy is valid', () => {
    expect(parsePolicyText(PLAYGROUND_POLICY_JSON).ok).toBe(true);
  });

  test('errors name the JSON path', () => {
    expect(parsePolicyText('{"version": 1, "revision": "r", "partners": {"domains": [7]}}')).toEqual({
      ok: false,
      problems: [expect.stringContaining('partners.domains[0]')],
    });
    const broken = parsePolicyText('{"version": 1,');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.problems[0]).toMatch(/^JSON: /);
  });
});

describe('serve-dist', () => {
  const root = path.resolve('/srv/dist');
  test('maps URLs inside the folder, directories to index.html', () => {
    expect(resolveFile(root, '/launchevent.js?load=2')).toBe(path.join(root, 'launchevent.js'));
    expect(resolveFile(root, '/playground/%69ndex.html')).toBe(path.join(root, 'playground', 'index.html'));
  });

  test('never leaves the folder', () => {
    for (const url of ['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/playground/../../secret']) {
      const file = resolveFile(root, url);
      expect(file === null || file.startsWith(root + path.sep)).toBe(true);
    }
    expect(resolveFile(root, '/%E0%A4%A')).toBeNull();
  });
});
