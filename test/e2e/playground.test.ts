/**
 * The playground end to end: the real built launchevent.js decides at Send, the Smart Alerts
 * dialog shows what Outlook would, and the task pane resolves it against the mock mailbox.
 */
import fs from 'fs';
import path from 'path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { SCENARIOS } from '../../src/playground/scenarios';
import { describeWithBrowser, openPlayground, startHarness, type Harness } from './harness';

const DOCS = path.resolve(__dirname, '..', '..', 'docs');
/** Scanning the 120-member roster and rendering take a moment on a small CI machine. */
const VERDICT_TIMEOUT_MS = 20000;

async function loadScenario(page: Page, id: string, expected: string): Promise<void> {
  await page.getByTestId(`scenario-${id}`).click();
  await page
    .locator(`[data-testid="verdict"][data-action="${expected}"]`)
    .waitFor({ timeout: VERDICT_TIMEOUT_MS });
  // Wait for the pane to settle (no scan in progress) before pressing Send.
  await page.getByTestId('scan-progress').waitFor({ state: 'detached', timeout: VERDICT_TIMEOUT_MS });
}

async function press(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).click();
}

function mockState(page: Page) {
  return page.evaluate(() => {
    const playground = (
      window as unknown as {
        sendwardenPlayground: {
          mailbox: { mock: { sent: boolean }; draft: { subject: string } };
          auditEvents: { decision: string }[];
        };
      }
    ).sendwardenPlayground;
    return {
      sent: playground.mailbox.mock.sent,
      subject: playground.mailbox.draft.subject,
      audit: playground.auditEvents.map((e) => e.decision),
    };
  });
}

