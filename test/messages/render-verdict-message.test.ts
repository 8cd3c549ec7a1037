import { DEFAULT_POLICY } from '../../src/core/policy/default-policy';
import { evaluate } from '../../src/core/policy/evaluate';
import { ACTIONS } from '../../src/core/policy/policy';
import type { Verdict } from '../../src/core/policy/verdict';
import { LANGUAGES, MESSAGE_TEXTS, languageOf } from '../../src/core/messages/message-texts';
import {
  BUTTON_LIMIT,
  MESSAGE_LIMIT,
  renderVerdictMessage,
} from '../../src/core/messages/render-verdict-message';
import { ENTITY_IDS, type EntityId, type LocatedFinding, type Location } from '../../src/core/types';

const SECRET = '123-45-6789';
function finding(entity: EntityId, location: Location): LocatedFinding {
  return {
    entity,
    start: 0,
    end: 11,
    confidence: 'high',
    score: 0.95,
    preview: '***-**-6789',
    reasons: [],
    location,
  };
}

function verdictFor(
  findings: LocatedFinding[],
  addresses: string[],
  extra: Partial<Parameters<typeof evaluate>[0]> = {},
): Verdict {
  return evaluate(
    {
      findings,
      unscanned: [],
      recipients: addresses.map((address) => ({ address, field: 'to' as const })),
      sender: 'me@contoso.com',
      subject: `Payroll ${SECRET}`,
      ...extra,
    },
    DEFAULT_POLICY,
  );
}

const simple = verdictFor(
  [finding('US_SSN', { part: 'body' }), finding('US_SSN', { part: 'attachment', name: 'roster.xlsx' })],
  ['a@gmail.com'],
);

/** Adversarial verdicts: many attachments, many domains, very long names, every entity. */
function adversarial(): Verdict[] {
  const longName = 'Quarterly_Report_'.repeat(40) + '.xlsx';
  const many = Array.from({ length: 100 }, (_, i) =>
    finding('CREDIT_CARD', { part: 'attachment', name: `attachment-${i}-${'x'.repeat(i)}.pdf` }),
  );
  const every = ENTITY_IDS.map((e) => finding(e, { part: 'body' }));
  const domains = Array.from(
    { length: 1000 },
    (_, i) => `user@very-long-outside-domain-number-${i}.example.org`,
  );
  const lookalikes = Array.from({ length: 50 }, (_, i) => `x@c0ntoso${i === 0 ? '' : '-' + i}.com`);
  const unscanned = Array.from({ length: 100 }, (_, i) => ({
    name: `${longName}-${i}.zip`,
    reason: 'encrypted' as const,
  }));
  return [
    verdictFor(many, domains),
    verdictFor([...every, ...many], [...lookalikes, ...domains], { unscanned, scanFailed: 'timeout' }),
    verdictFor(
      [finding('US_SSN', { part: 'attachment', name: longName, path: [longName, longName, longName] })],
      ['a@gmail.com'],
    ),
    verdictFor(
      Array.from({ length: 300 }, () => finding('US_SSN', { part: 'subject' })),
      ['"*_[bold](https://evil)_*" <x@example.org>'],
      { unscanned },
    ),
    verdictFor([], ['x@c0ntoso.com', 'y@contoso.co']),
  ];
}

