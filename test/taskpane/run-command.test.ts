import type { DraftRead, PaneDecision, SendResult, TaskpaneHost } from '../../src/taskpane/host';
import type { PaneView } from '../../src/taskpane/pane-view';
import { outsideAddresses, runPaneCommand } from '../../src/taskpane/run-command';
import { stringsFor } from '../../src/taskpane/strings';

/** A host that records what the pane asked Outlook to do. */
class RecordingHost implements TaskpaneHost {
  readonly locale = 'en-US';
  readonly calls: string[] = [];
  readonly decisions: PaneDecision[] = [];
  body = { body: 'SSN 536-22-1946 and card 4111 1111 1111 1111.', type: 'text' as 'text' | 'html' };
  removed: string[] = [];

  constructor(private readonly sendResult: SendResult) {}

  readDraft(): Promise<DraftRead> {
    return Promise.reject(new Error('not used'));
  }
  onDraftChanged() {
    return () => undefined;
  }
  getInitializationContext() {
    return Promise.resolve('');
  }
  onInitializationContext() {
    return () => undefined;
  }
  async applyEncryption() {
    this.calls.push('applyEncryption');
  }
  async send() {
    this.calls.push('send');
    return this.sendResult;
  }
  async removeRecipients(addresses: readonly string[]) {
    this.calls.push('removeRecipients');
    this.removed = [...addresses];
  }
  async readBody() {
    return this.body;
  }
  async setBody(body: string, type: 'text' | 'html') {
    this.calls.push(`setBody:${type}`);
    this.body = { body, type };
  }
  async recordDecision(decision: PaneDecision) {
    this.calls.push(`record:${decision.kind}`);
    this.decisions.push(decision);
  }
}

const view: PaneView = {
  action: 'encrypt',
  message: 'Encrypt this message.',
  recipientGroups: [
    { domain: 'c0ntoso.com', recipientClass: 'lookalike', addresses: ['x@c0ntoso.com'] },
    { domain: 'fabrikam.com', recipientClass: 'partner', addresses: ['a@fabrikam.com', 'b@fabrikam.com'] },
  ],
  findings: [{ entity: 'US_SSN', label: 'SSN', count: 1, places: ['Body'], samples: ['***-**-1946'] }],
  unscanned: [],
  actions: { encrypt: true, removeOutside: true, redact: true, justify: true, reportFalsePositive: true },
  justificationReasons: [{ id: 'customer-request', text: 'The recipient asked for it' }],
  allowFreeText: true,
  rules: ['sensitive-outside'],
};
const strings = stringsFor('en');

describe('runPaneCommand', () => {
  test('encrypt marks, records, then sends where Outlook can', async () => {
    const host = new RecordingHost('sent');
    expect(await runPaneCommand({ kind: 'encrypt' }, host, view, strings)).toBe(strings.done.encryptedSent);
    expect(host.calls).toEqual(['applyEncryption', 'record:encrypted', 'send']);
  });

  test('encrypt on a client without sendAsync tells the user to press Send', async () => {
    const host = new RecordingHost('press-send');
    expect(await runPaneCommand({ kind: 'encrypt' }, host, view, strings)).toBe(
      strings.done.encryptedPressSend,
    );
  });

  test('justify stores the reason before sending', async () => {
    const host = new RecordingHost('sent');
    await runPaneCommand(
      { kind: 'justify', reason: 'customer-request', note: 'asked by phone' },
      host,
      view,
      strings,
    );
    expect(host.calls).toEqual(['record:justified', 'send']);
    expect(host.decisions[0]).toEqual({
      kind: 'justified',
      reason: 'customer-request',
      note: 'asked by phone',
    });
  });

  test('remove outside recipients removes every non-internal address', async () => {
    const host = new RecordingHost('sent');
    expect(await runPaneCommand({ kind: 'remove-outside' }, host, view, strings)).toBe(
      strings.done.removed(3),
    );
    expect(host.removed.sort()).toEqual(['a@fabrikam.com', 'b@fabrikam.com', 'x@c0ntoso.com']);
    expect(outsideAddresses({ ...view, recipientGroups: [] })).toEqual([]);
  });

  test('redact masks only the entities the verdict counted, in the body type it found', async () => {
    const host = new RecordingHost('sent');
    expect(await runPaneCommand({ kind: 'redact' }, host, view, strings)).toBe(strings.done.redacted(1));
    expect(host.body.body).toBe('SSN ***-**-1946 and card 4111 1111 1111 1111.');
    expect(host.calls).toEqual(['setBody:text', 'record:redacted']);
  });

  test('redact with nothing to mask leaves the body alone', async () => {
    const host = new RecordingHost('sent');
    host.body = { body: 'Nothing here.', type: 'text' };
    expect(await runPaneCommand({ kind: 'redact' }, host, view, strings)).toBe(strings.done.redacted(0));
    expect(host.calls).toEqual([]);
  });

  test('a failing Office call rejects, so the pane can say so', async () => {
    const host = new RecordingHost('sent');
    host.applyEncryption = () =>
      Promise.reject(new Error('Office call subject.setAsync failed (InternalError)'));
    await expect(runPaneCommand({ kind: 'encrypt' }, host, view, strings)).rejects.toThrow(
      'subject.setAsync',
    );
    expect(host.calls).toEqual([]);
  });

  test('report a false positive is recorded', async () => {
    const host = new RecordingHost('sent');
    expect(await runPaneCommand({ kind: 'report-false-positive' }, host, view, strings)).toBe(
      strings.done.reported,
    );
    expect(host.decisions).toEqual([{ kind: 'false-positive' }]);
  });
});
