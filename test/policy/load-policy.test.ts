import { DEFAULT_POLICY } from '../../src/core/policy/default-policy';
import { loadPolicy } from '../../src/core/policy/load-policy';
import { PolicyError } from '../../src/core/policy/policy-error';

function errorOf(json: unknown): PolicyError {
  try {
    loadPolicy(json);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('policy loaded but should not have');
}

const rule = (action: unknown, id = 'r') => ({ id, when: {}, action });

describe('loadPolicy: errors name the JSON path and the problem', () => {
  it.each([
    [null, '(root): must be an object, got null'],
    [[], '(root): must be an object, got an array'],
    [{}, 'version: is required (use 1)'],
    [{ version: 2 }, 'version: must be 1'],
    [
      { version: 1, rules: [rule('allow', 'a'), rule('warn', 'b'), rule('deny', 'c')] },
      'rules[2].action: must be one of allow, warn, justify, encrypt, block',
    ],
    [
      { version: 1, organization: { domains: ['contoso'] } },
      'organization.domains[0]: must be a domain name like example.com, got "contoso"',
    ],
    [
      { version: 1, organization: { domains: ['contoso.com'], includeSubdomain: true } },
      'organization.includeSubdomain: unknown field',
    ],
    [
      { version: 1, partners: { includeSubdomains: 'yes' } },
      'partners.includeSubdomains: must be true or false, got a string',
    ],
    [{ version: 1, entities: { US_SSN: 'very' } }, 'entities.US_SSN: must be one of low, medium, high'],
    [{ version: 1, entities: { SSN: 'high' } }, 'entities.SSN: unknown field'],
    [{ version: 1, rules: [{ id: 'x', action: 'warn' }] }, 'rules[0].when: is required'],
    [
      { version: 1, rules: [{ id: 'x', when: { minCount: -1 }, action: 'warn' }] },
      'rules[0].when.minCount: must be between 0 and 1000000',
    ],
    [
      { version: 1, rules: [{ id: 'x', when: { minCount: 2.5 }, action: 'warn' }] },
      'rules[0].when.minCount: must be an integer',
    ],
    [
      { version: 1, rules: [{ id: 'x', when: { where: ['footer'] }, action: 'warn' }] },
      'rules[0].when.where[0]: must be one of subject, body, attachments',
    ],
    [
      { version: 1, rules: [{ id: 'x', when: { recipients: ['friends'] }, action: 'warn' }] },
      'rules[0].when.recipients[0]: must be one of internal, partner, personal, external, lookalike',
    ],
    [
      { version: 1, rules: [{ id: 'x', when: { entities: ['SSN'] }, action: 'warn' }] },
      'rules[0].when.entities[0]: must be one of US_SSN',
    ],
    [
      { version: 1, rules: [{ id: 'has space', when: {}, action: 'warn' }] },
      'rules[0].id: must be letters, digits',
    ],
    [{ version: 1, rules: [rule('warn', 'a'), rule('block', 'a')] }, 'rules[1].id: duplicate rule id "a"'],
    [
      { version: 1, encryption: { method: { subjectTag: '[s]', labelId: 'x' } } },
      'encryption.method: must have exactly one of subjectTag, header, labelId',
    ],
    [
      { version: 1, encryption: { method: { header: { name: 'Subject', value: 'x' } } } },
      'encryption.method.header.name: must be an X- header name',
    ],
    [
      { version: 1, justification: { reasons: [{ id: 'a', text: { de: 'x' } }] } },
      'justification.reasons[0].text.en: is required',
    ],
    [
      { version: 1, messages: { block: { en: 'x', english: 'y' } } },
      'messages.block.english: must be a language code',
    ],
    [{ version: 1, messages: { blocked: { en: 'x' } } }, 'messages.blocked: unknown field'],
    [
      {
        version: 1,
        justification: {
          reasons: [
            { id: 'a', text: { en: 'A' } },
            { id: 'a', text: { en: 'B' } },
          ],
        },
      },
      'justification.reasons[1].id: duplicate reason id "a"',
    ],
    [
      {
        version: 1,
        overrides: [
          { id: 'o', senders: ['a.com'] },
          { id: 'o', senders: ['b.com'] },
        ],
      },
      'overrides[1].id: duplicate override id "o"',
    ],
    [{ version: 1, failMode: 'maybe' }, 'failMode: must be one of open, closed'],
    [{ version: 1, distributionLists: 'expand' }, 'distributionLists: must be one of by-domain, external'],
    [
      { version: 1, overrides: [{ id: 'o', senders: ['not an address'] }] },
      'overrides[0].senders[0]: must be an e-mail address or a domain name',
    ],
    [
      { version: 1, overrides: [{ id: 'o', senders: ['a.com'], disableRules: ['nope'] }] },
      'overrides[0].disableRules[0]: no rule has the id "nope"',
    ],
    [
      { version: 1, overrides: [{ id: 'o', senders: ['a.com'], actions: { 'internal-only': 'deny' } }] },
      'overrides[0].actions.internal-only: must be one of allow',
    ],
    [
      { version: 1, audit: { endpoint: 'http://collector.example' } },
      'audit.endpoint: must be an https:// URL',
    ],
    [{ version: 1, audit: { format: 'xml' } }, 'audit.format: must be one of json, json-array, splunk-hec'],
  ])('%j -> %s', (json, expected) => {
    const error = errorOf(json);
    expect(error.message.startsWith(expected)).toBe(true);
    expect(error.problems[0]?.startsWith(expected)).toBe(true);
  });

  it('reports every problem, the first in the message', () => {
    const error = errorOf({ version: 1, failMode: 'x', rules: 'none' });
    expect(error.problems).toEqual([
      'rules: must be an array, got a string',
      'failMode: must be one of open, closed',
    ]);
    expect(error.message).toBe('rules: must be an array, got a string (and 1 more)');
  });

  it('names deep paths inside arrays of objects', () => {
    const policy = {
      version: 1,
      justification: {
        reasons: [
          { id: 'a', text: { en: 'A' } },
          { id: 'b', text: { en: 5 } },
        ],
      },
    };
    expect(errorOf(policy).message).toBe('justification.reasons[1].text.en: must be a string, got a number');
  });
});

describe('loadPolicy: defaults', () => {
  it('a bare version-1 document is the default policy with an unversioned revision', () => {
    const loaded = loadPolicy({ version: 1 });
    const { name: _name, ...rest } = DEFAULT_POLICY;
    expect(loaded).toEqual({ ...rest, revision: 'unversioned' });
  });

  it('a rules list replaces the default rules; other sections keep their defaults', () => {
    const loaded = loadPolicy({ version: 1, revision: 'r7', rules: [rule('warn', 'only')] });
    expect(loaded.rules.map((r) => r.id)).toEqual(['only']);
    expect(loaded.entities).toEqual(DEFAULT_POLICY.entities);
    expect(loaded.revision).toBe('r7');
  });

  it('lower-cases domains and senders', () => {
    const loaded = loadPolicy({
      version: 1,
      organization: { domains: ['Contoso.COM'] },
      overrides: [{ id: 'o', senders: ['CEO@Contoso.com'] }],
    });
    expect(loaded.organization).toEqual({ domains: ['contoso.com'], includeSubdomains: true });
    expect(loaded.overrides[0]?.senders).toEqual(['ceo@contoso.com']);
  });

  it('an encryption method without accept list accepts only that method', () => {
    const loaded = loadPolicy({ version: 1, encryption: { method: { labelId: 'abc' } } });
    expect(loaded.encryption).toEqual({ method: { labelId: 'abc' }, accept: [] });
  });
});
