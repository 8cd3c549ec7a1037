import { markForEncryption } from '../../src/outlook/encrypt';
import { recordJustification } from '../../src/outlook/justify';
import type { ComposeItem } from '../../src/outlook/read-item';
import { handleScanAhead } from '../../src/outlook/scan-ahead-handler';
import { resetScanAheadMemory } from '../../src/outlook/scan-ahead';
import { handleItemSend, handleSmartAlertsSend } from '../../src/outlook/send-handler';
import { parseTaskPaneContext } from '../../src/outlook/smart-alerts';
import type { CompletedOptions } from '../../src/outlook/complete-once';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy';
import {
  SECRET_DIGITS,
  SECRET_SSN,
  draft,
  policyWith,
  rosterCsv,
  sensitiveBody,
  setup,
  teardown,
  utf8,
  type Harness,
} from './helpers';

afterEach(teardown);

interface Fired {
  options: CompletedOptions | undefined;
  calls: number;
}

async function send(h: Harness): Promise<Fired> {
  const event = { completed: jest.fn() };
  await handleSmartAlertsSend(event, h.deps);
  // Let any stray callback or timer run before counting.
  await new Promise((resolve) => setTimeout(resolve, 5));
  return { options: event.completed.mock.calls[0]?.[0], calls: event.completed.mock.calls.length };
}

function item(h: Harness): ComposeItem {
  return (h.mailbox.office.context as { mailbox: { item: ComposeItem } }).mailbox.item;
}

const outside = [{ address: 'broker@gmail.com', recipientType: 'externalUser' }];

