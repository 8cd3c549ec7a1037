import { DEFAULT_POLICY } from '../../src/core/policy/default-policy';
import { applyEncryptionMark, isMarkedForEncryption } from '../../src/core/policy/encryption-mark';
import { FAIL_CLOSED_RULE, evaluate } from '../../src/core/policy/evaluate';
import { loadPolicy } from '../../src/core/policy/load-policy';
import type { EvaluateInput } from '../../src/core/policy/verdict';
import type { Confidence, EntityId, LocatedFinding, Location, RecipientInput } from '../../src/core/types';

function finding(
  entity: EntityId,
  location: Location = { part: 'body' },
  confidence: Confidence = 'high',
): LocatedFinding {
  return { entity, start: 0, end: 9, confidence, score: 0.9, preview: '***-**-6789', reasons: [], location };
}
const times = (n: number, f: () => LocatedFinding): LocatedFinding[] => Array.from({ length: n }, f);
const to = (...addresses: string[]): RecipientInput[] =>
  addresses.map((address) => ({ address, field: 'to' }));

function input(partial: Partial<EvaluateInput>): EvaluateInput {
  return {
    findings: [],
    unscanned: [],
    recipients: [],
    sender: 'me@contoso.com',
    subject: 'Hello',
    ...partial,
  };
}

const SSN = finding('US_SSN');

describe('the default policy, rule by rule', () => {
  it('only internal recipients: allow whatever the content', () => {
    const v = evaluate(
      input({ findings: times(500, () => SSN), recipients: to('a@contoso.com', 'b@hr.contoso.com') }),
      DEFAULT_POLICY,
    );
    expect(v.action).toBe('allow');
    expect(v.rules).toEqual(['internal-only']);
    expect(v.counts).toEqual({ US_SSN: 500 });
  });

  it.each(['a@example.org', 'a@gmail.com'])('sensitive data to %s: encrypt, or justify', (address) => {
    const v = evaluate(input({ findings: [SSN], recipients: to('x@contoso.com', address) }), DEFAULT_POLICY);
    expect(v).toMatchObject({
      action: 'encrypt',
      rules: ['sensitive-outside'],
      canJustify: true,
      encryptionRequired: true,
    });
    expect(v.justificationReasons.map((r) => r.id)).toEqual([
      'customer-request',
      'business-need',
      'own-data',
    ]);
    expect(v.allowFreeText).toBe(true);
    expect(v.actionIfEncrypted).toBe('allow');
  });

  it('sensitive data to a partner also needs encryption (partners are not internal)', () => {
    const policy = loadPolicy({ version: 1, partners: { domains: ['fabrikam.com'] } });
    const v = evaluate(input({ findings: [SSN], recipients: to('a@fabrikam.com') }), policy);
    expect(v.action).toBe('encrypt');
    expect(v.outsideDomains.partner).toEqual(['fabrikam.com']);
  });

  it('counts every listed entity from medium confidence, but not low', () => {
    const entities: EntityId[] = [
      'US_ITIN',
      'CREDIT_CARD',
      'IBAN_CODE',
      'US_BANK_NUMBER',
      'US_PASSPORT',
      'US_DRIVER_LICENSE',
      'US_MBI',
      'MEDICAL_LICENSE',
      'US_NPI',
    ];
    for (const entity of entities) {
      const v = evaluate(
        input({ findings: [finding(entity, { part: 'body' }, 'medium')], recipients: to('a@example.org') }),
        DEFAULT_POLICY,
      );
      expect([entity, v.action]).toEqual([entity, 'encrypt']);
    }
    const low = evaluate(
      input({ findings: [finding('US_SSN', { part: 'body' }, 'low')], recipients: to('a@example.org') }),
      DEFAULT_POLICY,
    );
    expect(low.action).toBe('allow');
    expect(low.total).toBe(0);
  });

  it('e-mail addresses and phone numbers alone are not sensitive', () => {
    const findings = [
      ...times(200, () => finding('EMAIL_ADDRESS')),
      ...times(200, () => finding('PHONE_NUMBER')),
    ];
    const v = evaluate(input({ findings, recipients: to('a@gmail.com') }), DEFAULT_POLICY);
    expect(v).toMatchObject({ action: 'allow', rules: [], total: 0, counts: {} });
  });

  it('100 sensitive findings to a non-partner outsider: block unless marked for encryption', () => {
    const findings = times(100, () => SSN);
    const blocked = evaluate(input({ findings, recipients: to('a@gmail.com') }), DEFAULT_POLICY);
    expect(blocked.action).toBe('block');
    expect(blocked.rules).toEqual(['sensitive-outside', 'bulk-sensitive-outside']);
    expect(blocked.canJustify).toBe(false);
    expect(blocked.actionIfEncrypted).toBe('allow');
    const ninetyNine = evaluate(
      input({ findings: findings.slice(1), recipients: to('a@gmail.com') }),
      DEFAULT_POLICY,
    );
    expect(ninetyNine.action).toBe('encrypt');
    const tagged = evaluate(
      input({ findings, recipients: to('a@gmail.com'), subject: '[SECURE] roster' }),
      DEFAULT_POLICY,
    );
    expect(tagged).toMatchObject({ action: 'allow', encryptionSatisfied: true });
    expect(tagged.reasons).toContain('marked-for-encryption');
    const header = evaluate(
      input({ findings, recipients: to('a@gmail.com'), headers: { 'x-sendwarden-encrypt': 'TRUE' } }),
      DEFAULT_POLICY,
    );
    expect(header.action).toBe('allow');
  });

  it('100 sensitive findings to a partner only need encryption', () => {
    const policy = loadPolicy({ version: 1, partners: { domains: ['fabrikam.com'] } });
    const v = evaluate(input({ findings: times(150, () => SSN), recipients: to('a@fabrikam.com') }), policy);
    expect(v.action).toBe('encrypt');
  });

  it('a look-alike recipient: warn; with sensitive data: block, even when marked', () => {
    const warn = evaluate(input({ recipients: to('a@contoso.com', 'b@c0ntoso.com') }), DEFAULT_POLICY);
    expect(warn).toMatchObject({ action: 'warn', rules: ['lookalike-recipient'] });
    expect(warn.lookalikes).toEqual([{ domain: 'c0ntoso.com', of: 'contoso.com' }]);
    const block = evaluate(
      input({ findings: [SSN], recipients: to('b@c0ntoso.com'), subject: '[secure] x' }),
      DEFAULT_POLICY,
    );
    expect(block.action).toBe('block');
    expect(block.rules).toContain('lookalike-sensitive');
    expect(block.encryptionSatisfied).toBe(false);
  });

  it('an unscanned attachment sent outside: warn; inside: allow', () => {
    const unscanned = [{ name: 'secret.zip', reason: 'encrypted' as const }];
    expect(evaluate(input({ unscanned, recipients: to('a@example.org') }), DEFAULT_POLICY).action).toBe(
      'warn',
    );
    expect(evaluate(input({ unscanned, recipients: to('a@contoso.com') }), DEFAULT_POLICY).action).toBe(
      'allow',
    );
  });

  it('no recipients and no findings: allow, nothing fired', () => {
    expect(evaluate(input({}), DEFAULT_POLICY)).toMatchObject({ action: 'allow', rules: [] });
  });

  it('the display-name trick does not make an outsider internal', () => {
    const v = evaluate(
      input({ findings: [SSN], recipients: to('"ceo@contoso.com" <evil@gmail.com>') }),
      DEFAULT_POLICY,
    );
    expect(v.action).toBe('encrypt');
    expect(v.outsideDomains.personal).toEqual(['gmail.com']);
  });

  it('handles 1,000 recipients', () => {
    const recipients = Array.from({ length: 1000 }, (_, i) => ({
      address: `u${i}@${i === 999 ? 'example.org' : 'contoso.com'}`,
      field: 'bcc' as const,
    }));
    const v = evaluate(input({ findings: [SSN], recipients }), DEFAULT_POLICY);
    expect(v.action).toBe('encrypt');
    expect(v.outsideDomains.external).toEqual(['example.org']);
  });
});

