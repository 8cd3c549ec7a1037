import { asciiSkeleton, foldUnicodeConfusables, hasNonAscii } from './confusables';
import { matchesDomain, registrableParts } from './domain';
import { boundedEditDistance } from './edit-distance';
import { domainToUnicode } from './punycode';

export type LookalikeReason = 'idn-confusable' | 'homoglyph' | 'other-tld' | 'edit-distance' | 'embedded';

export interface Lookalike {
  /** The protected (organization or partner) domain the recipient's domain imitates. */
  of: string;
  reason: LookalikeReason;
}

/** Names this short have too many honest neighbours one edit away: only homoglyphs count. */
export const MIN_NAME_FOR_ONE_EDIT = 5;
/** From this length two edits still look like the same name at a glance. */
export const MIN_NAME_FOR_TWO_EDITS = 9;

/** How many edits of a registrable name of this length still count as a look-alike. */
export function allowedEdits(nameLength: number): number {
  if (nameLength >= MIN_NAME_FOR_TWO_EDITS) return 2;
  return nameLength >= MIN_NAME_FOR_ONE_EDIT ? 1 : 0;
}

interface Shape {
  domain: string;
  isIdn: boolean;
  /** Registrable name after IDN decoding and Unicode folding. */
  name: string;
  suffix: string;
  skeleton: string;
  /** The registrable domain as written (Unicode, unfolded): 'contoso.co.uk' for mail.contoso.co.uk. */
  registrable: string;
}

function shapeOf(domain: string): Shape {
  const unicode = domainToUnicode(domain);
  const isIdn = unicode !== domain || hasNonAscii(domain);
  const parts = registrableParts(foldUnicodeConfusables(unicode));
  const raw = registrableParts(unicode);
  return {
    domain,
    isIdn,
    name: parts.name,
    suffix: parts.suffix,
    skeleton: asciiSkeleton(parts.name),
    registrable: `${raw.name}.${raw.suffix}`,
  };
}

/** Pre-computes the shapes of the protected domains once per classification run. */
export function protectedShapes(domains: readonly string[]): Shape[] {
  return domains.map(shapeOf);
}

function compare(recipient: Shape, target: Shape): LookalikeReason | null {
  if (recipient.domain.startsWith(target.domain + '.')) return 'embedded';
  if (recipient.name === target.name + '-' + target.suffix.split('.').join('-')) return 'embedded';
  const sameSkeleton = recipient.skeleton === target.skeleton;
  if (recipient.isIdn && (sameSkeleton || recipient.name === target.name)) return 'idn-confusable';
  if (recipient.name === target.name) {
    if (recipient.suffix !== target.suffix) return 'other-tld';
    // Same folded name and suffix, different registrable domain: only accents or scripts differ.
    return target.isIdn ? 'idn-confusable' : 'homoglyph';
  }
  if (sameSkeleton) return 'homoglyph';
  const edits = allowedEdits(target.name.length);
  if (edits > 0 && boundedEditDistance(recipient.name, target.name, edits) <= edits) return 'edit-distance';
  return null;
}

/**
 * Is `domain` close to one of the protected domains without being it (or a subdomain of it)?
 * The caller has already ruled out exact and subdomain matches it accepts.
 */
export function findLookalike(domain: string, targets: readonly Shape[]): Lookalike | null {
  const recipient = shapeOf(domain);
  for (const target of targets) {
    if (matchesDomain(domain, target.domain, true)) continue;
    // Same registrable domain (mail.contoso.com vs contoso.com): one organization, not an imitation.
    if (recipient.registrable === target.registrable) continue;
    const reason = compare(recipient, target);
    if (reason) return { of: target.domain, reason };
  }
  return null;
}
