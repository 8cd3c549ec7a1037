/**
 * Addresses and domains, compared exactly: lower-cased, trailing dot removed, never by substring.
 */

/** RFC 5321 caps an address at 254 characters; longer strings are not addresses. */
export const MAX_ADDRESS_LENGTH = 254;

/**
 * Second-level public suffixes common in business mail. Not the whole Public Suffix List (it is
 * large and changes), just enough that "contoso.co.uk" has the registrable name "contoso".
 */
const TWO_LABEL_SUFFIXES = new Set([
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'ltd.uk',
  'plc.uk',
  'me.uk',
  'nhs.uk',
  'com.au',
  'net.au',
  'org.au',
  'edu.au',
  'gov.au',
  'co.nz',
  'org.nz',
  'co.za',
  'co.jp',
  'ne.jp',
  'or.jp',
  'co.kr',
  'co.in',
  'net.in',
  'org.in',
  'com.br',
  'com.mx',
  'com.ar',
  'com.cn',
  'com.hk',
  'com.sg',
  'com.tr',
  'com.tw',
  'co.il',
  'com.my',
]);

export interface ParsedAddress {
  /** The bare address, lower-cased: a display name or angle brackets around it are dropped. */
  address: string;
  /** The domain part, lower-cased; '' when the address has none. */
  domain: string;
}

/**
 * Reads the address itself. When a whole header value slips through ('"ceo@contoso.com"
 * <evil@gmail.com>') only the part in the LAST angle brackets counts: the quoted display name,
 * whatever domain it claims, decides nothing.
 */
export function parseAddress(raw: string): ParsedAddress {
  let value = raw.trim();
  const open = value.lastIndexOf('<');
  const close = value.lastIndexOf('>');
  if (open >= 0 && close > open) value = value.slice(open + 1, close).trim();
  if (value.toLowerCase().startsWith('mailto:')) value = value.slice(7);
  value = value.toLowerCase();
  if (value.length > MAX_ADDRESS_LENGTH) return { address: value.slice(0, MAX_ADDRESS_LENGTH), domain: '' };
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return { address: value, domain: '' };
  return { address: value, domain: normalizeDomain(value.slice(at + 1)) };
}

/** Lower case, no trailing dot, no surrounding brackets or spaces. */
export function normalizeDomain(domain: string): string {
  let d = domain.trim().toLowerCase();
  if (d.startsWith('@')) d = d.slice(1);
  while (d.endsWith('.')) d = d.slice(0, -1);
  return d;
}

/** True when `domain` is `parent` or, with `subdomains`, a label-aligned subdomain of it. */
export function matchesDomain(domain: string, parent: string, subdomains: boolean): boolean {
  if (domain === parent) return true;
  return subdomains && domain.length > parent.length && domain.endsWith('.' + parent);
}

export interface RegistrableParts {
  /** The label right before the public suffix: 'contoso' in mail.contoso.co.uk. */
  name: string;
  /** The public suffix: 'co.uk'. */
  suffix: string;
}

/** Splits a domain into its registrable name and public suffix (heuristic, see above). */
export function registrableParts(domain: string): RegistrableParts {
  const labels = domain.split('.');
  if (labels.length < 2) return { name: domain, suffix: '' };
  const lastTwo = labels.slice(-2).join('.');
  const suffixLabels = labels.length >= 3 && TWO_LABEL_SUFFIXES.has(lastTwo) ? 2 : 1;
  return {
    name: labels[labels.length - 1 - suffixLabels] as string,
    suffix: labels.slice(-suffixLabels).join('.'),
  };
}