describe('rules, overrides and fail modes', () => {
  const custom = loadPolicy({
    version: 1,
    organization: { domains: ['contoso.com'] },
    rules: [
      { id: 'any-outside', when: { recipients: ['external'] }, action: 'warn' },
      {
        id: 'subject-ssn',
        when: { minCount: 1, where: ['subject'], entities: ['US_SSN'] },
        action: 'justify',
      },
      { id: 'attachment-bulk', when: { minCount: 3, where: ['attachments'] }, action: 'block' },
      { id: 'lists', when: { distributionList: true }, action: 'warn' },
    ],
    overrides: [
      {
        id: 'hr',
        senders: ['hr.contoso.com', 'boss@contoso.com'],
        disableRules: ['attachment-bulk'],
        actions: { 'subject-ssn': 'warn' },
      },
    ],
    justification: { reasons: [{ id: 'x', text: { en: 'X' } }], allowFreeText: false },
  });
  const attachments = times(3, () =>
    finding('CREDIT_CARD', { part: 'attachment', name: 'roster.xlsx', path: ['batch.zip', 'roster.xlsx'] }),
  );

  it('the strictest rule wins and every fired rule is named', () => {
    const v = evaluate(
      input({ findings: [finding('US_SSN', { part: 'subject' })], recipients: to('a@example.org') }),
      custom,
    );
    expect(v).toMatchObject({
      action: 'justify',
      rules: ['any-outside', 'subject-ssn'],
      canJustify: true,
      allowFreeText: false,
    });
  });

  it('where limits the parts a rule counts; locations name archive paths', () => {
    const body = evaluate(
      input({ findings: [finding('US_SSN', { part: 'body' })], recipients: to('a@example.org') }),
      custom,
    );
    expect(body.rules).toEqual(['any-outside']);
    const v = evaluate(input({ findings: attachments, recipients: to('a@contoso.com') }), custom);
    expect(v.action).toBe('block');
    expect(v.locations).toEqual({
      subject: 0,
      body: 0,
      attachments: [{ name: 'batch.zip > roster.xlsx', count: 3 }],
    });
  });

  it('sender-group overrides disable rules and change actions, by domain or address', () => {
    const subject = [finding('US_SSN', { part: 'subject' }), ...attachments];
    for (const sender of ['ann@hr.contoso.com', 'Boss@Contoso.com']) {
      const v = evaluate(input({ sender, findings: subject, recipients: to('a@contoso.com') }), custom);
      expect([sender, v.action, v.rules, v.overrides]).toEqual([sender, 'warn', ['subject-ssn'], ['hr']]);
    }
    const other = evaluate(
      input({ sender: 'joe@contoso.com', findings: subject, recipients: to('a@contoso.com') }),
      custom,
    );
    expect(other.action).toBe('block');
  });

  it('acts on unexpandable distribution lists', () => {
    const v = evaluate(
      input({ recipients: [{ address: 'all@contoso.com', field: 'to', recipientType: 'distributionList' }] }),
      custom,
    );
    expect(v.rules).toEqual(['lists']);
    expect(v.reasons).toContain('distribution-list');
  });

  it('fail open decides on what was found and says the scan did not finish', () => {
    const v = evaluate(input({ scanFailed: 'timeout', recipients: to('a@gmail.com') }), DEFAULT_POLICY);
    expect(v.action).toBe('allow');
    expect(v.reasons).toContain('scan-timeout');
    expect(v.scanFailed).toBe('timeout');
  });

  it('fail closed blocks mail to anyone outside, but not internal mail', () => {
    const closed = { ...DEFAULT_POLICY, failMode: 'closed' as const };
    const v = evaluate(
      input({ scanFailed: 'error', recipients: to('a@gmail.com'), subject: '[secure]' }),
      closed,
    );
    expect(v).toMatchObject({ action: 'block', canJustify: false, actionIfEncrypted: 'block' });
    expect(v.rules).toContain(FAIL_CLOSED_RULE);
    expect(v.reasons).toEqual(expect.arrayContaining(['scan-error', 'fail-closed']));
    expect(evaluate(input({ scanFailed: 'error', recipients: to('a@contoso.com') }), closed).action).toBe(
      'allow',
    );
  });
});