describe('verdict actions', () => {
  test('allow: internal recipients only, even with an SSN', async () => {
    const fired = await send(setup(draft({ body: sensitiveBody() })));
    expect(fired).toEqual({ options: { allowEvent: true }, calls: 1 });
  });

  test('warn: a look-alike domain gets Send Anyway (promptUser) on Mailbox 1.14+', async () => {
    const fired = await send(
      setup(draft({ to: [{ address: 'bob@contoso-corp.com' }, { address: 'eve@c0ntoso.com' }] })),
    );
    expect(fired.calls).toBe(1);
    expect(fired.options).toMatchObject({ allowEvent: false, sendModeOverride: 'promptUser' });
    expect(parseTaskPaneContext(fired.options?.contextData)?.verdict.action).toBe('warn');
  });

  test('warn on Mailbox 1.12: held once, the second Send of the same content passes', async () => {
    const h = setup(draft({ to: [{ address: 'eve@c0ntoso.com' }] }), { requirementSet: '1.12' });
    const first = await send(h);
    expect(first.options).toMatchObject({ allowEvent: false });
    expect(first.options).not.toHaveProperty('sendModeOverride');
    expect(first.options).not.toHaveProperty('commandId');
    expect(first.options).not.toHaveProperty('errorMessageMarkdown');
    expect(String(first.options?.errorMessage)).toMatch(/Send again/);
    expect((await send(h)).options).toEqual({ allowEvent: true });
    h.mailbox.draft.body += ' changed';
    expect((await send(h)).options).toMatchObject({ allowEvent: false });
  });

  test('justify: Take Action opens the task pane with the verdict; a recorded reason lets the same content pass', async () => {
    const policy = policyWith({
      organization: { domains: ['contoso.com'] },
      rules: [
        { id: 'ssn-outside', when: { minCount: 1, recipients: ['personal', 'external'] }, action: 'justify' },
      ],
    });
    const h = setup(draft({ body: sensitiveBody(), to: outside }), {}, policy);
    const first = await send(h);
    expect(first.calls).toBe(1);
    expect(first.options).toMatchObject({ allowEvent: false, commandId: 'msgComposeOpenPaneButton' });
    expect(typeof first.options?.contextData).toBe('string');
    expect(String(first.options?.cancelLabel).length).toBeLessThanOrEqual(20);
    const context = parseTaskPaneContext(first.options?.contextData);
    expect(context?.verdict.action).toBe('justify');
    expect(context?.verdict.canJustify).toBe(true);

    await recordJustification(item(h), { reasonId: 'customer-request' });
    expect((await send(h)).options).toEqual({ allowEvent: true });
    h.mailbox.draft.to.push({ address: 'someone@yahoo.com' });
    expect((await send(h)).options).toMatchObject({ allowEvent: false });
  });

  test('encrypt: the default subject tag marks the message and the next Send passes', async () => {
    const h = setup(draft({ body: sensitiveBody(), to: outside }));
    const first = await send(h);
    expect(first.options).toMatchObject({ allowEvent: false, commandId: 'msgComposeOpenPaneButton' });
    expect(parseTaskPaneContext(first.options?.contextData)?.verdict.action).toBe('encrypt');
    await markForEncryption(item(h), DEFAULT_POLICY.encryption);
    expect(h.mailbox.draft.subject).toBe('[secure] Quarterly numbers');
    expect((await send(h)).options).toEqual({ allowEvent: true });
  });

  test('encrypt by X- header', async () => {
    const policy = policyWith({
      organization: { domains: ['contoso.com'] },
      rules: [{ id: 'enc', when: { minCount: 1, recipients: ['personal', 'external'] }, action: 'encrypt' }],
      encryption: { method: { header: { name: 'X-Contoso-Encrypt', value: 'yes' } } },
    });
    const h = setup(draft({ body: sensitiveBody(), to: outside }), {}, policy);
    expect((await send(h)).options).toMatchObject({ allowEvent: false });
    await markForEncryption(item(h), policy.encryption);
    expect(h.mailbox.draft.headers).toEqual({ 'X-Contoso-Encrypt': 'yes' });
    expect((await send(h)).options).toEqual({ allowEvent: true });
  });

  test('encrypt by sensitivity label when the catalog is enabled; refused when it is not', async () => {
    const labelId = '0f6e8c8a-1111-4a2b-9c3d-5e6f7a8b9c0d';
    const policy = policyWith({
      organization: { domains: ['contoso.com'] },
      rules: [{ id: 'enc', when: { minCount: 1, recipients: ['personal', 'external'] }, action: 'encrypt' }],
      encryption: { method: { labelId } },
    });
    const h = setup(draft({ body: sensitiveBody(), to: outside }), { labelCatalogEnabled: true }, policy);
    expect((await send(h)).options).toMatchObject({ allowEvent: false });
    await markForEncryption(item(h), policy.encryption);
    expect(h.mailbox.draft.sensitivityLabel).toBe(labelId);
    expect((await send(h)).options).toEqual({ allowEvent: true });

    const off = setup(draft({ body: sensitiveBody(), to: outside }), { labelCatalogEnabled: false }, policy);
    await expect(markForEncryption(item(off), policy.encryption)).rejects.toMatchObject({
      code: 'catalog-disabled',
    });
  });

  test('block: a roster of 150 SSNs to personal mail, whatever the button', async () => {
    const attachments = [
      { id: 'a1', name: 'roster.csv', attachmentType: 'file' as const, bytes: utf8(rosterCsv(150)) },
    ];
    const h = setup(draft({ to: outside, attachments }));
    const fired = await send(h);
    expect(fired.calls).toBe(1);
    const context = parseTaskPaneContext(fired.options?.contextData);
    expect(context?.verdict.action).toBe('block');
    expect(context?.verdict.total).toBeGreaterThanOrEqual(100);
    expect(fired.options).not.toHaveProperty('sendModeOverride');
    await recordJustification(item(h), { reasonId: 'customer-request' });
    expect((await send(h)).options).toMatchObject({ allowEvent: false });
  });
});

