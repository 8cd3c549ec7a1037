import { loadPolicy } from '../../src/core/policy/load-policy';
import { evaluate } from '../../src/core/policy/evaluate';
import { scanMessage } from '../../src/core/scan/scan-message';
import type { MessageSnapshot, RecipientInput } from '../../src/core/types';
import { buildRosterXlsx } from '../../src/playground/sample-files';
import { describeLocation, groupOutsideRecipients, toPaneView } from '../../src/taskpane/view-model';
import { stringsFor } from '../../src/taskpane/strings';

const policy = loadPolicy({
  version: 1,
  revision: 'test-1',
  organization: { domains: ['contoso.com'] },
  partners: { domains: ['fabrikam.com'] },
});

function to(...addresses: string[]): RecipientInput[] {
  return addresses.map((address) => ({ address, field: 'to' as const }));
}

function viewOf(snapshot: MessageSnapshot, locale = 'en-US') {
  const scan = scanMessage(snapshot);
  const verdict = evaluate(
    {
      findings: scan.findings,
      unscanned: scan.unscanned,
      recipients: snapshot.recipients,
      sender: snapshot.from?.address,
      subject: snapshot.subject,
      headers: snapshot.headers,
    },
    policy,
  );
  return toPaneView(verdict, scan.findings, policy, locale);
}

const roster = (recipients: RecipientInput[], subject = 'Roster'): MessageSnapshot => ({
  subject,
  body: 'See attached.',
  bodyType: 'text',
  from: { address: 'dana@contoso.com' },
  recipients,
  attachments: [{ name: 'roster.xlsx', size: 0, kind: 'file', bytes: buildRosterXlsx(5) }],
});

describe('toPaneView', () => {
  test('a roster to the partner asks for encryption and shows each SSN cell, masked', () => {
    const view = viewOf(roster(to('eligibility@fabrikam.com')));
    expect(view.action).toBe('encrypt');
    expect(view.recipientGroups).toEqual([
      {
        domain: 'fabrikam.com',
        recipientClass: 'partner',
        addresses: ['eligibility@fabrikam.com'],
        lookalikeOf: undefined,
      },
    ]);
    const ssn = view.findings.find((f) => f.entity === 'US_SSN');
    expect(ssn?.count).toBe(5);
    expect(ssn?.places).toEqual(['roster.xlsx › Roster!B2, Roster!B3, Roster!B4, Roster!B5, Roster!B6']);
    for (const sample of ssn?.samples ?? []) expect(sample).toMatch(/^\*\*\*-\*\*-\d{4}$/);
    expect(view.actions).toMatchObject({ encrypt: true, justify: true, removeOutside: true, redact: false });
    expect(view.justificationReasons.map((r) => r.id)).toContain('customer-request');
    expect(view.message.length).toBeGreaterThan(0);
    expect(view.message.length).toBeLessThanOrEqual(500);
  });

  test('a long roster lists a few cells per file and says how many more', () => {
    const snapshot = roster(to('eligibility@fabrikam.com'));
    snapshot.attachments = [{ name: 'big.xlsx', size: 0, kind: 'file', bytes: buildRosterXlsx(20) }];
    const ssn = viewOf(snapshot).findings.find((f) => f.entity === 'US_SSN');
    expect(ssn?.count).toBe(20);
    expect(ssn?.places).toEqual([
      'big.xlsx › Roster!B2, Roster!B3, Roster!B4, Roster!B5, Roster!B6, Roster!B7, and 14 more',
    ]);
  });

  test('never carries a raw value anywhere in the view', () => {
    const snapshot: MessageSnapshot = {
      subject: 'SSN',
      body: 'Her SSN is 536-22-1946, card 4111 1111 1111 1111.',
      bodyType: 'text',
      from: { address: 'dana@contoso.com' },
      recipients: to('someone@gmail.com'),
      attachments: [],
    };
    const view = viewOf(snapshot);
    const json = JSON.stringify(view);
    expect(json).not.toContain('536-22-1946');
    expect(json).not.toContain('4111 1111 1111 1111');
    expect(view.actions.redact).toBe(true);
    expect(view.findings.find((f) => f.entity === 'US_SSN')?.places).toEqual(['Body']);
  });

  test('internal-only mail is allowed and offers no actions', () => {
    const view = viewOf(roster(to('team@contoso.com')));
    expect(view.action).toBe('allow');
    expect(view.recipientGroups).toEqual([]);
    expect(Object.values(view.actions).every((offered) => !offered)).toBe(true);
  });

  test('speaks the pane language: entity names and places in German', () => {
    const view = viewOf({ ...roster(to('x@gmail.com')), body: 'SSN 536-22-1946' }, 'de-DE');
    expect(view.findings.find((f) => f.entity === 'US_SSN')?.places).toContain('Text');
    expect(view.justificationReasons[0]?.text).toBe('Der Empfänger hat darum gebeten');
  });
});

describe('groupOutsideRecipients', () => {
  test('groups by domain, look-alikes first, internal left out', () => {
    const groups = groupOutsideRecipients([
      { address: 'a@fabrikam.com', domain: 'fabrikam.com', field: 'to', class: 'partner' },
      {
        address: 'b@c0ntoso.com',
        domain: 'c0ntoso.com',
        field: 'cc',
        class: 'lookalike',
        lookalikeOf: 'contoso.com',
      },
      { address: 'c@fabrikam.com', domain: 'fabrikam.com', field: 'bcc', class: 'partner' },
      { address: 'me@contoso.com', domain: 'contoso.com', field: 'to', class: 'internal' },
    ]);
    expect(groups.map((g) => [g.domain, g.recipientClass, g.addresses.length])).toEqual([
      ['c0ntoso.com', 'lookalike', 1],
      ['fabrikam.com', 'partner', 2],
    ]);
    expect(groups[0]?.lookalikeOf).toBe('contoso.com');
  });
});

describe('describeLocation', () => {
  test('names the archive path, the file and the cell', () => {
    const strings = stringsFor('en');
    expect(
      describeLocation(
        { part: 'attachment', name: 'roster.xlsx', path: ['batch.zip', 'roster.xlsx'], where: 'Roster!J2' },
        strings,
      ),
    ).toBe('batch.zip › roster.xlsx › Roster!J2');
    expect(describeLocation({ part: 'attachment', name: 'report.pdf', where: 'page 3' }, strings)).toBe(
      'report.pdf › page 3',
    );
    expect(describeLocation({ part: 'subject' }, stringsFor('fr'))).toBe('Objet');
  });
});
