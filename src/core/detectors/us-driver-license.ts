import { isUpperCode, nextGroupLength, type Detector, type GroupStart } from '../detect/detector';
import { allSameDigit, sequentialDigits } from './validators/digits';
import { looksLikeTimestamp, startsAlone, timestampAt } from './validators/number-shapes';

/**
 * Common state formats (AAMVA / state DMV layouts, as collected in Presidio's recognizer):
 * FL A123-456-78-901-0, MI/MN/MD A123 456 789 012, IL/WI A123-4567-8901(-23),
 * NJ A1234 56789 01234, one letter and 5-14 digits (CA A1234567, KS K12345678, ...),
 * two letters and 5-7 digits (OH), IA 123AB4567, NH 12ABC12345, NY 123 456 789,
 * CO 12-345-6789, PA 12 345 678, and 7-14 plain digits. Digits with a letter suffix
 * (123456789A) are left out: in mail they are hexadecimal queue ids (762374415C).
 * Each alternative is fixed or boundedly repeated, so matching stays linear.
 */
const DL_PATTERN = new RegExp(
  '(?:' +
    [
      // Formatted layouts must not run on into another digit group (0818 304 304).
      '[A-Z]\\d{3}([- ])\\d{3}\\1\\d{2}\\1\\d{3}\\1\\d(?![- ]\\d)',
      '[A-Z]\\d{3}([- ])\\d{3}\\2\\d{3}\\2\\d{3}(?![- ]\\d)',
      '[A-Z]\\d{3}([- ])\\d{4}\\3\\d{4}(?:\\3\\d{2})?(?![- ]\\d)',
      '[A-Z]\\d{4}([- ])\\d{5}\\4\\d{5}(?![- ]\\d)',
      '[A-Z]{2}\\d{5,7}',
      '[A-Z]\\d{5,14}',
      // A capital before digits that fit none of the letter layouts: matched (and rejected by
      // validate) so the digit layouts below are not tried after a letter (A123 456 789).
      '[A-Z](?=\\d)',
      '\\d{3}[A-Z]{2}\\d{4}',
      '\\d{2}[A-Z]{3}\\d{5,6}',
      '\\d{3}([ -])\\d{3}\\5\\d{3}(?![- ]\\d)',
      '\\d{2}([ -])\\d{3}\\6\\d{3,4}(?![- ]\\d)',
      '\\d{7,14}',
    ].join('|') +
    // Not followed by a letter, '@' (an e-mail local part such as B0002356019@host), a dashed
    // or a dotted continuation (a host name, a decimal).
    ')(?![0-9A-Za-z_@]|-\\d|\\.[0-9A-Za-z])',
  'y',
);

/**
 * Where a license number can start: the offset to try the pattern at, or -1. One offset, not
 * the three a two-character lead would try: the letters before the digits say which one can
 * match. On a 1,587-row roster this took the pattern runs from 14,283 to 3,174 (with the SSN
 * rule below) and the detector's cost from 3.4 to 3.0 ms.
 */
function dlStart(g: GroupStart): number {
  if (!isUpperCode(g.prev)) return digitLayoutMayStart(g) ? g.start : -1;
  const text = g.text;
  // Two letters then 5-7 digits (OH): nothing can match later if [A-Z]{2}\d{5,7} does not.
  if (isUpperCode(text.charCodeAt(g.start - 2))) {
    return g.len >= 5 && g.len <= 7 && startsAlone(text, g.start - 2) ? g.start - 2 : -1;
  }
  if (g.len < 3 || !startsAlone(text, g.start - 1)) return -1;
  // One letter: after three digits the pattern may fail at the letter and match a digit layout
  // right after it (A384 927 615 gives 384 927 615: the [A-Z](?=\d) alternative never matches,
  // as the closing lookahead rejects the digit it requires). From four digits on only \d{7,14}
  // could, and it fails wherever [A-Z]\d{5,14} did.
  return g.len === 3 && !patternMatchesAt(text, g.start - 1) ? g.start : g.start - 1;
}

/** Whether the pattern matches at `at`, as the engine will try it there. */
function patternMatchesAt(text: string, at: number): boolean {
  DL_PATTERN.lastIndex = at;
  return DL_PATTERN.test(text);
}

/** A clean digit group that can open a layout without letters before it. */
function digitLayoutMayStart(g: GroupStart): boolean {
  if (g.len >= 7) return !timestampAt(g.text, g.start, g.len) && startsAlone(g.text, g.start);
  if (g.len !== 2 && g.len !== 3) return false;
  // 2 or 3 digits opening a spaced or dashed layout of 8-9 digits (NY 123 456 789, CO 12-345-6789,
  // PA 12 345 678), whose second group has 3 digits: an SSN's 123-45-6789 fails here. Or the
  // letters of IA 123AB4567 / NH 12ABC12345. Dates ("22 Aug 2002") and times fail before any regex.
  const next = g.next;
  if (next === 32 || next === 45)
    return g.restDigits >= 8 && nextGroupLength(g) === 3 && startsAlone(g.text, g.start, true);
  const after = g.start + g.len;
  return (
    isUpperCode(next) &&
    isUpperCode(g.text.charCodeAt(after + 1)) &&
    (g.len === 3 || isUpperCode(g.text.charCodeAt(after + 2))) &&
    startsAlone(g.text, g.start)
  );
}