describe('Office.js failures: every path completes exactly once', () => {
  const required = [
    'subject.getAsync',
    'body.getAsync',
    'to.getAsync',
    'cc.getAsync',
    'bcc.getAsync',
    'getAttachmentsAsync',
  ];
  const closed = policyWith({ organization: { domains: ['contoso.com'] }, failMode: 'closed' });

  test.each(required)('%s failing: fail open sends, fail closed holds', async (operation) => {
    const open = await send(setup(draft({ body: sensitiveBody(), to: outside }), { failing: [operation] }));
    expect(open).toEqual({ options: { allowEvent: true }, calls: 1 });
    const held = await send(
      setup(draft({ body: sensitiveBody(), to: outside }), { failing: [operation] }, closed),
    );
    expect(held.calls).toBe(1);
    expect(held.options).toMatchObject({ allowEvent: false });
    expect(String(held.options?.errorMessage)).toMatch(/could not check/);
  });

  const optional = [
    'from.getAsync',
    'internetHeaders.getAsync',
    'sensitivityLabelsCatalog.getIsEnabledAsync',
    'sensitivityLabel.getAsync',
    'sessionData.getAsync',
    'sessionData.setAsync',
    'sessionData.getAllAsync',
  ];
  test.each(optional)('%s failing still gives the verdict', async (operation) => {
    const fired = await send(
      setup(draft({ body: sensitiveBody(), to: outside }), {
        failing: [operation],
        labelCatalogEnabled: true,
      }),
    );
    expect(fired.calls).toBe(1);
    expect(parseTaskPaneContext(fired.options?.contextData)?.verdict.action).toBe('encrypt');
  });

  test('getAttachmentContentAsync failing: the attachment is reported unscanned, sent outside warns', async () => {
    const attachments = [
      { id: 'a1', name: 'notes.txt', attachmentType: 'file' as const, bytes: utf8('hello') },
    ];
    const fired = await send(
      setup(draft({ to: outside, attachments }), { failing: ['getAttachmentContentAsync'] }),
    );
    expect(fired.calls).toBe(1);
    const verdict = parseTaskPaneContext(fired.options?.contextData)?.verdict;
    expect(verdict?.action).toBe('warn');
    expect(verdict?.unscanned).toEqual([
      expect.objectContaining({ name: 'notes.txt', reason: 'unsupported' }),
    ]);
  });

  test('ItemSend failing reads follow the fail mode too', async () => {
    const h = setup(draft({ to: outside }), { failing: ['body.getAsync'], requirementSet: '1.12' });
    const event = { completed: jest.fn() };
    await handleItemSend(event, h.deps);
    expect(event.completed.mock.calls).toEqual([[{ allowEvent: true }]]);
  });
});

describe('deadline', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  async function sendWithHang(hanging: string[], policy = DEFAULT_POLICY) {
    const h = setup(draft({ body: sensitiveBody(), to: outside }), { hanging }, policy);
    const event = { completed: jest.fn() };
    const done = handleSmartAlertsSend(event, h.deps);
    await jest.advanceTimersByTimeAsync(3499);
    const before = event.completed.mock.calls.length;
    await jest.advanceTimersByTimeAsync(1);
    await done;
    await jest.advanceTimersByTimeAsync(60000);
    return { before, calls: event.completed.mock.calls };
  }

  test('a hung body read completes at 3.5 s, fail open', async () => {
    const { before, calls } = await sendWithHang(['body.getAsync']);
    expect(before).toBe(0);
    expect(calls).toEqual([[{ allowEvent: true }]]);
  });

  test('a hung body read completes at 3.5 s, fail closed holds', async () => {
    const closed = policyWith({ organization: { domains: ['contoso.com'] }, failMode: 'closed' });
    const { calls } = await sendWithHang(['body.getAsync'], closed);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]).toMatchObject({ allowEvent: false });
  });

  test('a hung attachment fetch completes at 3.5 s once', async () => {
    const h = setup(
      draft({
        to: outside,
        attachments: [{ id: 'a', name: 'a.txt', attachmentType: 'file', bytes: utf8('x') }],
      }),
      {
        hanging: ['getAttachmentContentAsync'],
      },
    );
    const event = { completed: jest.fn() };
    const done = handleSmartAlertsSend(event, h.deps);
    await jest.advanceTimersByTimeAsync(3500);
    await done;
    await jest.advanceTimersByTimeAsync(60000);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });
});

