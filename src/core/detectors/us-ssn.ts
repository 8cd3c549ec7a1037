import { isDigitCode, isWordCode, nextGroupLength, type Detector, type GroupStart } from '../detect/detector';
import { allSameDigit, consistentSeparators } from './validators/digits';

/**
 * Numbers the SSA never issued or that were published in advertising and samples, so they are
 * never a real person's SSN (SSA, "Social Security Number Randomization"; python-stdnum's list).
 */
const NEVER_ISSUED = new Set([
  '078051120', // Woolworth's wallet insert, 1938
  '219099999', // SSA pamphlet sample
  '457555462', // LifeLock advertising
  '123456789',
  '987654321',
  '111111111',
  '333333333',
  '666666666',
  '999999999',
]);

/** Area, group and serial rules: 000, 666 and 9xx areas, group 00 and serial 0000 are never issued. */
export function ssnStructureValid(digits: string): boolean {
  if (digits.length !== 9) return false;
  // startsWith at an offset, not slices: no string is made for each candidate.
  if (digits.startsWith('000') || digits.startsWith('666') || digits.charCodeAt(0) === 57) return false;
  if (digits.startsWith('00', 3) || digits.startsWith('0000', 5)) return false;
  return !NEVER_ISSUED.has(digits) && !allSameDigit(digits);
}

/** Rejects a group that continues a longer number: 12-123-45-6789 or x123456789. */
export function startsCleanly(group: GroupStart): boolean {
  if (isWordCode(group.prev)) return false;
  if (group.prev === 45 || group.prev === 46) return !isDigitCode(group.text.charCodeAt(group.start - 2));
  return true;
}

export const usSsn: Detector = {
  entity: 'US_SSN',
  description: 'U.S. Social Security number: 123-45-6789, 123 45 6789 or 123456789',
  trigger: {
    firstGroup: [3, 9],
    minDigits: 9,
    test: (g) =>
      (g.len === 9 ||
        (g.len === 3 && (g.next === 45 || g.next === 32 || g.next === 46) && nextGroupLength(g) === 2)) &&
      startsCleanly(g),
  },
  pattern: /\d{3}([- .]?)\d{2}\1\d{4}(?![0-9A-Za-z_]|[-.]\d)/y,
  validate: (digits, value) => consistentSeparators(value) && ssnStructureValid(digits),
  keywords: [
    'ssn',
    'ssns',
    'ssn#',
    'ss#',
    'ss #',
    'ssid',
    'social security',
    'social security number',
    'social security no',
    'social security #',
    'soc sec',
    'ssa number',
    // Spanish, French, Portuguese, Italian and German forms used for the U.S. number.
    'número de seguro social',
    'numero de seguro social',
    'seguro social',
    'numéro de sécurité sociale',
    'sécurité sociale',
    'número de segurança social',
    'numero di previdenza sociale',
    'sozialversicherungsnummer',
  ],
  headers: ['ssn', 'ssns', 'social security', 'soc sec', 'ss', 'ss no', 'ss num', 'ssa number', 'socsec'],
  score: (e) => {
    if (e.header) return 0.95;
    if (e.context) return e.formatted ? 0.9 : 0.75;
    return e.formatted ? 0.4 : 0.1;
  },
  examples: {
    positive: [
      { text: 'Employee SSN: 536-22-8471, start date Monday', match: '536-22-8471', confidence: 'high' },
      { text: 'social security number 536 22 8471', match: '536 22 8471', confidence: 'high' },
      { text: 'SSN 536228471', match: '536228471', confidence: 'medium' },
      { text: 'Número de seguro social: 536-22-8471', match: '536-22-8471', confidence: 'high' },
      { text: 'name,ssn,city\nAda,536228471,Paris\n', match: '536228471', confidence: 'high' },
      { text: '536228471', match: '536228471', header: 'Soc Sec #', confidence: 'high' },
      { text: 'ref 536-22-8471 attached', match: '536-22-8471', confidence: 'low' },
      { text: 'SSN: ５３６－２２－８４７１', match: '５３６－２２－８４７１', confidence: 'high' },
      { text: 'SSN 536\u00a022\u00a08471', match: '536\u00a022\u00a08471', confidence: 'high' },
      { text: 'SSN 536&#8209;22&#8209;8471', match: '536&#8209;22&#8209;8471', confidence: 'high' },
    ],
    negative: [
      'SSN 078-05-1120',
      'SSN 219-09-9999',
      'SSN 457-55-5462',
      'SSN 123-45-6789',
      'SSN 000-12-3456',
      'SSN 666-12-3456',
      'SSN 912-70-1234',
      'SSN 536-00-8471',
      'SSN 536-22-0000',
      'SSN 536-22.8471',
      'SSN 536-22-84712',
      'order 12-536-22-8471',
      'part A536228471',
    ],
  },
};
