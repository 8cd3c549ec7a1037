import type { Confidence, EntityId } from '../types';

/**
 * The detector contract. A detector is plain data plus small pure functions, one file each
 * under src/core/detectors/, after Presidio's recognizers (pattern + validation + context
 * words + score) and trufflehog's detectors (a cheap prefilter before any regex runs).
 *
 * How the engine uses it (see scan-text.ts):
 * 1. Prefilter: the engine splits the text into numeric clusters (digit groups joined by at
 *    most two separator characters) and visits each group start. A detector is tried at a
 *    group only when the group's digit count is within `trigger.firstGroup`, the cluster has
 *    at least `trigger.minDigits` digits from there on, and `trigger.test` (if any) agrees.
 *    Detectors anchored on '@' (e-mail) use `trigger.anchor = 'at'` instead.
 * 2. Pattern: the sticky `pattern` is tried at the group start and up to `trigger.lead`
 *    characters before it (for letter prefixes such as an IBAN's country code).
 * 3. Validate: `validate` rejects shapes that cannot be real, or names the checksum that held.
 * 4. Evidence: context keywords near the match, and a column header that vouches for it.
 * 5. Score: `score(evidence)` turns the evidence into 0..1; 0 drops the match.
 */

export interface GroupStart {
  /** The whole (normalized) text being scanned. */
  text: string;
  /** Offset of the group's first digit. */
  start: number;
  /** Digits in this group. */
  len: number;
  /** Char code right after the group (a separator or whatever ends the cluster); NaN at text end. */
  next: number;
  /** Char code right before the group; NaN at text start. */
  prev: number;
  /** Digits from this group to the end of its cluster. */
  restDigits: number;
}

export interface Trigger {
  /** 'digits' (default): numeric clusters. 'at': every '@'. */
  anchor?: 'digits' | 'at';
  /**
   * Inclusive range of digit counts of the group a match can start at. A one-digit group that is
   * its whole cluster is offered only when letters and digits alternate after it ("1EG4") or it
   * is part of a hex-and-colon token ("1:", "1a:", "::1"): a lone digit in prose begins nothing
   * sensitive, and text is full of them.
   */
  firstGroup: readonly [number, number];
  /** Digits a match needs at least, counted from its first group. */
  minDigits: number;
  /** How many characters before the group a match may start (letter prefixes). */
  lead?: number;
  /** A cheap character-level check; keep it to a few charCodeAt calls. */
  test?(group: GroupStart): boolean;
  /**
   * For matches that start before their first digit at a distance only the text can tell (an
   * IPv6 address, "May 12, 1985"): the offset to try the pattern at, or -1 to skip the group.
   * Used instead of `test` and `lead`.
   */
  startAt?(group: GroupStart): number;
  /**
   * A prefilter the engine applies from a table before calling `test` or `startAt`, so most
   * groups cost a lookup instead of a call: the group is offered only when the character right
   * before it matches `before` or the one right after it matches `after` (one-character classes
   * such as /[A-Z]/). A group at an end of the text or next to a non-ASCII character is always
   * offered. It must accept everything the trigger does.
   */
  near?: { readonly before?: RegExp; readonly after?: RegExp };
}

/** What the engine gathered about one match; detectors score from it. */
export interface Evidence {
  /** The matched text (normalized). */
  value: string;
  /** Its digits only; empty for detectors anchored at '@' (addresses are not numbers). */
  digits: string;
  /** True when the value carries separators (dashes, spaces, dots) between its groups. */
  formatted: boolean;
  /** The checksum that held, if the detector has one. */
  checksum?: string;
  /** The context keyword found within the window, if any. */
  context?: string;
  /** The column header that vouches for this value, if any. */
  header?: string;
}

export interface DetectorExample {
  text: string;
  /** The exact substring expected to be found. */
  match: string;
  /** The tier expected for it. */
  confidence: Confidence;
  /** A column header to scan the text under, as the spreadsheet extractor does. */
  header?: string;
}

export interface Detector {
  readonly entity: EntityId;
  readonly description: string;
  readonly trigger: Trigger;
  /** Sticky ('y') and linear by construction: bounded repeats, no nested quantifiers. */
  readonly pattern: RegExp;
  /**
   * false rejects the match; a string names the checksum that held; true accepts it with no
   * checksum. Absent means every pattern match is accepted.
   */
  validate?(digits: string, value: string): boolean | string;
  /** Lower-case context words and phrases, matched as whole words near the value. */
  readonly keywords: readonly string[];
  /** Characters on either side searched for keywords; the engine's window (300) when absent. */
  readonly contextWindow?: number;
  /** Lower-case column headers (letters, digits and single spaces) that vouch for a column. */
  readonly headers: readonly string[];
  /** 0..1 from the evidence; 0 drops the match. */
  score(evidence: Evidence): number;
  /** The masked preview; defaults to keeping the last four characters. */
  mask?(value: string): string;
  /** Positive examples must be found at their tier; negatives must yield no finding of this entity. */
  readonly examples: { readonly positive: readonly DetectorExample[]; readonly negative: readonly string[] };
}

/** Digits of a value, in order. */
export function digitsOf(value: string): string {
  // The common cases, a bare number or a value with no digits (an address), allocate nothing.
  let runStart = -1;
  let digits = '';
  let runs = 0;
  for (let i = 0; i <= value.length; i++) {
    const digit = i < value.length && isDigitCode(value.charCodeAt(i));
    if (digit && runStart < 0) runStart = i;
    else if (!digit && runStart >= 0) {
      // Joining the few digit runs of a formatted number beats a regex replace several times over.
      digits = runs === 0 ? value.slice(runStart, i) : digits + value.slice(runStart, i);
      runs++;
      runStart = -1;
    }
  }
  return runs === 1 && digits.length === value.length ? value : digits;
}

/**
 * Digits in the group right after this one's separator (one character): lets a trigger check a
 * formatted value's second group, such as an SSN's 2 digits, before its pattern runs. 0 if none.
 */
export function nextGroupLength(group: GroupStart): number {
  const text = group.text;
  const from = group.start + group.len + 1;
  let i = from;
  while (isDigitCode(text.charCodeAt(i))) i++;
  return i - from;
}

export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isUpperCode(code: number): boolean {
  return code >= 65 && code <= 90;
}

export function isLetterCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** True for ASCII letters, digits and underscore: what \b treats as a word character. */
export function isWordCode(code: number): boolean {
  return isLetterCode(code) || isDigitCode(code) || code === 95;
}
