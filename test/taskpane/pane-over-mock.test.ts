/**
 * The pane's whole Outlook path in node: PaneSession + the Office adapter over the playground's
 * mock mailbox (the same objects the playground page wires together), with the real core.
 */
import { loadPolicy } from '../../src/core/policy/load-policy';
import type { AuditEvent } from '../../src/core/audit/audit-event';
import { DECISION_KEY } from '../../src/outlook/decision-store';
import { PlaygroundMailbox, RECIPIENTS_CHANGED } from '../../src/playground/playground-mailbox';
import { SCENARIOS } from '../../src/playground/scenarios';
import { PLAYGROUND_POLICY_JSON } from '../../src/playground/policy-text';
import { createOfficeHost } from '../../src/taskpane/office-host';
import { PaneSession } from '../../src/taskpane/pane-session';
import { runPaneCommand } from '../../src/taskpane/run-command';
import { stringsFor } from '../../src/taskpane/strings';

const policy = loadPolicy(JSON.parse(PLAYGROUND_POLICY_JSON));

function setup(scenarioId: string) {
  const scenario = SCENARIOS.find((s) => s.id === scenarioId);
  if (!scenario) throw new Error(scenarioId);
  const mailbox = new PlaygroundMailbox(scenario.draft());
  (globalThis as Record<string, unknown>).Office = mailbox.office;
  const audit: AuditEvent[] = [];
  const session = new PaneSession({
    policy: () => policy,
    locale: 'en-US',
    audit: () => ({ send: (e) => void audit.push(e), flush: () => Promise.resolve() }),
    client: 'test',
  });
  const host = createOfficeHost(mailbox.office as unknown as typeof Office, session.hostOptions);
  const evaluate = async () => session.engine.evaluate(await host.readDraft(), () => undefined);
  return { mailbox, host, evaluate, audit, scenario, session };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
});

describe('the pane over the mock mailbox', () => {
  test.each(SCENARIOS.map((s) => [s.id, s.expected]))('scenario %s gives %s', async (id) => {
    const { evaluate, scenario } = setup(id as string);
    expect((await evaluate()).action).toBe(scenario.expected);
  });

  test('progress names each attachment and ends at the total', async () => {
    const { host, session } = setup('roster-partner');
    const progress: { done: number; total: number; current?: string }[] = [];
    await session.engine.evaluate(await host.readDraft(), (p) => progress.push(p));
    const total = progress[progress.length - 1]?.total ?? 0;
    expect(total).toBeGreaterThan(1000);
    expect(progress[0]).toEqual({ done: 0, total, current: 'MNsure-roster-2026.xlsx' });
    expect(progress[progress.length - 1]).toEqual({ done: total, total });
  });

  test('a scan worker that fails to start leaves the scanning to the pane itself', async () => {
    const started: string[] = [];
    class BrokenWorker {
      private listeners: Record<string, Array<() => void>> = {};
      constructor(url: string) {
        started.push(url);
      }
      addEventListener(type: string, listener: () => void) {
        (this.listeners[type] ??= []).push(listener);
      }
      removeEventListener() {}
      terminate() {}
      postMessage() {
        // The script could not be loaded: browsers report that as an 'error' event.
        setTimeout(() => (this.listeners.error ?? []).forEach((listener) => listener()), 0);
      }
    }
    (globalThis as Record<string, unknown>).Worker = BrokenWorker;
    try {
      const scenario = SCENARIOS.find((s) => s.id === 'roster-partner');
      const mailbox = new PlaygroundMailbox(scenario?.draft() ?? { subject: '', body: '', to: [] });
      (globalThis as Record<string, unknown>).Office = mailbox.office;
      const session = new PaneSession({
        policy: () => policy,
        locale: 'en',
        audit: () => ({ send: () => undefined, flush: () => Promise.resolve() }),
        workerUrl: 'https://localhost:3000/scan-worker.js',
      });
      const host = createOfficeHost(mailbox.office as unknown as typeof Office, session.hostOptions);
      const first = await session.engine.evaluate(await host.readDraft(), () => undefined);
      const second = await session.engine.evaluate(await host.readDraft(), () => undefined);
      expect([first.action, second.action]).toEqual(['encrypt', 'encrypt']);
      expect(first.findings[0]?.count).toBe(120);
      expect(started).toEqual(['https://localhost:3000/scan-worker.js']);
    } finally {
      delete (globalThis as Record<string, unknown>).Worker;
    }
  });

  test('encrypt: the subject gets the tag, the verdict becomes allow, the send goes through', async () => {
    const { mailbox, host, evaluate, audit } = setup('roster-partner');
    const view = await evaluate();
    const said = await runPaneCommand({ kind: 'encrypt' }, host, view, stringsFor('en'));
    expect(said).toBe(stringsFor('en').done.encryptedSent);
    expect(mailbox.draft.subject).toBe('[secure] MNsure enrollment roster');
    expect(mailbox.mock.sent).toBe(true);
    expect(audit.map((e) => e.decision)).toEqual(['encrypted']);
    expect((await evaluate()).action).toBe('allow');
  });

  test('justify: the decision is stored on the item and audited without the free text digits', async () => {
    const { mailbox, host, evaluate, audit } = setup('roster-partner');
    const view = await evaluate();
    await runPaneCommand(
      { kind: 'justify', reason: 'business-need', note: 'case 4471' },
      host,
      view,
      stringsFor('en'),
    );
    const stored = JSON.parse(mailbox.mock.sessionData.get(DECISION_KEY) ?? '{}');
    expect(stored).toMatchObject({ kind: 'justified', reasonId: 'business-need' });
    expect(stored.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(audit[0]).toMatchObject({
      decision: 'sent-with-justification',
      justification: { reasonId: 'business-need', text: 'case ####' },
    });
    expect(JSON.stringify(audit)).not.toContain('MNsure');
    expect(mailbox.mock.sent).toBe(true);
  });

  test('remove outside recipients empties To and the verdict follows', async () => {
    const { mailbox, host, evaluate } = setup('lookalike');
    const events: string[] = [];
    host.onDraftChanged(() => events.push('changed'));
    await Promise.resolve();
    const view = await evaluate();
    await runPaneCommand({ kind: 'remove-outside' }, host, view, stringsFor('en'));
    expect(mailbox.draft.to).toEqual([]);
    expect(events.length).toBeGreaterThan(0);
    expect((await evaluate()).recipientGroups).toEqual([]);
  });

  test('the Smart Alerts button reaches an open pane through InitializationContextChanged', async () => {
    const { mailbox, host } = setup('roster-broker');
    const received: string[] = [];
    host.onInitializationContext((data) => received.push(data));
    await new Promise((resolve) => setTimeout(resolve, 0));
    mailbox.openPaneWithContext({ source: 'sendwarden', version: 1 });
    expect(received).toEqual(['{"source":"sendwarden","version":1}']);
    expect(await host.getInitializationContext()).toBe('{"source":"sendwarden","version":1}');
  });

  test('recipient edits in the compose form raise RecipientsChanged', async () => {
    const { mailbox } = setup('clean');
    const seen: string[] = [];
    type Item = { addHandlerAsync(type: string, handler: () => void): void };
    const item = (mailbox.office.context as { mailbox: { item: Item } }).mailbox.item;
    item.addHandlerAsync(RECIPIENTS_CHANGED, () => seen.push('recipients'));
    await Promise.resolve();
    mailbox.update({ cc: [{ address: 'boss@contoso.com' }] });
    expect(seen).toEqual(['recipients']);
  });
});