describe('attachments and recipients', () => {
  test('a cloud attachment to outside is reported as not scanned (warn)', async () => {
    const attachments = [
      {
        id: 'c1',
        name: 'Budget.xlsx',
        attachmentType: 'cloud' as const,
        url: 'https://contoso-my.sharepoint.com/x',
      },
    ];
    const fired = await send(setup(draft({ to: outside, attachments })));
    const verdict = parseTaskPaneContext(fired.options?.contextData)?.verdict;
    expect(verdict?.action).toBe('warn');
    expect(verdict?.unscanned).toEqual([expect.objectContaining({ name: 'Budget.xlsx', reason: 'cloud' })]);
  });

  test('an attached message (.eml) is scanned recursively', async () => {
    const eml = [
      'From: hr@contoso.com',
      'To: ana@contoso.com',
      'Subject: New hire',
      'Content-Type: text/plain; charset=utf-8',
      '',
      `SSN: ${SECRET_SSN}`,
      '',
    ].join('\r\n');
    const attachments = [{ id: 'm1', name: 'New hire', attachmentType: 'item' as const, eml }];
    const fired = await send(setup(draft({ to: outside, attachments })));
    const verdict = parseTaskPaneContext(fired.options?.contextData)?.verdict;
    expect(verdict?.action).toBe('encrypt');
    expect(verdict?.counts.US_SSN).toBe(1);
    expect(verdict?.locations.attachments.length).toBe(1);
  });

  test('500 recipients: one outside among 499 inside', async () => {
    const to = Array.from({ length: 499 }, (_, i) => ({
      address: `user${i}@contoso.com`,
      recipientType: 'user',
    }));
    const fired = await send(
      setup(draft({ body: sensitiveBody(), to: [...to, outside[0] as { address: string }] })),
    );
    expect(fired.calls).toBe(1);
    const verdict = parseTaskPaneContext(fired.options?.contextData)?.verdict;
    expect(verdict?.action).toBe('encrypt');
    expect(verdict?.outsideDomains.personal).toEqual(['gmail.com']);
  });

  test('a meeting invite (OnAppointmentSend) reads attendees', async () => {
    const fired = await send(setup(draft({ itemType: 'appointment', body: sensitiveBody(), to: outside })));
    expect(parseTaskPaneContext(fired.options?.contextData)?.verdict.action).toBe('encrypt');
  });
});

describe('legacy ItemSend', () => {
  test('held mail gets allowEvent false and a notification bar message', async () => {
    const h = setup(draft({ body: sensitiveBody(), to: outside }), { requirementSet: '1.12' });
    const event = { completed: jest.fn() };
    await handleItemSend(event, h.deps);
    expect(event.completed.mock.calls).toEqual([[{ allowEvent: false }]]);
    const note = h.mailbox.notifications.get('sendwarden');
    expect(note).toMatchObject({ type: 'errorMessage' });
    expect(String(note?.message).length).toBeLessThanOrEqual(150);
  });

  test('clean mail passes', async () => {
    const h = setup(draft(), { requirementSet: '1.12' });
    const event = { completed: jest.fn() };
    await handleItemSend(event, h.deps);
    expect(event.completed.mock.calls).toEqual([[{ allowEvent: true }]]);
  });
});

describe('privacy: nothing logged or sent carries message content', () => {
  test('console and fetch never see the SSN, the subject or the body', async () => {
    const policy = policyWith({
      organization: { domains: ['contoso.com'] },
      audit: { endpoint: 'https://audit.contoso.com/events', includeAddresses: false },
    });
    const sent: string[] = [];
    const fetchSpy = jest.fn((_url: string, init: { body?: string }) => {
      sent.push(String(init.body));
      return Promise.resolve({ ok: true, status: 200, text: () => Promise.resolve('') });
    });
    const logged: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      }),
    );
    (globalThis as Record<string, unknown>).fetch = fetchSpy;
    try {
      const subject = `Payroll for ${SECRET_SSN}`;
      const attachments = [
        { id: 'r', name: 'roster.csv', attachmentType: 'file' as const, bytes: utf8(rosterCsv(20)) },
      ];
      const failing = ['from.getAsync'];
      const h = setup(
        draft({ subject, body: sensitiveBody(), to: outside, attachments }),
        { failing },
        policy,
      );
      const first = await send(h);
      await recordJustification(item(h), { freeText: `customer ${SECRET_SSN} asked` });
      await send(h);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(fetchSpy).toHaveBeenCalled();
      const everything = [
        ...sent,
        ...logged,
        String(first.options?.contextData),
        String(first.options?.errorMessage),
      ];
      for (const text of everything) {
        expect(text).not.toContain(SECRET_SSN);
        expect(text).not.toContain(SECRET_DIGITS);
        expect(text).not.toContain('Payroll');
        expect(text).not.toContain('enrolment');
      }
    } finally {
      spies.forEach((spy) => spy.mockRestore());
      delete (globalThis as Record<string, unknown>).fetch;
    }
  });
});

