import type { RecipientField, RecipientInput } from '../types';
import { matchesDomain, normalizeDomain, parseAddress, registrableParts } from './domain';
import { findLookalike, protectedShapes, type LookalikeReason } from './lookalike';
import { domainToUnicode } from './punycode';
import { PERSONAL_WEBMAIL_DOMAINS, PERSONAL_WEBMAIL_NAMES } from './personal-webmail';

export type RecipientClass = 'internal' | 'partner' | 'personal' | 'external' | 'lookalike';

export const RECIPIENT_CLASSES: readonly RecipientClass[] = [
  'internal',
  'partner',
  'personal',
  'external',
  'lookalike',
];

/** Why a recipient got its class: short codes for logs, audit and the CLI. */
export type RecipientReason =
  | 'organization-domain'
  | 'partner-domain'
  | 'personal-webmail'
  | 'subdomain-excluded'
  | 'no-domain'
  | 'distribution-list'
  | LookalikeReason;

export interface ClassifiedRecipient {
  address: string;
  domain: string;
  field: RecipientField;
  class: RecipientClass;
  /** For class 'lookalike': the organization or partner domain it imitates. */
  lookalikeOf?: string;
  reason?: RecipientReason;
  /** Outlook said this is a distribution list or group whose members we cannot see. */
  distributionList?: boolean;
}

export interface ClassifyOptions {
  /** The organization's domains; empty or absent means the sender's own domain. */
  organizationDomains?: readonly string[];
  /** Subdomains of organization domains are internal (default true). */
  includeSubdomains?: boolean;
  partnerDomains?: readonly string[];
  /** Subdomains of partner domains are partners (default true). */
  partnerIncludeSubdomains?: boolean;
  /** The sender's address: the organization domain when none is configured. */
  sender?: string;
  /** Unexpandable distribution lists: classified by their domain (default) or always external. */
  distributionLists?: 'by-domain' | 'external';
}

type DomainVerdict = Pick<ClassifiedRecipient, 'class' | 'lookalikeOf' | 'reason'>;

const WEBMAIL_DOMAINS = new Set(PERSONAL_WEBMAIL_DOMAINS);
const WEBMAIL_NAMES = new Set(PERSONAL_WEBMAIL_NAMES);
const DISTRIBUTION_LIST_TYPES = new Set(['distributionlist', 'group']);

/** The organization domains in effect: the configured ones, or the sender's domain. */
export function effectiveOrganizationDomains(
  configured: readonly string[] | undefined,
  sender?: string,
): string[] {
  const domains = (configured ?? []).map(normalizeDomain).filter((d) => d.length > 0);
  if (domains.length > 0) return domains;
  const own = sender ? parseAddress(sender).domain : '';
  return own ? [own] : [];
}

function isPersonalWebmail(domain: string): boolean {
  return WEBMAIL_DOMAINS.has(domain) || WEBMAIL_NAMES.has(registrableParts(domain).name);
}

function makeDomainClassifier(options: ClassifyOptions): (domain: string) => DomainVerdict {
  const internal = effectiveOrganizationDomains(options.organizationDomains, options.sender).map(
    domainToUnicode,
  );
  const partners = (options.partnerDomains ?? [])
    .map((d) => domainToUnicode(normalizeDomain(d)))
    .filter((d) => d.length > 0);
  const internalSubs = options.includeSubdomains !== false;
  const partnerSubs = options.partnerIncludeSubdomains !== false;
  const targets = protectedShapes([...internal, ...partners]);
  // IDN domains compare in their Unicode form, so xn--mnchen-3ya.de and münchen.de are one domain.
  return (asGiven) => {
    const domain = domainToUnicode(asGiven);
    if (internal.some((d) => matchesDomain(domain, d, internalSubs)))
      return { class: 'internal', reason: 'organization-domain' };
    if (partners.some((d) => matchesDomain(domain, d, partnerSubs)))
      return { class: 'partner', reason: 'partner-domain' };
    if (
      internal.some((d) => matchesDomain(domain, d, true)) ||
      partners.some((d) => matchesDomain(domain, d, true))
    )
      return { class: 'external', reason: 'subdomain-excluded' };
    if (isPersonalWebmail(domain)) return { class: 'personal', reason: 'personal-webmail' };
    const lookalike = findLookalike(domain, targets);
    if (lookalike) return { class: 'lookalike', lookalikeOf: lookalike.of, reason: lookalike.reason };
    return { class: 'external' };
  };
}

/**
 * Classifies every To, Cc and Bcc recipient by the domain of its address alone: exact domain
 * matches (label-aligned subdomains where allowed), never substrings; the display name and
 * Outlook's recipientType never make a recipient internal. Each distinct domain is classified once.
 */
export function classifyRecipients(
  recipients: readonly RecipientInput[],
  options: ClassifyOptions = {},
): ClassifiedRecipient[] {
  const classifyDomain = makeDomainClassifier(options);
  const cache = new Map<string, DomainVerdict>();
  return recipients.map((recipient) => {
    const { address, domain } = parseAddress(recipient.address);
    const isList = DISTRIBUTION_LIST_TYPES.has((recipient.recipientType ?? '').toLowerCase());
    const base = { address, domain, field: recipient.field, ...(isList ? { distributionList: true } : {}) };
    if (isList && options.distributionLists === 'external')
      return { ...base, class: 'external', reason: 'distribution-list' };
    if (!domain) return { ...base, class: 'external', reason: 'no-domain' };
    let verdict = cache.get(domain);
    if (!verdict) {
      verdict = classifyDomain(domain);
      cache.set(domain, verdict);
    }
    return { ...base, ...verdict };
  });
}