describeWithBrowser('playground', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterEach(async () => {
    if (harness) await harness.closeContexts();
  });

  afterAll(async () => {
    if (harness) await harness.close();
  });

  test.each(SCENARIOS.map((s) => [s.id, s.expected] as const))(
    '%s: the pane and the send handler both say %s',
    async (id, expected) => {
      const page = await openPlayground(harness);
      await loadScenario(page, id, expected);
      await press(page, 'send');
      if (expected === 'allow') {
        await page.getByTestId('sent-status').filter({ hasText: 'Sent' }).waitFor();
        expect(await page.getByTestId('smart-alert').count()).toBe(0);
      } else {
        const dialog = page.getByTestId('smart-alert');
        await dialog.waitFor();
        const message = await page.getByTestId('smart-alert-message').innerText();
        expect(message.length).toBeGreaterThan(20);
        expect(message).not.toMatch(/\d{3}-\d{2}-\d{4}/);
        // Warnings offer Send Anyway (the handler overrides the mode to promptUser); the rest do not.
        expect(await page.getByTestId('smart-alert-send-anyway').count()).toBe(expected === 'warn' ? 1 : 0);
        expect((await mockState(page)).sent).toBe(false);
      }
    },
  );

  test('justify: the dialog opens the pane, a reason is given, the message is sent and audited', async () => {
    const page = await openPlayground(harness);
    await loadScenario(page, 'roster-partner', 'encrypt');
    await press(page, 'send');
    await page.getByTestId('smart-alert').waitFor();
    await press(page, 'smart-alert-action');
    await page.getByRole('button', { name: 'Send with a justification' }).click();
    await page.getByTestId('justify-reason').selectOption('customer-request');
    await page.getByTestId('justify-note').fill('Broker of record for these members');
    await press(page, 'justify-submit');
    await page.getByTestId('pane-status').filter({ hasText: 'recorded' }).waitFor();
    const state = await mockState(page);
    expect(state.sent).toBe(true);
    expect(state.audit).toContain('sent-with-justification');
  });

  test('encrypt: the pane marks the message and sends it through item.sendAsync', async () => {
    const page = await openPlayground(harness);
    await loadScenario(page, 'roster-partner', 'encrypt');
    await press(page, 'send');
    await page.getByTestId('smart-alert').waitFor();
    await press(page, 'smart-alert-action');
    await page.getByRole('button', { name: 'Encrypt and send' }).click();
    await page.getByTestId('pane-status').filter({ hasText: 'encryption' }).waitFor();
    const state = await mockState(page);
    expect(state.sent).toBe(true);
    expect(state.subject).toBe('[secure] MNsure enrollment roster');
    expect(state.audit).toContain('encrypted');
  });

  test('an edited policy reaches the send handler: making the partner internal lets the roster go', async () => {
    const page = await openPlayground(harness);
    await loadScenario(page, 'roster-partner', 'encrypt');
    const editor = page.getByTestId('policy-editor');
    const policy = JSON.parse(await editor.inputValue());
    policy.organization.domains.push('fabrikam.com');
    policy.partners.domains = [];
    await editor.fill(JSON.stringify(policy, null, 2));
    await page
      .locator('[data-testid="verdict"][data-action="allow"]')
      .waitFor({ timeout: VERDICT_TIMEOUT_MS });
    await press(page, 'send');
    await page.getByTestId('sent-status').filter({ hasText: 'Sent' }).waitFor();
  });

  test('an invalid policy is reported with its JSON path as you type', async () => {
    const page = await openPlayground(harness);
    const editor = page.getByTestId('policy-editor');
    await editor.fill(
      '{"version": 1, "revision": "x", "rules": [{"id": "r", "when": {}, "action": "explode"}]}',
    );
    const problems = await page.getByTestId('policy-problems').innerText();
    expect(problems).toContain('rules[0].action');
  });

  test('no serious or critical accessibility issue, with the dialog open and in the pane; screenshots for the docs', async () => {
    const page = await openPlayground(harness);
    await loadScenario(page, 'roster-broker', 'block');
    const paneScan = await new AxeBuilder({ page }).include('[data-testid="pane-frame"]').analyze();
    const pageScan = await new AxeBuilder({ page }).analyze();
    await press(page, 'send');
    await page.getByTestId('smart-alert').waitFor();
    const dialogScan = await new AxeBuilder({ page }).include('[data-testid="smart-alert"]').analyze();
    const serious = [...paneScan.violations, ...pageScan.violations, ...dialogScan.violations]
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(serious).toEqual([]);

    fs.mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: path.join(DOCS, 'playground-dialog.png') });
    await press(page, 'smart-alert-action');
    await page.getByTestId('pane-frame').screenshot({ path: path.join(DOCS, 'taskpane.png') });
  });

  test('keyboard only: the pane is reached and a justification given without a mouse', async () => {
    const page = await openPlayground(harness);
    await loadScenario(page, 'roster-partner', 'encrypt');
    await page.getByRole('button', { name: 'Send with a justification' }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('justify-reason').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Broker of record');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('pane-status').filter({ hasText: 'recorded' }).waitFor();
    expect((await mockState(page)).sent).toBe(true);
  });

  test('redact: values typed into the body are masked in place after a new check', async () => {
    const page = await openPlayground(harness);
    await loadScenario(page, 'clean', 'allow');
    await page.getByTestId('compose-body').fill('Her SSN is 536-22-1946, please update the file.');
    await press(page, 'check-again');
    await page
      .locator('[data-testid="verdict"][data-action="encrypt"]')
      .waitFor({ timeout: VERDICT_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Mask the data in the body' }).click();
    await page.getByTestId('pane-status').filter({ hasText: 'Masked 1 value' }).waitFor();
    expect(await page.getByTestId('compose-body').inputValue()).toBe(
      'Her SSN is ***-**-1946, please update the file.',
    );
    await page
      .locator('[data-testid="verdict"][data-action="allow"]')
      .waitFor({ timeout: VERDICT_TIMEOUT_MS });
  });

  test('a file attached with the picker is scanned and changes the verdict live', async () => {
    const page = await openPlayground(harness);
    await loadScenario(page, 'clean', 'allow');
    const csv = 'Member,SSN\nAva Berg,536-22-1946\nBen Olson,219-09-9999\n';
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page
      .locator('[data-testid="verdict"][data-action="encrypt"]')
      .waitFor({ timeout: VERDICT_TIMEOUT_MS });
    const findings = await page.getByTestId('findings').innerText();
    expect(findings).toContain('members.csv');
    expect(findings).not.toContain('536-22-1946');
    // The attachment was scanned off the main thread.
    expect(page.workers().some((worker) => worker.url().endsWith('/scan-worker.js'))).toBe(true);
  });

  test('in German, the pane and the Smart Alerts dialog speak German', async () => {
    const page = await openPlayground(harness);
    await page.getByTestId('locale').selectOption('de-DE');
    await loadScenario(page, 'roster-partner', 'encrypt');
    expect(await page.getByTestId('verdict').innerText()).toContain('Verschlüsselung erforderlich');
    await press(page, 'send');
    await page.getByTestId('smart-alert').waitFor();
    expect(await page.getByTestId('smart-alert-message').innerText()).toMatch(/verschlüssel/i);
  });

  test('the pane fits its narrow width: nothing overflows sideways', async () => {
    const page = await openPlayground(harness);
    await loadScenario(page, 'lookalike', 'warn');
    const overflow = await page
      .getByTestId('pane-frame')
      .evaluate((pane) => pane.scrollWidth - pane.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