/**
 * Keywords that are weaker evidence: short forms that also occur as user names, hosts and file
 * names (dl@example.com, dl.example.org), and "license number", which software licenses share.
 */
const WEAK_KEYWORDS = new Set([
  'dl',
  'dls',
  'dln',
  'cdl',
  'cdls',
  'lic#',
  'license number',
  'licence number',
]);

/** Runs of the phrase gap a keyword hit may keep from the text ("license_number"). */
const GAPS = /[\s_-]+/g;
const GAP = /[\s_-]/;

/**
 * Whether a context hit is a weak keyword. The engine asks the score with a placeholder context
 * for every candidate; only a hit with a gap can differ from its single-spaced form, so most
 * calls skip the replace (34 ns each, 3,174 calls on the roster).
 */
function isWeakKeyword(context: string): boolean {
  if (WEAK_KEYWORDS.has(context)) return true;
  return GAP.test(context) && WEAK_KEYWORDS.has(context.replace(GAPS, ' '));
}

function hasLetter(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (isUpperCode(value.charCodeAt(i))) return true;
  return false;
}

export const usDriverLicense: Detector = {
  entity: 'US_DRIVER_LICENSE',
  description: "U.S. driver's license number in a common state format, next to a license keyword",
  // minDigits counts one cluster only, and letters end a cluster (927RX4561 is "927", "4561").
  trigger: { firstGroup: [2, 14], minDigits: 2, startAt: dlStart },
  pattern: DL_PATTERN,
  validate: (digits, value) =>
    digits.length >= 5 &&
    !allSameDigit(digits) &&
    !sequentialDigits(digits) &&
    (hasLetter(value) || !looksLikeTimestamp(digits)),
  // Purview's Keyword_us_drivers_license plus its unambiguous abbreviations. "ID", "IDs" and
  // "identification number" are left out: next to a number they name any ID, not a license.
  keywords: [
    // Whole-word matching makes "driver license" cover "Driver License #" and "... number".
    'driver license',
    'driver licenses',
    'drivers license',
    'drivers licenses',
    "driver's license",
    "driver's licenses",
    'driver\u2019s license',
    'driver lic',
    'drivers lic',
    "driver's lic",
    'driverlicense',
    'driverlic',
    'driver licence',
    'drivers licence',
    "driver's licence",
    'driving licence',
    'driving license',
    'license number',
    'licence number',
    'dl',
    'dls',
    'dln',
    'cdl',
    'cdls',
    'lic#',
    // Spanish, French and German forms.
    'licencia de conducir',
    'licencia de manejo',
    'número de licencia',
    'permis de conduire',
    'numéro de permis',
    'führerschein',
    'führerscheinnummer',
  ],
  headers: [
    'dl',
    'dl number',
    'dl no',
    'dln',
    'cdl',
    'driver license',
    'drivers license',
    'driver s license',
    'driver license number',
    'drivers license number',
    'driving licence',
    'license number',
    'licence number',
    'license no',
  ],
  // No checksum and shapes shared with every other ID: a keyword is required above low
  // (Purview's 65/75 need a license keyword and a state). Letter-bearing or formatted state
  // layouts are stronger evidence than a plain digit run, and a weak keyword such as "DL"
  // weaker than the words: a plain digit run next to one stays low.
  // The header comes first: a roster asks the score several times per cell.
  score: (e) => {
    if (e.header) return 0.9;
    const distinctive = e.formatted || hasLetter(e.value);
    if (e.context) {
      if (isWeakKeyword(e.context)) return distinctive ? 0.75 : 0.4;
      return distinctive ? 0.85 : 0.7;
    }
    return distinctive ? 0.2 : 0.05;
  },
  examples: {
    positive: [
      { text: 'D5830194', header: "Driver's License #", match: 'D5830194', confidence: 'high' },
      { text: "Driver's license: D5830194 (CA)", match: 'D5830194', confidence: 'high' },
      { text: 'FL driver license number S530-460-53-010-0', match: 'S530-460-53-010-0', confidence: 'high' },
      { text: 'NY DL# 394 827 615', match: '394 827 615', confidence: 'medium' },
      { text: 'drivers license 48271936', match: '48271936', confidence: 'medium' },
      { text: 'Iowa driver license 927RX4561', match: '927RX4561', confidence: 'high' },
      { text: 'software license number 48271936', match: '48271936', confidence: 'low' },
      { text: 'name,dl number\nAda,K512-4731-0902-18\n', match: 'K512-4731-0902-18', confidence: 'high' },
      { text: 'ticket B2234571', match: 'B2234571', confidence: 'low' },
      { text: 'permis de conduire Ｄ５８３０１９４', match: 'Ｄ５８３０１９４', confidence: 'high' },
    ],
    negative: [
      'C12T345672',
      'ABCDEFG ABCDEFGH ABCDEFGHI',
      'driver license 1234567',
      'driver license D11111111',
      'driver license ABC1234567',
      'driver license x1234567',
      'driver license 12-D5830194',
      'driver license 123456789012345',
      'driver license A123 456 789',
      'DL with ESMTP id 762374415C',
      'driver license Message-Id: <3D64E94E.80603017@example.org>',
      'driving licence helpline 00 353 818 304 304',
      'DL# 394-82-7615',
    ],
  },
};
