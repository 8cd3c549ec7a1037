import type { Detector } from '../detect/detector';
import { consistentSeparators } from './validators/digits';
import { startsAlone } from './validators/number-shapes';

/** Separators in the value: 2 for 9XX-XX-XXXX, 1 for the half-formatted 9XX-XXXXXX, 0 bare. */
function separatorCount(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) count++;
  }
  return count;
}

export const usItin: Detector = {
  entity: 'US_ITIN',
  description:
    'U.S. individual taxpayer identification number: 9XX-GG-XXXX with GG in 50-65, 70-88, 90-92, 94-99',
  trigger: {
    firstGroup: [3, 9],
    minDigits: 9,
    // Always starts with 9; bare, or 3 or 5 digits then a separator (9XX-GG-XXXX, 9XXGG-XXXX).
    test: (g) =>
      g.text.charCodeAt(g.start) === 57 &&
      (g.len === 9 || ((g.len === 3 || g.len === 5) && (g.next === 45 || g.next === 32 || g.next === 46))) &&
      startsAlone(g.text, g.start, g.next === 32),
  },
  // IRS group ranges (Presidio's us_itin_recognizer, Purview's Func_formatted_itin). A value
  // written with spaces must not run on into another space-separated digit group.
  pattern:
    /9\d{2}(?:[-.]?(?:5\d|6[0-5]|7\d|8[0-8]|9[0-24-9])[-.]?\d{4}|(?: (?:5\d|6[0-5]|7\d|8[0-8]|9[0-24-9]) ?|(?:5\d|6[0-5]|7\d|8[0-8]|9[0-24-9]) )\d{4}(?! \d))(?![0-9A-Za-z_]|[-.]\d)/y,
  validate: (_digits, value) => consistentSeparators(value),
  keywords: [
    'itin',
    'itins',
    'i.t.i.n.',
    'itin number',
    'individual taxpayer',
    'individual taxpayer identification number',
    'taxpayer',
    'tax payer',
    'taxpayer id',
    'tax id',
    'taxid',
    'tax identification',
    'tax identification number',
    'tin',
    'ssn',
    'social security',
    // Spanish, French and German forms.
    'número de identificación personal del contribuyente',
    'número de identificación fiscal',
    'contribuyente',
    "numéro d'identification fiscale",
    'identifiant fiscal',
    'steuernummer',
    'steueridentifikationsnummer',
  ],
  headers: ['itin', 'itin number', 'taxpayer id', 'tax id', 'taxid', 'tin', 'individual taxpayer id'],
  // Purview: 85 formatted + keyword, 75 unformatted + keyword, 65 either alone. With no checksum
  // and only the 9 prefix, a number alone stays low here.
  score: (e) => {
    if (e.header) return 0.95;
    const separators = separatorCount(e.value);
    if (e.context) return separators === 2 ? 0.9 : 0.75;
    return separators === 2 ? 0.4 : separators === 1 ? 0.1 : 0.2;
  },
  examples: {
    positive: [
      { text: '950651234', header: 'ITIN #', match: '950651234', confidence: 'high' },
      { text: 'ITIN: 912-70-1234 for the W-7', match: '912-70-1234', confidence: 'high' },
      { text: 'my taxpayer id is 912 94 4567', match: '912 94 4567', confidence: 'high' },
      { text: 'Tax ID 981781234', match: '981781234', confidence: 'medium' },
      { text: 'name,itin\nAda,950651234\n', match: '950651234', confidence: 'high' },
      { text: 'ref 911-70-1234 attached', match: '911-70-1234', confidence: 'low' },
      {
        text: 'número de identificación fiscal ９１２－７０－１２３４',
        match: '９１２－７０－１２３４',
        confidence: 'high',
      },
      { text: 'ITIN 912\u00a070\u00a01234', match: '912\u00a070\u00a01234', confidence: 'high' },
    ],
    negative: [
      'ITIN 911-89-1234',
      'my tax id 911-93-1234',
      'ITIN 812-70-1234',
      'ITIN 912-70-12345',
      'ITIN 912-70.1234',
      'order 12-912-70-1234',
      'part A912701234',
    ],
  },
};
