import type { RecipientClass } from '../recipients/classify-recipients';
import type { Confidence, EntityId } from '../types';

/**
 * The policy IT writes, after loading: every optional field filled with its default.
 * The JSON form is published as policy/sendwarden-policy.schema.json; load-policy.ts validates it.
 */

/** The action ladder, mildest first. The strictest action of the rules that fire wins. */
export const ACTIONS = ['allow', 'warn', 'justify', 'encrypt', 'block'] as const;
export type Action = (typeof ACTIONS)[number];

export const POLICY_SCHEMA_VERSION = 1;

/** Parts of a message a rule can look at. */
export const POLICY_PARTS = ['subject', 'body', 'attachments'] as const;
export type PolicyPart = (typeof POLICY_PARTS)[number];

/** Language code ('en', 'de', 'pt-BR') to text. 'en' is required: it is the fallback. */
export type Translations = Record<string, string>;

/** How a message is marked for encryption; the Outlook edge applies it, a mail flow rule acts on it. */
export type EncryptionMarker =
  { subjectTag: string } | { header: { name: string; value: string } } | { labelId: string };

export interface RuleConditions {
  /** Which counted entities this rule looks at (default: every entity the policy counts). */
  entities?: EntityId[];
  /** At least this many findings of those entities (default 0: no content condition). */
  minCount?: number;
  /** Where findings count (default: everywhere). */
  where?: PolicyPart[];
  /** At least one recipient has one of these classes. */
  recipients?: RecipientClass[];
  /** Every recipient (and at least one) has one of these classes. */
  onlyRecipients?: RecipientClass[];
  /** true: a look-alike recipient is present; false: none is. */
  lookalike?: boolean;
  /** true: something could not be scanned; false: everything was scanned. */
  unscannable?: boolean;
  /** true: an unexpandable distribution list is among the recipients. */
  distributionList?: boolean;
}

export interface Rule {
  id: string;
  description?: string;
  when: RuleConditions;
  action: Action;
  /** For 'encrypt': the employee may send without encryption after giving a justification. */
  allowJustify?: boolean;
  /** For 'block' (or any action): a message marked for encryption only needs that encryption. */
  unlessMarkedForEncryption?: boolean;
}

export interface SenderOverride {
  id: string;
  /** Addresses (with @) or domains (without) of the senders it applies to. */
  senders: string[];
  /** Rules that do not apply to these senders. */
  disableRules: string[];
  /** Rule id to the action it takes for these senders instead. */
  actions: Record<string, Action>;
}

export interface JustificationReason {
  id: string;
  text: Translations;
}

export type AuditFormat = 'json' | 'json-array' | 'splunk-hec';

export interface AuditSettings {
  /** HTTPS endpoint that receives audit events; none means no events leave the machine. */
  endpoint?: string;
  format: AuditFormat;
  /** Extra request headers (an Authorization token for the collector). */
  headers: Record<string, string>;
  /** Recipient addresses in events (default false: domains only). */
  includeAddresses: boolean;
}

export type MessageKey = 'title' | 'warn' | 'justify' | 'encrypt' | 'block';

export interface Policy {
  version: 1;
  /** IT's own version of the policy ('2026-11-27.1'), reported in verdicts and audit events. */
  revision: string;
  name?: string;
  organization: { domains: string[]; includeSubdomains: boolean };
  partners: { domains: string[]; includeSubdomains: boolean };
  distributionLists: 'by-domain' | 'external';
  /** Entities that count, each from its minimum confidence. Others are ignored. */
  entities: Partial<Record<EntityId, Confidence>>;
  rules: Rule[];
  encryption: { method: EncryptionMarker; accept: EncryptionMarker[] };
  justification: { reasons: JustificationReason[]; allowFreeText: boolean };
  /** When scanning failed or timed out: 'open' decides on what was found, 'closed' blocks outside mail. */
  failMode: 'open' | 'closed';
  overrides: SenderOverride[];
  /** Custom lead sentences per action (and the title), replacing the built-in ones. */
  messages: Partial<Record<MessageKey, Translations>>;
  audit: AuditSettings;
}

export function actionRank(action: Action): number {
  return ACTIONS.indexOf(action);
}

export function stricter(a: Action, b: Action): Action {
  return actionRank(a) >= actionRank(b) ? a : b;
}