describe('renderVerdictMessage', () => {
  it.each(LANGUAGES)('fits every limit in %s for simple and adversarial verdicts', (language) => {
    for (const verdict of [simple, ...adversarial()]) {
      const message = renderVerdictMessage(verdict, language);
      expect(message.text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(message.markdown.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(message.buttonLabel.length).toBeLessThanOrEqual(BUTTON_LIMIT);
      expect(message.text).not.toContain(SECRET);
      expect(message.text).not.toContain('6789');
      expect(message.text.length).toBeGreaterThan(40);
    }
  });

  it('button labels of every action fit 20 characters in every language', () => {
    for (const language of LANGUAGES)
      for (const action of ACTIONS)
        expect(MESSAGE_TEXTS[language].button[action].length).toBeLessThanOrEqual(BUTTON_LIMIT);
  });

  it('names counts, types, attachment names and outside domains', () => {
    const { text, markdown, title } = renderVerdictMessage(simple, 'en-US');
    expect(title).toBe('Encryption required');
    expect(text).toContain('2 Social Security numbers');
    expect(text).toContain('the body and roster.xlsx');
    expect(text).toContain('gmail.com (personal mail)');
    expect(text).toContain('or sent with a business reason');
    expect(markdown.startsWith('**This message must be encrypted')).toBe(true);
  });

  it('speaks Spanish, French and German, from Outlook locales', () => {
    expect(renderVerdictMessage(simple, 'es-MX').text).toContain('2 números de Seguro Social');
    expect(renderVerdictMessage(simple, 'fr-CA').text).toContain(
      'Trouvé\u00a0: 2 numéros de sécurité sociale',
    );
    expect(renderVerdictMessage(simple, 'de-DE').text).toContain('2 US-Sozialversicherungsnummern');
    expect(renderVerdictMessage(simple, 'de-DE').buttonLabel).toBe('Verschlüsseln');
  });

  it('falls back to English for unknown or missing locales', () => {
    expect(languageOf('ja-JP')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
    expect(languageOf('DE_at')).toBe('de');
    expect(renderVerdictMessage(simple, 'ja-JP').title).toBe('Encryption required');
  });

  it('truncates long lists with "and N more" in the right language', () => {
    const [many] = adversarial();
    expect(renderVerdictMessage(many as Verdict, 'en').text).toMatch(/and \d+ more/);
    expect(renderVerdictMessage(many as Verdict, 'de').text).toMatch(/und \d+ weitere/);
    expect(renderVerdictMessage(many as Verdict, 'es').text).toMatch(/y \d+ más/);
    expect(renderVerdictMessage(many as Verdict, 'fr').text).toMatch(/et \d+ de plus/);
  });

  it('escapes Markdown in names so a file name cannot inject formatting or links', () => {
    const v = verdictFor(
      [finding('US_SSN', { part: 'attachment', name: '[click](https://evil.example)*.pdf' })],
      ['a@gmail.com'],
    );
    const { markdown } = renderVerdictMessage(v, 'en');
    expect(markdown).toContain('\\[click\\]\\(https://evil.example\\)\\*.pdf');
  });

  it('explains look-alikes and a block that encryption would lift', () => {
    const look = renderVerdictMessage(verdictFor([], ['x@c0ntoso.com']), 'en');
    expect(look.text).toContain('c0ntoso.com looks like contoso.com but is not.');
    const bulk = verdictFor(
      Array.from({ length: 100 }, () => finding('US_SSN', { part: 'body' })),
      ['a@gmail.com'],
    );
    expect(renderVerdictMessage(bulk, 'en').text).toContain('Mark it for encryption to send it.');
  });

  it('uses the policy custom texts with translations, falling back to English', () => {
    const custom = {
      block: { en: 'Ask privacy@contoso.com.', de: 'Fragen Sie privacy@contoso.com.' },
      title: { en: 'Contoso guard' },
    };
    const bulk = verdictFor(
      Array.from({ length: 100 }, () => finding('US_SSN', { part: 'body' })),
      ['a@gmail.com'],
    );
    expect(renderVerdictMessage(bulk, 'de-DE', { custom }).text.startsWith('Fragen Sie')).toBe(true);
    expect(renderVerdictMessage(bulk, 'fr-FR', { custom }).text.startsWith('Ask privacy')).toBe(true);
    expect(renderVerdictMessage(bulk, 'fr-FR', { custom }).title).toBe('Contoso guard');
    const huge = { block: { en: 'x'.repeat(500) } };
    expect(renderVerdictMessage(bulk, 'en', { custom: huge }).text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
  });

  it('says when the scan did not finish', () => {
    const v = verdictFor([], ['a@gmail.com'], { scanFailed: 'timeout' });
    expect(renderVerdictMessage(v, 'en').text).toContain('The scan did not finish.');
  });
});