describe('scanning ahead', () => {
  const roster = () => [
    { id: 'att-1', name: 'roster.csv', attachmentType: 'file' as const, bytes: utf8(rosterCsv(30)) },
  ];

  async function attachmentsChanged(h: Harness) {
    const event = { completed: jest.fn() };
    await handleScanAhead(event, h.deps);
    expect(event.completed.mock.calls).toEqual([[]]);
  }

  const fetchesAtSend = (h: Harness, before: number) =>
    h.mailbox.calls.slice(before).filter((call) => call === 'getAttachmentContentAsync').length;

  test('Send reuses the scan: no fetch, same verdict', async () => {
    const h = setup(draft({ to: outside, attachments: roster() }));
    await attachmentsChanged(h);
    const before = h.mailbox.calls.length;
    const fired = await send(h);
    expect(fetchesAtSend(h, before)).toBe(0);
    const verdict = parseTaskPaneContext(fired.options?.contextData)?.verdict;
    expect(verdict?.counts.US_SSN).toBe(30);
    expect(verdict?.locations.attachments).toEqual([{ name: 'roster.csv', count: expect.any(Number) }]);
  });

  test('a new runtime (classic Outlook) finds the scan in the item session data', async () => {
    const h = setup(draft({ to: outside, attachments: roster() }));
    await attachmentsChanged(h);
    resetScanAheadMemory();
    const before = h.mailbox.calls.length;
    const fired = await send(h);
    expect(fetchesAtSend(h, before)).toBe(0);
    expect(parseTaskPaneContext(fired.options?.contextData)?.verdict.counts.US_SSN).toBe(30);
  });

  test('a replaced attachment is rescanned, a removed one forgotten', async () => {
    const h = setup(draft({ to: outside, attachments: roster() }));
    await attachmentsChanged(h);
    h.mailbox.draft.attachments = [
      { id: 'att-2', name: 'roster.csv', attachmentType: 'file', bytes: utf8(rosterCsv(3)) },
    ];
    const before = h.mailbox.calls.length;
    const fired = await send(h);
    expect(fetchesAtSend(h, before)).toBe(1);
    expect(parseTaskPaneContext(fired.options?.contextData)?.verdict.counts.US_SSN).toBe(3);
  });

  test('scan-ahead failures still complete the event once', async () => {
    const h = setup(draft({ attachments: roster() }), { failing: ['getAttachmentsAsync'] });
    const event = { completed: jest.fn() };
    await handleScanAhead(event, h.deps);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });
});

describe('send-time scan budget', () => {
  const bigText = () => {
    const filler = 'Quarterly figures, nothing personal here. '.repeat(40000); // ~1.7 MB
    return utf8(`${filler}\nEmployee SSN: ${SECRET_SSN}\n`);
  };

  test('an attachment over SEND_SCAN_MAX_BYTES is not scanned at Send but reported, and the fail mode decides', async () => {
    const attachments = [
      { id: 'big', name: 'export.txt', attachmentType: 'file' as const, bytes: bigText() },
    ];
    const h = setup(draft({ to: outside, attachments }));
    const before = h.mailbox.calls.length;
    const fired = await send(h);
    expect(h.mailbox.calls.slice(before)).not.toContain('getAttachmentContentAsync');
    const verdict = parseTaskPaneContext(fired.options?.contextData)?.verdict;
    expect(verdict?.unscanned).toEqual([expect.objectContaining({ name: 'export.txt', reason: 'timeout' })]);
    expect(verdict?.scanFailed).toBe('timeout');
    expect(verdict?.action).toBe('warn');
  });

  test('once scanned ahead, the same attachment counts at Send', async () => {
    const attachments = [
      { id: 'big', name: 'export.txt', attachmentType: 'file' as const, bytes: bigText() },
    ];
    const h = setup(draft({ to: outside, attachments }));
    await handleScanAhead({ completed: jest.fn() }, h.deps);
    const verdict = parseTaskPaneContext((await send(h)).options?.contextData)?.verdict;
    expect(verdict?.counts.US_SSN).toBe(1);
    expect(verdict?.action).toBe('encrypt');
  });
});

describe('client differences', () => {
  test('Outlook on the web: the HTML body is read (text coercion can lose table structure there)', async () => {
    const bodyHtml = `<table><tr><th>Name</th><th>SSN</th></tr><tr><td>Ana</td><td>${SECRET_SSN}</td></tr></table>`;
    const h = setup(draft({ body: 'Name SSN Ana', bodyHtml, to: outside }), { hostName: 'OutlookWebApp' });
    expect(parseTaskPaneContext((await send(h)).options?.contextData)?.verdict.counts.US_SSN).toBe(1);
    const classic = setup(draft({ body: 'Name SSN Ana', bodyHtml, to: outside }), { hostName: 'Outlook' });
    expect((await send(classic)).options).toEqual({ allowEvent: true });
  });

  test('legacy ItemSend scans a large attachment at Send (no scan-ahead events there)', async () => {
    const filler = 'Quarterly figures, nothing personal here. '.repeat(40000);
    const bytes = utf8(`${filler}\nEmployee SSN: ${SECRET_SSN}\n`);
    const h = setup(
      draft({ to: outside, attachments: [{ id: 'b', name: 'big.txt', attachmentType: 'file', bytes }] }),
      {
        requirementSet: '1.12',
      },
    );
    const event = { completed: jest.fn() };
    await handleItemSend(event);
    expect(event.completed.mock.calls).toEqual([[{ allowEvent: false }]]);
    expect(String(h.mailbox.notifications.get('sendwarden')?.message)).toMatch(/encrypt/i);
  });
});

