import { domainToASCII } from 'node:url';
import { classifyRecipients, type ClassifyOptions } from '../../src/core/recipients/classify-recipients';
import { asciiSkeleton, foldUnicodeConfusables } from '../../src/core/recipients/confusables';
import { boundedEditDistance } from '../../src/core/recipients/edit-distance';
import { decodePunycode, domainToUnicode } from '../../src/core/recipients/punycode';
import type { RecipientInput } from '../../src/core/types';

const OPTIONS: ClassifyOptions = { sender: 'me@contoso.com', partnerDomains: ['fabrikam.com'] };

function classify(address: string, options: ClassifyOptions = OPTIONS, extra: Partial<RecipientInput> = {}) {
  const [result] = classifyRecipients([{ address, field: 'to', ...extra }], options);
  if (!result) throw new Error('no result');
  return result;
}

describe('classifyRecipients: exact domains', () => {
  it('classifies the sender domain as internal by default, case and trailing dot ignored', () => {
    expect(classify('a@contoso.com').class).toBe('internal');
    expect(classify('A@CONTOSO.COM.').class).toBe('internal');
  });

  it('treats subdomains as internal unless the policy excludes them', () => {
    expect(classify('a@eu.mail.contoso.com').class).toBe('internal');
    const strict = classify('a@mail.contoso.com', { ...OPTIONS, includeSubdomains: false });
    expect(strict).toMatchObject({ class: 'external', reason: 'subdomain-excluded' });
  });

  it('never matches by substring', () => {
    expect(classify('a@notcontoso.com').class).not.toBe('internal');
    expect(classify('a@contoso.com.evil.net').class).toBe('lookalike');
    expect(classify('a@mycontoso.com').class).not.toBe('internal');
  });

  it('uses configured organization domains instead of the sender domain', () => {
    const options = { organizationDomains: ['northwind.org'], sender: 'me@contoso.com' };
    expect(classify('a@northwind.org', options).class).toBe('internal');
    expect(classify('a@contoso.com', options).class).toBe('external');
  });

  it('classifies partners, personal webmail and everything else', () => {
    expect(classify('a@fabrikam.com')).toMatchObject({ class: 'partner', reason: 'partner-domain' });
    expect(classify('a@sales.fabrikam.com').class).toBe('partner');
    for (const d of [
      'gmail.com',
      'outlook.com',
      'hotmail.com',
      'yahoo.com',
      'icloud.com',
      'proton.me',
      'aol.com',
      'gmx.de',
      'yahoo.co.uk',
    ])
      expect(classify(`x@${d}`).class).toBe('personal');
    expect(classify('x@example.org')).toMatchObject({ class: 'external' });
  });

  it('with no organization domain and no sender, nobody is internal', () => {
    expect(classify('a@contoso.com', {}).class).toBe('external');
  });
});

describe('classifyRecipients: display names and hints decide nothing', () => {
  it('reads only the address in angle brackets, whatever the quoted name claims', () => {
    const r = classify('"ceo@contoso.com" <evil@gmail.com>');
    expect(r).toMatchObject({ address: 'evil@gmail.com', domain: 'gmail.com', class: 'personal' });
  });

  it('ignores a display name that claims an internal domain', () => {
    expect(classify('evil@example.org', OPTIONS, { name: 'CEO (ceo@contoso.com)' }).class).toBe('external');
  });

  it('does not trust recipientType: an "internal" user at an outside domain stays outside', () => {
    expect(classify('x@example.org', OPTIONS, { recipientType: 'user' }).class).toBe('external');
    expect(classify('x@contoso.com', OPTIONS, { recipientType: 'externalUser' }).class).toBe('internal');
  });

  it('flags distribution lists and lets the policy treat them as external', () => {
    const byDomain = classify('team@contoso.com', OPTIONS, { recipientType: 'distributionList' });
    expect(byDomain).toMatchObject({ class: 'internal', distributionList: true });
    const asExternal = classify(
      'team@contoso.com',
      { ...OPTIONS, distributionLists: 'external' },
      { recipientType: 'group' },
    );
    expect(asExternal).toMatchObject({
      class: 'external',
      reason: 'distribution-list',
      distributionList: true,
    });
  });

  it('an address without a domain is external, never internal', () => {
    expect(classify('Jane Doe')).toMatchObject({ class: 'external', reason: 'no-domain' });
    expect(classify('')).toMatchObject({ class: 'external', reason: 'no-domain' });
  });
});

