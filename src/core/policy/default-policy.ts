import type { RecipientClass } from '../recipients/classify-recipients';
import type { Confidence, EntityId } from '../types';
import type { Policy } from './policy';

function atMedium(entities: readonly EntityId[]): Partial<Record<EntityId, Confidence>> {
  const out: Partial<Record<EntityId, Confidence>> = {};
  for (const entity of entities) out[entity] = 'medium';
  return out;
}

/** The entities the default policy treats as sensitive. E-mail addresses and phone numbers alone are not. */
export const DEFAULT_SENSITIVE_ENTITIES: readonly EntityId[] = [
  'US_SSN',
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

/** From this many sensitive findings a message is a bulk disclosure. */
export const DEFAULT_BULK_THRESHOLD = 100;

const NOT_INTERNAL: RecipientClass[] = ['partner', 'personal', 'external', 'lookalike'];
const OUTSIDE_NOT_PARTNER: RecipientClass[] = ['personal', 'external', 'lookalike'];

/**
 * The built-in policy, used when IT configures none. Organization domains default to the
 * sender's own domain. See docs/policy.md for the reasoning behind each rule.
 */
export const DEFAULT_POLICY: Policy = {
  version: 1,
  revision: 'builtin-1',
  name: 'SendWarden default',
  organization: { domains: [], includeSubdomains: true },
  partners: { domains: [], includeSubdomains: true },
  distributionLists: 'by-domain',
  entities: atMedium(DEFAULT_SENSITIVE_ENTITIES),
  rules: [
    {
      id: 'internal-only',
      description: 'Only internal recipients: allowed whatever the content.',
      when: { onlyRecipients: ['internal'] },
      action: 'allow',
    },
    {
      id: 'sensitive-outside',
      description: 'Sensitive data to anyone not internal: encrypt, or justify.',
      when: { minCount: 1, recipients: NOT_INTERNAL },
      action: 'encrypt',
      allowJustify: true,
    },
    {
      id: 'bulk-sensitive-outside',
      description:
        '100 or more sensitive findings to outsiders who are not partners: block unless encrypted.',
      when: { minCount: DEFAULT_BULK_THRESHOLD, recipients: OUTSIDE_NOT_PARTNER },
      action: 'block',
      unlessMarkedForEncryption: true,
    },
    {
      id: 'lookalike-recipient',
      description: 'A recipient domain imitates an internal or partner domain: warn.',
      when: { lookalike: true },
      action: 'warn',
    },
    {
      id: 'lookalike-sensitive',
      description: 'Sensitive data to a look-alike domain: block.',
      when: { lookalike: true, minCount: 1 },
      action: 'block',
    },
    {
      id: 'unscanned-outside',
      description: 'An attachment that could not be scanned, sent outside: warn.',
      when: { unscannable: true, recipients: NOT_INTERNAL },
      action: 'warn',
    },
  ],
  encryption: {
    method: { subjectTag: '[secure]' },
    accept: [{ header: { name: 'X-SendWarden-Encrypt', value: 'true' } }],
  },
  justification: {
    reasons: [
      {
        id: 'customer-request',
        text: {
          en: 'The recipient asked for it',
          es: 'El destinatario lo solicitó',
          fr: 'Le destinataire l’a demandé',
          de: 'Der Empfänger hat darum gebeten',
        },
      },
      {
        id: 'business-need',
        text: {
          en: 'Required for our business with them',
          es: 'Necesario para nuestra relación comercial',
          fr: 'Nécessaire à notre relation commerciale',
          de: 'Für die Geschäftsbeziehung nötig',
        },
      },
      {
        id: 'own-data',
        text: {
          en: 'It is the recipient’s own data',
          es: 'Son datos del propio destinatario',
          fr: 'Ce sont les données du destinataire',
          de: 'Es sind die eigenen Daten des Empfängers',
        },
      },
    ],
    allowFreeText: true,
  },
  failMode: 'open',
  overrides: [],
  messages: {},
  audit: { format: 'json', headers: {}, includeAddresses: false },
};