describe('legacy clients below Mailbox 1.11 (ItemSend)', () => {
  test('a warning is remembered in custom properties: the second Send of the same content passes', async () => {
    const h = setup(draft({ to: [{ address: 'eve@c0ntoso.com' }] }), { requirementSet: '1.10' });
    const first = { completed: jest.fn() };
    await handleItemSend(first, h.deps);
    expect(first.completed.mock.calls).toEqual([[{ allowEvent: false }]]);
    expect(Object.keys(h.mailbox.customProperties)).toEqual(['sendwarden.decision']);
    const second = { completed: jest.fn() };
    await handleItemSend(second, h.deps);
    expect(second.completed.mock.calls).toEqual([[{ allowEvent: true }]]);
  });

  test('a failing notification bar still completes once, holding the message', async () => {
    const h = setup(draft({ body: sensitiveBody(), to: outside }), {
      requirementSet: '1.10',
      failing: ['notificationMessages.replaceAsync', 'loadCustomPropertiesAsync'],
    });
    const event = { completed: jest.fn() };
    await handleItemSend(event, h.deps);
    expect(event.completed.mock.calls).toEqual([[{ allowEvent: false }]]);
  });
});

describe('more Office.js shapes and requirement sets', () => {
  test('an attached calendar item (iCalendar) is scanned as an .ics file', async () => {
    const iCalendar = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'SUMMARY:Benefits enrolment',
      `DESCRIPTION:Bring your SSN: ${SECRET_SSN}`,
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const attachments = [{ id: 'cal', name: 'Enrolment', attachmentType: 'item' as const, iCalendar }];
    const verdict = parseTaskPaneContext(
      (await send(setup(draft({ to: outside, attachments })))).options?.contextData,
    )?.verdict;
    expect(verdict?.counts.US_SSN).toBe(1);
    expect(verdict?.locations.attachments.map((a) => a.name)).toEqual(['Enrolment.ics']);
  });

  test('Mailbox 1.14: dialog buttons but no Markdown; 1.15 adds Markdown', async () => {
    const d = () => draft({ body: sensitiveBody(), to: outside });
    const on14 = (await send(setup(d(), { requirementSet: '1.14' }))).options;
    expect(on14).toHaveProperty('commandId');
    expect(on14).not.toHaveProperty('errorMessageMarkdown');
    const on15 = (await send(setup(d(), { requirementSet: '1.15' }))).options;
    expect(String(on15?.errorMessageMarkdown)).toMatch(/\*\*/);
    expect(String(on15?.errorMessage).length).toBeLessThanOrEqual(500);
  });

  test('a justified Send is audited as sent-with-justification, with the reason id', async () => {
    const policy = policyWith({
      organization: { domains: ['contoso.com'] },
      audit: { endpoint: 'https://audit.contoso.com/events' },
    });
    const bodies: string[] = [];
    (globalThis as Record<string, unknown>).fetch = jest.fn((_url: string, init: { body: string }) => {
      bodies.push(init.body);
      return Promise.resolve({ ok: true, status: 200 });
    });
    try {
      const h = setup(draft({ body: sensitiveBody(), to: outside }), {}, policy);
      await send(h);
      await recordJustification(item(h), { reasonId: 'customer-request' });
      expect((await send(h)).options).toEqual({ allowEvent: true });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const events = bodies.map((body) => JSON.parse(body));
      expect(events.map((e) => e.decision)).toEqual(['verdict', 'sent-with-justification']);
      expect(events[1].justification).toEqual({ reasonId: 'customer-request' });
    } finally {
      delete (globalThis as Record<string, unknown>).fetch;
    }
  });
});
