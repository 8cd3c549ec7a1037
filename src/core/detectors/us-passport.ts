import { isUpperCode, type Detector } from '../detect/detector';
import { allSameDigit, sequentialDigits } from './validators/digits';
import { startsAlone } from './validators/number-shapes';

/** Keywords that name the passport number itself (Purview's Keywords_eu_passport_number). */
const NUMBER_KEYWORDS = new Set([
  'passport number',
  'passport numbers',
  'passport no',
  'passport #',
  'passport#',
  'passportno',
  'passportnumber',
  'passportnumbers',
  'passportid',
  'passport id',
  'us passport',
  'u.s. passport',
  'passport card',
  'número de pasaporte',
  'numéro de passeport',
  'passnummer',
  'reisepassnummer',
]);

/** The matched keyword with any run of spaces, dashes or underscores read as one space. */
function keywordKey(keyword: string): string {
  return keyword.replace(/[\s_-]+/g, ' ');
}

export const usPassport: Detector = {
  entity: 'US_PASSPORT',
  description: 'U.S. passport number: 9 digits, or a letter and 8 digits (next-generation books)',
  trigger: {
    firstGroup: [8, 9],
    minDigits: 8,
    lead: 1,
    test: (g) =>
      g.len === 9 ? startsAlone(g.text, g.start) : isUpperCode(g.prev) && startsAlone(g.text, g.start - 1),
  },
  pattern: /(?:[A-Z]\d{8}|\d{9})(?![0-9A-Za-z_]|[-.]\d)/y,
  validate: (digits) => !allSameDigit(digits) && !sequentialDigits(digits),
  keywords: [
    ...Array.from(NUMBER_KEYWORDS),
    'passport',
    'passports',
    'travel document',
    'pasaporte',
    'passeport',
    'reisepass',
  ],
  headers: ['passport', 'passport number', 'passport no', 'passport num', 'passport id', 'passport nbr'],
  // No checksum. Purview: 75 with a passport-number keyword (85 adds an issue/expiry date);
  // "passport" alone is weaker evidence. Presidio's bare hits are very weak (0.05, 0.1).
  score: (e) => {
    if (e.header) return 0.9;
    if (e.context) return NUMBER_KEYWORDS.has(keywordKey(e.context)) ? 0.85 : 0.7;
    return e.digits.length === 8 ? 0.3 : 0.05;
  },
  examples: {
    positive: [
      { text: 'C03005988', header: 'Passport No.', match: 'C03005988', confidence: 'high' },
      { text: 'Passport No: A12803456', match: 'A12803456', confidence: 'high' },
      { text: 'my passport number is 912803456', match: '912803456', confidence: 'high' },
      { text: 'scan of my passport, C03005988, attached', match: 'C03005988', confidence: 'medium' },
      { text: 'name,passport\nAda,340020013\n', match: '340020013', confidence: 'high' },
      { text: 'Z12803456', match: 'Z12803456', confidence: 'low' },
      { text: 'número de pasaporte: Ｘ１２８０３４５６', match: 'Ｘ１２８０３４５６', confidence: 'high' },
    ],
    negative: [
      'passport number 12803456',
      'passport number 9128034567',
      'passport number A1280345',
      'passport number AB12803456',
      'passport number 111111111',
      'passport number 123456789',
      'order 5-912803456',
    ],
  },
};
