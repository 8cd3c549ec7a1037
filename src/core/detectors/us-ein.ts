import { isDigitCode, type Detector, type GroupStart } from '../detect/detector';
import { allSameDigit, sequentialDigits } from './validators/digits';
import { startsAlone } from './validators/number-shapes';

/**
 * EIN prefixes the IRS assigns, by campus (IRS, "How EINs are assigned and valid EIN prefixes"):
 * Andover, Atlanta, Austin, Brookhaven, Cincinnati, Fresno, Kansas City, Memphis, Ogden,
 * Philadelphia, Internet and SBA. Never assigned: 00, 07-09, 17-19, 28, 29, 49, 69, 70, 78, 79,
 * 89, 96, 97.
 */
const VALID_PREFIXES = new Set(
  (
    '01 02 03 04 05 06 10 11 12 13 14 15 16 20 21 22 23 24 25 26 27 30 31 32 33 34 35 36 37 38 39 ' +
    '40 41 42 43 44 45 46 47 48 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 ' +
    '71 72 73 74 75 76 77 80 81 82 83 84 85 86 87 88 90 91 92 93 94 95 98 99'
  ).split(' '),
);

export function einPrefixValid(digits: string): boolean {
  return digits.length === 9 && VALID_PREFIXES.has(digits.slice(0, 2));
}

/** The same prefixes indexed by number, for the trigger's check without substrings. */
const PREFIX_TABLE = (() => {
  const table = new Uint8Array(100);
  VALID_PREFIXES.forEach((prefix) => (table[Number(prefix)] = 1));
  return table;
})();

/** An IRS prefix, then 9 digits or 2 + separator + 7: "22 Aug" and "12-34" fail before any regex. */
function einTrigger(g: GroupStart): boolean {
  const text = g.text;
  if (PREFIX_TABLE[(text.charCodeAt(g.start) - 48) * 10 + (text.charCodeAt(g.start + 1) - 48)] !== 1)
    return false;
  if (g.len === 9) return startsAlone(text, g.start);
  return (
    g.len === 2 &&
    (g.next === 45 || g.next === 32) &&
    sevenDigitsAt(text, g.start + 3) &&
    startsAlone(text, g.start, g.next === 32)
  );
}

function sevenDigitsAt(text: string, index: number): boolean {
  for (let i = index; i < index + 7; i++) if (!isDigitCode(text.charCodeAt(i))) return false;
  return true;
}

export const usEin: Detector = {
  entity: 'US_EIN',
  description: 'U.S. employer identification number: XX-XXXXXXX with an IRS campus prefix',
  trigger: {
    firstGroup: [2, 9],
    minDigits: 9,
    test: einTrigger,
  },
  // A value written with a space must not run on into another digit group.
  pattern: /\d{2}(?: \d{7}(?! \d)|-?\d{7})(?![0-9A-Za-z_]|[-.]\d)/y,
  validate: (digits) => einPrefixValid(digits) && !allSameDigit(digits.slice(2)) && !sequentialDigits(digits),
  keywords: [
    'ein',
    'eins',
    'ein#',
    'ein number',
    'fein',
    'employer identification number',
    'employer identification no',
    'employer id',
    'employer id number',
    'federal employer identification number',
    'federal tax id',
    'federal tax identification number',
    'federal id number',
    'tax id',
    'taxid',
    'tax identification number',
    'taxpayer identification number',
    'irs number',
    // Spanish, French and German forms.
    'número de identificación del empleador',
    'número de identificación patronal',
    "numéro d'identification de l'employeur",
    'arbeitgeber-identifikationsnummer',
  ],
  headers: [
    'ein',
    'fein',
    'employer id',
    'employer identification number',
    'federal tax id',
    'tax id',
    'taxid',
  ],
  // No checksum: the dashed XX-XXXXXXX shape is distinctive but still needs a keyword for medium.
  score: (e) => {
    if (e.header) return 0.95;
    if (e.context) return e.formatted ? 0.9 : 0.7;
    return e.formatted ? 0.4 : 0.1;
  },
  examples: {
    positive: [
      { text: '043216549', header: 'Employer ID (EIN)', match: '043216549', confidence: 'high' },
      { text: 'Our EIN is 12-3456780.', match: '12-3456780', confidence: 'high' },
      { text: 'Federal Tax ID: 946093812', match: '946093812', confidence: 'medium' },
      { text: 'vendor,ein\nAcme,043216549\n', match: '043216549', confidence: 'high' },
      { text: 'ref 27-1438593 attached', match: '27-1438593', confidence: 'low' },
      { text: 'FEIN ５３－２０１９８４７', match: '５３－２０１９８４７', confidence: 'high' },
      { text: 'EIN 53\u00a02019847', match: '53\u00a02019847', confidence: 'high' },
    ],
    negative: [
      'EIN 07-3456780',
      'EIN 89-1234560',
      'EIN 00-1234560',
      'EIN 12-34567801',
      'EIN 12-0000000',
      'order 5-12-3456780',
      'part X123456780',
    ],
  },
};