describe('classifyRecipients: look-alikes', () => {
  it.each([
    ['c0ntoso.com', 'homoglyph'],
    ['contos0.com', 'homoglyph'],
    ['fabrikarn.com', 'homoglyph'],
    ['contoso.co', 'other-tld'],
    ['contoso.net', 'other-tld'],
    ['contoso.co.uk', 'other-tld'],
    ['contosso.com', 'edit-distance'],
    ['cnotoso.com', 'edit-distance'],
    ['contoso-com.net', 'embedded'],
    ['contoso.com.evil.net', 'embedded'],
  ])('%s imitates a protected domain (%s)', (domain, reason) => {
    const r = classify(`x@${domain}`);
    expect(r.class).toBe('lookalike');
    expect(r.reason).toBe(reason);
    expect(['contoso.com', 'fabrikam.com']).toContain(r.lookalikeOf);
  });

  it('catches IDN confusables given as punycode (Cyrillic letters)', () => {
    const cyrillicC = domainToASCII('\u0441ontoso.com');
    const cyrillicS = domainToASCII('conto\u0455o.com');
    expect(cyrillicC.startsWith('xn--')).toBe(true);
    expect(classify(`x@${cyrillicC}`)).toMatchObject({
      class: 'lookalike',
      reason: 'idn-confusable',
      lookalikeOf: 'contoso.com',
    });
    expect(classify(`x@${cyrillicS}`)).toMatchObject({ class: 'lookalike', reason: 'idn-confusable' });
  });

  it('catches IDN confusables given in Unicode', () => {
    expect(classify('x@\u0441\u043ent\u043es\u043e.com')).toMatchObject({
      class: 'lookalike',
      reason: 'idn-confusable',
    });
  });

  it('matches an IDN organization domain in punycode or Unicode form', () => {
    const options = { organizationDomains: [domainToASCII('münchen-bank.de')] };
    expect(classify('a@münchen-bank.de', options).class).toBe('internal');
    expect(classify(`a@${domainToASCII('münchen-bank.de')}`, options).class).toBe('internal');
    expect(classify('a@munchen-bank.de', options)).toMatchObject({
      class: 'lookalike',
      lookalikeOf: 'münchen-bank.de',
    });
  });

  it('leaves honest IDN domains alone', () => {
    expect(classify(`x@${domainToASCII('münchen-bank.de')}`).class).toBe('external');
  });

  it('does not flag unrelated or short names one edit apart', () => {
    const options = { sender: 'me@ibm.com' };
    expect(classify('x@ibn.com', options).class).toBe('external');
    expect(classify('x@example.com').class).toBe('external');
    expect(classify('x@microsoft.com').class).toBe('external');
  });

  it('uses two edits for long names', () => {
    const options = { sender: 'me@northwindtraders.com' };
    expect(classify('x@nortwindtrader.com', options).class).toBe('lookalike');
  });
});

describe('classifyRecipients: lists', () => {
  it('returns an empty list for no recipients', () => {
    expect(classifyRecipients([], OPTIONS)).toEqual([]);
  });

  it('classifies 1,000 recipients, keeping order and fields', () => {
    const domains = ['contoso.com', 'fabrikam.com', 'gmail.com', 'c0ntoso.com', 'example.org'];
    const input: RecipientInput[] = [];
    for (let i = 0; i < 1000; i++)
      input.push({ address: `user${i}@${domains[i % domains.length]}`, field: i % 3 === 0 ? 'bcc' : 'to' });
    const out = classifyRecipients(input, OPTIONS);
    expect(out).toHaveLength(1000);
    expect(out.map((r) => r.class).slice(0, 5)).toEqual([
      'internal',
      'partner',
      'personal',
      'lookalike',
      'external',
    ]);
    expect(out[999]).toMatchObject({ address: 'user999@example.org', field: 'bcc', class: 'external' });
    expect(out.filter((r) => r.class === 'lookalike')).toHaveLength(200);
  });
});

describe('helpers', () => {
  it('decodes punycode per RFC 3492 and rejects garbage', () => {
    expect(decodePunycode('mnchen-3ya')).toBe('münchen');
    expect(domainToUnicode('xn--mnchen-3ya.de')).toBe('münchen.de');
    expect(decodePunycode('99999999999')).toBeNull();
    expect(domainToUnicode('xn--!!.com')).toBe('xn--!!.com');
  });

  it('folds confusables and homoglyph sequences', () => {
    expect(foldUnicodeConfusables('\u0430\u0440\u0440\u04cf\u0435')).toBe('apple');
    expect(asciiSkeleton('rnicrosoft')).toBe(asciiSkeleton('microsoft'));
    expect(asciiSkeleton('vvhitehouse')).toBe(asciiSkeleton('whitehouse'));
    expect(asciiSkeleton('cloud')).toBe(asciiSkeleton('doud'));
    expect(asciiSkeleton('paypa1')).toBe(asciiSkeleton('paypal'));
  });

  it('computes bounded Damerau-Levenshtein distances', () => {
    expect(boundedEditDistance('contoso', 'contoso', 2)).toBe(0);
    expect(boundedEditDistance('contoso', 'cnotoso', 2)).toBe(1);
    expect(boundedEditDistance('contoso', 'contosso', 2)).toBe(1);
    expect(boundedEditDistance('contoso', 'fabrikam', 2)).toBe(3);
    expect(boundedEditDistance('a', 'abcdef', 1)).toBe(2);
  });
});