describe('encryption marks', () => {
  const encryption = loadPolicy({
    version: 1,
    encryption: {
      method: { labelId: 'ABC-123' },
      accept: [{ subjectTag: '[encrypt]' }, { header: { name: 'X-Sec', value: 'yes' } }],
    },
  }).encryption;

  it('recognizes the method and every accepted marker, case-insensitively', () => {
    expect(isMarkedForEncryption(encryption, { subject: 'x', sensitivityLabel: 'abc-123' })).toBe(true);
    expect(isMarkedForEncryption(encryption, { subject: 'RE: [Encrypt] x' })).toBe(true);
    expect(isMarkedForEncryption(encryption, { subject: 'x', headers: { 'x-sec': ' YES ' } })).toBe(true);
    expect(
      isMarkedForEncryption(encryption, {
        subject: 'x',
        headers: { 'x-sec': 'no' },
        sensitivityLabel: 'other',
      }),
    ).toBe(false);
    expect(isMarkedForEncryption(DEFAULT_POLICY.encryption, { subject: '[secure] payroll' })).toBe(true);
  });

  it('describes the change that marks a message', () => {
    expect(applyEncryptionMark({ subjectTag: '[secure]' }, 'Payroll')).toEqual({
      subject: '[secure] Payroll',
    });
    expect(applyEncryptionMark({ subjectTag: '[secure]' }, 'RE: [Secure] Payroll')).toEqual({
      subject: 'RE: [Secure] Payroll',
    });
    expect(applyEncryptionMark({ subjectTag: '[secure]' })).toEqual({ subject: '[secure]' });
    expect(applyEncryptionMark({ header: { name: 'X-Sec', value: 'yes' } })).toEqual({
      header: { name: 'X-Sec', value: 'yes' },
    });
    expect(applyEncryptionMark({ labelId: 'L1' })).toEqual({ labelId: 'L1' });
  });

  it('applying the mark makes an encrypt verdict allow', () => {
    const base = input({ findings: [SSN], recipients: to('a@example.org'), subject: 'Payroll' });
    const change = applyEncryptionMark(DEFAULT_POLICY.encryption.method, base.subject);
    const v = evaluate({ ...base, subject: change.subject ?? base.subject }, DEFAULT_POLICY);
    expect(v).toMatchObject({ action: 'allow', encryptionSatisfied: true, rules: ['sensitive-outside'] });
  });
});
